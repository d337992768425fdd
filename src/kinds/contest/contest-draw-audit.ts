import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KindRecipientResolver } from '../common/kind-recipient';
import { DRAW_ALGORITHM, drawOrder, entryDigest, sha256Hex } from './contest-draw';
import { beaconRound } from './draw-beacon';
import { ContestDrawLog, ContestWinner } from './contest.entities';
import { DrawContest } from './draw-contest';
import { drawInputOf, FrozenEntry, frozenEntries } from './frozen-entries';

export const AUDIT_FORMAT = 'valuemail-contest-draw-audit/1';

/**
 * Everything needed to recompute a draw, and nothing personal: entries appear
 * under pseudonyms. `node scripts/verify-draw.js FILE` checks it offline.
 */
export interface DrawAuditDocument {
  format: typeof AUDIT_FORMAT;
  algorithm: string;
  specification: string;
  contest: {
    campaignId: number;
    title: string;
    prize: string;
    winnersWanted: number;
    startsAt: string;
    endsAt: string;
  };
  commitment: { seedHash: string; committedAt: string };
  beacon: {
    source: string;
    chainHash: string;
    round: number;
    publishedAt: string;
    url: string;
    value: string | null;
  } | null;
  entries: {
    frozenAt: string;
    count: number;
    digest: string;
    excludedErased: number;
    list: Array<[string, number]>;
  } | null;
  draw: {
    seed: string;
    drawnAt: string;
    /** Every entry drawn, in order: the first `winnersWanted`, then one per redraw. */
    order: string[];
    winners: Array<{ position: number; entry: string; status: string; reason: string | null }>;
  } | null;
  log: Array<{ action: string; at: string; entry: string | null; reason: string | null }>;
}

export interface DrawVerification {
  ok: boolean;
  seedMatchesCommitment: boolean;
  snapshotMatchesHash: boolean;
  winnersMatch: boolean;
  expected: string[];
  stored: string[];
}

@Injectable()
export class ContestDrawAudit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
    private readonly draws: DrawContest,
  ) {}

  async document(campaignId: number): Promise<DrawAuditDocument> {
    const { content } = await this.recipients.campaignOf(campaignId, 'contest');
    const draw = await this.draws.committed(campaignId);
    if (draw.drawnAt) await this.draws.drawn(campaignId); // refuses draws made before this format
    const entries = draw.frozenAt ? frozenEntries(draw) : [];
    const refOf = pseudonyms(entries);
    const ds = this.dataSource;
    const winners = await ds.getRepository(ContestWinner).find({ where: { campaignId }, order: { position: 'ASC' } });
    const log = await ds.getRepository(ContestDrawLog).find({ where: { campaignId }, order: { id: 'ASC' } });
    const round = draw.beaconRound ? beaconRound(draw.beaconRound) : null;
    return {
      format: AUDIT_FORMAT,
      algorithm: draw.algorithm,
      specification: 'docs/contest-draw.md in the valuemail repository',
      contest: {
        campaignId,
        title: content.title,
        prize: content.prize,
        winnersWanted: content.winners,
        startsAt: iso(content.startsAt),
        endsAt: iso(content.endsAt),
      },
      commitment: { seedHash: draw.seedHash, committedAt: iso(draw.committedAt) },
      beacon: round
        ? {
            source: round.source,
            chainHash: round.chainHash,
            round: round.round,
            publishedAt: iso(round.at),
            url: round.url,
            value: draw.beaconValue,
          }
        : null,
      entries: draw.frozenAt
        ? {
            frozenAt: iso(draw.frozenAt),
            count: entries.length,
            digest: draw.snapshotHash ?? '',
            excludedErased: draw.excludedErased ?? 0,
            list: entries.map((e) => [e.ref, e.weight]),
          }
        : null,
      draw: draw.drawnAt
        ? {
            seed: draw.seed,
            drawnAt: iso(draw.drawnAt),
            order: (draw.drawn ?? []).map(refOf),
            winners: winners.map((w) => ({
              position: w.position,
              entry: refOf(w.subscriberId),
              status: w.status,
              reason: w.reason,
            })),
          }
        : null,
      log: log.map((l) => ({
        action: l.action,
        at: iso(l.createdAt),
        entry: l.subscriberId === null ? null : refOf(l.subscriberId),
        reason: publicReason(l.reason, refOf),
      })),
    };
  }

  /** Recomputes the stored draw with this server's implementation (the script is the independent one). */
  async verify(campaignId: number): Promise<DrawVerification> {
    const draw = await this.draws.drawn(campaignId);
    const entries = frozenEntries(draw);
    const refOf = pseudonyms(entries);
    const stored = (draw.drawn ?? []).map(refOf);
    const expected = drawOrder(drawInputOf(draw, entries, draw.beaconValue), stored.length);
    const positions = await this.dataSource
      .getRepository(ContestWinner)
      .find({ where: { campaignId }, order: { position: 'ASC' } });
    const seedMatchesCommitment = sha256Hex(draw.seed) === draw.seedHash;
    const snapshotMatchesHash = entryDigest(entries) === draw.snapshotHash;
    const winnersMatch =
      draw.algorithm === DRAW_ALGORITHM &&
      same(expected, stored) &&
      same(
        positions.map((p) => refOf(p.subscriberId)),
        stored,
      );
    return {
      ok: seedMatchesCommitment && snapshotMatchesHash && winnersMatch,
      seedMatchesCommitment,
      snapshotMatchesHash,
      winnersMatch,
      expected,
      stored,
    };
  }

  /** The entry pseudonym of a subscriber in a frozen contest, so an entrant can find themselves in the published file. */
  async entryOf(campaignId: number, subscriberId: number): Promise<string | null> {
    const draw = await this.draws.committed(campaignId).catch(() => null);
    if (!draw?.frozenAt) return null;
    return frozenEntries(draw).find((e) => e.subscriberId === subscriberId)?.ref ?? null;
  }
}

function pseudonyms(entries: FrozenEntry[]): (subscriberId: number) => string {
  const bySubscriber = new Map(entries.map((e) => [e.subscriberId, e.ref]));
  return (subscriberId) => bySubscriber.get(subscriberId) ?? 'not-an-entry';
}

// Redraw reasons name the replaced subscriber ("replaces 12: ..."); the public file names the entry instead.
function publicReason(reason: string | null, refOf: (subscriberId: number) => string): string | null {
  return (
    reason?.replace(
      /^(replaces|no entries left to replace) (\d+)/,
      (_m, words: string, id: string) => `${words} ${refOf(Number(id))}`,
    ) ?? null
  );
}

const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

const iso = (value: Date | string) => new Date(value).toISOString();
