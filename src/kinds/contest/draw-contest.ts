import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LinkTokenService } from '../../links/link-token.service';
import { KindRecipientResolver } from '../common/kind-recipient';
import { KindException } from '../common/kind.exception';
import { DRAW_ALGORITHM, drawOrder, entryDigest, normaliseBeaconValue, sha256Hex } from './contest-draw';
import { BeaconRound, beaconRound, FREEZE_WINDOW_MS, roundAtOrAfter } from './draw-beacon';
import { ContestWinnerNotifier } from './contest-winner.notifier';
import { ContestDraw, ContestWinner, DrawLogAction } from './contest.entities';
import type { ContestContent } from './contest.content';
import { drawInputOf, FrozenEntry, frozenEntries } from './frozen-entries';

export interface DrawCaveat {
  code: 'no_beacon' | 'frozen_after_beacon';
  message: string;
}

export interface DrawState {
  campaignId: number;
  algorithm: string;
  seedHash: string;
  committedAt: Date;
  beacon: (BeaconRound & { value: string | null }) | null;
  frozenAt: Date | null;
  snapshotHash: string | null;
  entries: number | null;
  drawnAt: Date | null;
  /** Revealed only once drawn. */
  seed: string | null;
  winners: Array<{ subscriberId: number; position: number; status: string; reason: string | null }>;
  /** The audit file anyone can download and check with scripts/verify-draw.js. */
  auditUrl: string;
  caveats: DrawCaveat[];
}

export interface CommitOptions {
  /** Name the first drand round published an hour after entries close. */
  useBeacon?: boolean;
  /** Or name a round explicitly (it must be published after entries close). */
  beaconRound?: number;
}

/**
 * The draw nobody can steer: commit to a secret seed (its sha256 is public) and,
 * optionally, to a future public beacon round, before entries close; freeze the
 * entry list after they close; draw from seed + entry digest + beacon value.
 * docs/contest-draw.md specifies the algorithm and what is still trusted.
 */
@Injectable()
export class DrawContest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
    private readonly notifier: ContestWinnerNotifier,
    private readonly clock: Clock,
    private readonly tokens: LinkTokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async commit(campaignId: number, options: CommitOptions = {}): Promise<DrawState> {
    const { content } = await this.recipients.campaignOf(campaignId, 'contest');
    const now = this.clock.now();
    const endsAt = new Date(content.endsAt);
    const ended = now.getTime() >= endsAt.getTime();
    // After the close a seed could be picked knowing every entry; only a beacon round still to come keeps the outcome unknowable.
    if (ended && !options.useBeacon && options.beaconRound === undefined) {
      throw new KindException(
        'contest_ended',
        `Entries closed at ${endsAt.toISOString()}. Commit before entries close, or, now that they have, with a public random number (useBeacon): a seed alone chosen after the close could be picked knowing every entry.`,
      );
    }
    const round = this.roundFor(ended ? now : endsAt, options);
    const seed = randomBytes(32).toString('hex');
    const ds = this.dataSource;
    const inserted = await execute(
      ds,
      'INSERT INTO contest_draws (campaign_id, seed_hash, seed, committed_at, algorithm, beacon_round) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id) DO NOTHING',
      [campaignId, sha256Hex(seed), seed, dbTime(ds, now), DRAW_ALGORITHM, round],
    );
    if (inserted !== 1)
      throw new KindException(
        'contest_already_drawn',
        `Contest ${campaignId} is already committed to a seed; its hash cannot change`,
      );
    await this.log(campaignId, 'commit', null, null, { seedHash: sha256Hex(seed), beaconRound: round });
    return this.state(campaignId);
  }

  async state(campaignId: number): Promise<DrawState> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const draw = await this.committed(campaignId);
    const winners = await this.dataSource
      .getRepository(ContestWinner)
      .find({ where: { campaignId }, order: { position: 'ASC' } });
    const beacon = draw.beaconRound ? { ...beaconRound(draw.beaconRound), value: draw.beaconValue } : null;
    const caveats: DrawCaveat[] = [];
    if (!beacon)
      caveats.push({
        code: 'no_beacon',
        message:
          'No public beacon was named at commit: whoever runs this server knows the seed and could add entries before the close until the outcome suits them. Entrants cannot steer it.',
      });
    if (beacon && draw.frozenAt && draw.frozenAt.getTime() >= beacon.at.getTime()) {
      caveats.push({
        code: 'frozen_after_beacon',
        message: `The entry list was frozen after beacon round ${beacon.round} was public, so it could have been chosen knowing the outcome.`,
      });
    }
    return {
      campaignId,
      algorithm: draw.algorithm,
      seedHash: draw.seedHash,
      committedAt: draw.committedAt,
      beacon,
      frozenAt: draw.frozenAt,
      snapshotHash: draw.snapshotHash,
      entries: draw.snapshot ? (JSON.parse(draw.snapshot) as unknown[]).length : null,
      drawnAt: draw.drawnAt,
      seed: draw.drawnAt ? draw.seed : null,
      winners: winners.map((w) => ({
        subscriberId: w.subscriberId,
        position: w.position,
        status: w.status,
        reason: w.reason,
      })),
      auditUrl: `${this.config.publicUrl}/c/draw/${campaignId}/audit.json`,
      caveats,
    };
  }

  /** Freezes the entry list: everyone who entered before the close (minus erased people), with their weights, under pseudonyms. */
  async freeze(campaignId: number): Promise<DrawState> {
    const { content } = await this.recipients.campaignOf(campaignId, 'contest');
    this.assertEnded(campaignId, content);
    const draw = await this.committed(campaignId);
    if (draw.frozenAt)
      throw new KindException(
        'contest_already_frozen',
        `The entry list of contest ${campaignId} was frozen at ${draw.frozenAt.toISOString()}; it cannot change`,
      );
    await this.freezeNow(draw, content);
    return this.state(campaignId);
  }

  async draw(campaignId: number, rawBeaconValue?: string): Promise<DrawState> {
    const { campaign, content } = await this.recipients.campaignOf(campaignId, 'contest');
    this.assertEnded(campaignId, content);
    let draw = await this.committed(campaignId);
    if (draw.drawnAt)
      throw new KindException(
        'contest_already_drawn',
        `Contest ${campaignId} was drawn at ${draw.drawnAt.toISOString()}`,
      );
    const beaconValue = this.beaconValueFor(draw, rawBeaconValue);
    if (!draw.frozenAt) draw = await this.freezeNow(draw, content);
    const entries = frozenEntries(draw);
    const order = drawOrder(drawInputOf(draw, entries, beaconValue), content.winners).map((ref) =>
      subscriberOf(entries, ref),
    );
    const ds = this.dataSource;
    const won = await execute(
      ds,
      'UPDATE contest_draws SET beacon_value = ?, algorithm = ?, drawn = ?, drawn_at = ? WHERE id = ? AND drawn_at IS NULL',
      [beaconValue, DRAW_ALGORITHM, JSON.stringify(order), dbTime(ds, this.clock.now()), draw.id],
    );
    if (won !== 1) throw new KindException('contest_already_drawn', `Contest ${campaignId} was drawn by another call`);
    await ds
      .getRepository(ContestWinner)
      .insert(order.map((subscriberId, i) => ({ campaignId, subscriberId, position: i + 1, status: 'won' as const })));
    await this.log(campaignId, 'draw', null, null, {
      snapshotHash: draw.snapshotHash,
      entries: entries.length,
      beaconValue,
      winners: order,
    });
    for (const subscriberId of order) await this.notifier.notify(campaign, content, subscriberId);
    return this.state(campaignId);
  }

  /** Disqualifies a winner and draws the next one in the same order; both are logged with the reason and published. */
  async disqualify(campaignId: number, subscriberId: number, reason: string): Promise<DrawState> {
    const { campaign, content } = await this.recipients.campaignOf(campaignId, 'contest');
    const draw = await this.drawn(campaignId);
    const ds = this.dataSource;
    const changed = await execute(
      ds,
      "UPDATE contest_winners SET status = 'disqualified', reason = ? WHERE campaign_id = ? AND subscriber_id = ? AND status = 'won'",
      [reason, campaignId, subscriberId],
    );
    if (changed !== 1)
      throw new KindException(
        'contest_not_winner',
        `Subscriber ${subscriberId} is not a current winner of contest ${campaignId}`,
        404,
      );
    await this.log(campaignId, 'disqualify', subscriberId, reason, {});
    const drawn = draw.drawn ?? [];
    const entries = frozenEntries(draw);
    const next = drawOrder(drawInputOf(draw, entries, draw.beaconValue), drawn.length + 1).map((ref) =>
      subscriberOf(entries, ref),
    );
    if (next.length > drawn.length) {
      const replacement = next[next.length - 1];
      const moved = await execute(ds, 'UPDATE contest_draws SET drawn = ? WHERE id = ? AND drawn = ?', [
        JSON.stringify(next),
        draw.id,
        JSON.stringify(drawn),
      ]);
      if (moved !== 1)
        throw new KindException(
          'contest_already_drawn',
          'Another redraw happened at the same time; reload and try again',
        );
      await ds
        .getRepository(ContestWinner)
        .insert({ campaignId, subscriberId: replacement, position: next.length, status: 'won' });
      await this.log(campaignId, 'redraw', replacement, `replaces ${subscriberId}: ${reason}`, {
        position: next.length,
      });
      await this.notifier.notify(campaign, content, replacement);
    } else {
      await this.log(campaignId, 'redraw', null, `no entries left to replace ${subscriberId}`, {});
    }
    return this.state(campaignId);
  }

  async auditLog(campaignId: number): Promise<unknown[]> {
    const ds = this.dataSource;
    return ds.query(
      sql(
        ds,
        'SELECT action, subscriber_id AS "subscriberId", reason, data, created_at AS "createdAt" FROM contest_draw_log WHERE campaign_id = ? ORDER BY id',
      ),
      [campaignId],
    );
  }

  /** A drawn contest whose draw this version can recompute. */
  async drawn(campaignId: number): Promise<ContestDraw> {
    const draw = await this.committed(campaignId);
    if (!draw.drawnAt || !draw.snapshot)
      throw new KindException('contest_not_drawn', `Contest ${campaignId} has not been drawn yet`);
    if (draw.algorithm !== DRAW_ALGORITHM) {
      throw new KindException(
        'contest_old_algorithm',
        `Contest ${campaignId} was drawn with ${draw.algorithm}, before audit files existed; its record stays in the draw log but it cannot be recomputed or redrawn here`,
      );
    }
    return draw;
  }

  async committed(campaignId: number): Promise<ContestDraw> {
    const draw = await this.dataSource.getRepository(ContestDraw).findOneBy({ campaignId });
    if (!draw)
      throw new KindException(
        'contest_no_commitment',
        `Contest ${campaignId} has no seed commitment yet: commit before entries close (POST /api/campaigns/${campaignId}/contest/draw/commit)`,
        404,
      );
    return draw;
  }

  /** A round published after `from` (the close, or now when committing after it), so nobody knows its value yet. */
  private roundFor(from: Date, options: CommitOptions): number | null {
    const suggested = roundAtOrAfter(new Date(from.getTime() + FREEZE_WINDOW_MS));
    if (options.beaconRound !== undefined) {
      const named = beaconRound(options.beaconRound);
      if (named.at.getTime() < from.getTime()) {
        throw new KindException(
          'contest_beacon_invalid',
          `Beacon round ${options.beaconRound} is published at ${named.at.toISOString()}, before ${from.toISOString()}, so its value could be known already; name a later round (for example ${suggested}, an hour after)`,
          400,
        );
      }
      return options.beaconRound;
    }
    return options.useBeacon ? suggested : null;
  }

  private beaconValueFor(draw: ContestDraw, raw: string | undefined): string | null {
    if (!draw.beaconRound) {
      if (raw)
        throw new KindException(
          'contest_beacon_invalid',
          'This contest named no beacon round when it was committed, so no beacon value can be used now: a value picked at draw time could steer the result',
          400,
        );
      return null;
    }
    const round = beaconRound(draw.beaconRound);
    if (this.clock.now().getTime() < round.at.getTime()) {
      throw new KindException(
        'contest_beacon_not_yet',
        `Beacon round ${round.round} is published at ${round.at.toISOString()}; draw after that with its value from ${round.url}`,
      );
    }
    if (!raw)
      throw new KindException(
        'contest_beacon_required',
        `Type in the "randomness" of beacon round ${round.round}, published at ${round.url}`,
        400,
      );
    const value = normaliseBeaconValue(raw);
    if (!value)
      throw new KindException(
        'contest_beacon_invalid',
        `"${raw.slice(0, 80)}" is not a beacon value: copy the 64-character "randomness" from ${round.url}`,
        400,
      );
    return value;
  }

  private assertEnded(campaignId: number, content: ContestContent): void {
    if (this.clock.now().getTime() < new Date(content.endsAt).getTime()) {
      throw new KindException(
        'contest_not_ended',
        `Contest ${campaignId} ends at ${content.endsAt}; the entry list can only be frozen and drawn after that`,
      );
    }
  }

  private async freezeNow(draw: ContestDraw, content: ContestContent): Promise<ContestDraw> {
    const ds = this.dataSource;
    const campaignId = draw.campaignId;
    // Everyone who entered before the close counts; people erased since cannot be contacted or win, and are counted as left out.
    const rows: Array<{ subscriber_id: number; bonus_entries: number; erased: number }> = await ds.query(
      sql(
        ds,
        `SELECT e.subscriber_id, e.bonus_entries,
      CASE WHEN s.id IS NULL OR s.erased_at IS NOT NULL THEN 1 ELSE 0 END AS erased
      FROM contest_entries e LEFT JOIN subscribers s ON s.id = e.subscriber_id WHERE e.campaign_id = ? AND e.entered_at < ?`,
      ),
      [campaignId, dbTime(ds, new Date(content.endsAt))],
    );
    const kept = rows.filter((r) => Number(r.erased) === 0);
    if (kept.length === 0)
      throw new KindException('contest_no_entries', `Contest ${campaignId} has no entries to draw from`, 422);
    const entries: FrozenEntry[] = kept
      .map((r) => ({
        ref: this.tokens.pseudonym(`contest-entry:${campaignId}`, String(r.subscriber_id)),
        weight: 1 + Number(r.bonus_entries),
        subscriberId: Number(r.subscriber_id),
      }))
      .sort((a, b) => (a.ref < b.ref ? -1 : 1));
    if (new Set(entries.map((e) => e.ref)).size !== entries.length)
      throw new Error(`Two entries of contest ${campaignId} share a pseudonym`);
    const digest = entryDigest(entries);
    const now = this.clock.now();
    const frozen = await execute(
      ds,
      'UPDATE contest_draws SET snapshot = ?, snapshot_hash = ?, excluded_erased = ?, frozen_at = ? WHERE id = ? AND frozen_at IS NULL',
      [
        JSON.stringify(entries.map((e) => [e.ref, e.weight, e.subscriberId])),
        digest,
        rows.length - kept.length,
        dbTime(ds, now),
        draw.id,
      ],
    );
    if (frozen !== 1)
      throw new KindException(
        'contest_already_frozen',
        `The entry list of contest ${campaignId} was frozen by another call`,
      );
    const afterBeacon = draw.beaconRound ? now.getTime() >= beaconRound(draw.beaconRound).at.getTime() : false;
    await this.log(campaignId, 'freeze', null, null, {
      snapshotHash: digest,
      entries: entries.length,
      excludedErased: rows.length - kept.length,
      afterBeacon,
    });
    return this.committed(campaignId);
  }

  private async log(
    campaignId: number,
    action: DrawLogAction,
    subscriberId: number | null,
    reason: string | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    const ds = this.dataSource;
    await execute(
      ds,
      'INSERT INTO contest_draw_log (campaign_id, action, subscriber_id, reason, data, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [campaignId, action, subscriberId, reason, JSON.stringify(data), dbTime(ds, this.clock.now())],
    );
  }
}

function subscriberOf(entries: FrozenEntry[], ref: string): number {
  return entries.find((e) => e.ref === ref)!.subscriberId;
}
