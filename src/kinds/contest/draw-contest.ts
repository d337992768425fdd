import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Subscriber } from '../../audience/subscriber.entity';
import { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import { escapeHtml } from '../../common/html-page';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { EventWriter } from '../../events/event-writer';
import { LocaleResolver } from '../../i18n/locale-resolver';
import { MailTransport } from '../../mail/mail-transport.service';
import { senderOf } from '../../mail/sender';
import { KindRecipientResolver } from '../common/kind-recipient';
import { KindException } from '../common/kind.exception';
import { canonicalSnapshot, drawWinners, parseSnapshot, sha256Hex, SnapshotEntry } from './contest-draw';
import { ContestDraw, ContestWinner } from './contest.entities';
import type { ContestContent } from './contest.content';

export interface DrawState {
  campaignId: number;
  seedHash: string;
  committedAt: Date;
  drawnAt: Date | null;
  /** Revealed only once drawn. */
  seed: string | null;
  snapshotHash: string | null;
  entries: number | null;
  winners: Array<{ subscriberId: number; position: number; status: string; reason: string | null }>;
}

export interface DrawVerification {
  ok: boolean;
  seedMatchesCommitment: boolean;
  snapshotMatchesHash: boolean;
  winnersMatch: boolean;
  expected: number[];
  stored: number[];
}

/**
 * The auditable draw: commit to a secret seed (its sha256 is public), freeze the
 * entries with their weights, draw with a PRNG seeded by that seed, store it all.
 * Anyone holding the seed and the snapshot can recompute the result.
 */
@Injectable()
export class DrawContest {
  private readonly logger = new Logger(DrawContest.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
    private readonly events: EventWriter,
    private readonly mail: MailTransport,
    private readonly clock: Clock,
    private readonly locales: LocaleResolver,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async commit(campaignId: number): Promise<DrawState> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const seed = randomBytes(32).toString('hex');
    const ds = this.dataSource;
    const now = this.clock.now();
    const inserted = await execute(ds, 'INSERT INTO contest_draws (campaign_id, seed_hash, seed, committed_at) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id) DO NOTHING', [
      campaignId, sha256Hex(seed), seed, dbTime(ds, now),
    ]);
    if (inserted !== 1) throw new KindException('contest_already_drawn', `Contest ${campaignId} is already committed to a seed; its hash cannot change`);
    await this.log(campaignId, 'commit', null, null, { seedHash: sha256Hex(seed) });
    return this.state(campaignId);
  }

  async state(campaignId: number): Promise<DrawState> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const draw = await this.drawOf(campaignId);
    if (!draw) throw new KindException('contest_no_commitment', `Contest ${campaignId} has no seed commitment yet: POST .../contest/draw/commit first`, 404);
    const winners = await this.dataSource.getRepository(ContestWinner).find({ where: { campaignId }, order: { position: 'ASC' } });
    return {
      campaignId,
      seedHash: draw.seedHash,
      committedAt: draw.committedAt,
      drawnAt: draw.drawnAt,
      seed: draw.drawnAt ? draw.seed : null,
      snapshotHash: draw.snapshotHash,
      entries: draw.snapshot ? parseSnapshot(draw.snapshot).length : null,
      winners: winners.map((w) => ({ subscriberId: w.subscriberId, position: w.position, status: w.status, reason: w.reason })),
    };
  }

  async draw(campaignId: number): Promise<DrawState> {
    const { campaign, content } = await this.recipients.campaignOf(campaignId, 'contest');
    if (this.clock.now().getTime() < new Date(content.endsAt).getTime()) {
      throw new KindException('contest_not_ended', `Contest ${campaignId} ends at ${content.endsAt}; draw after that`);
    }
    const draw = await this.drawOf(campaignId);
    if (!draw) throw new KindException('contest_no_commitment', `Commit to a seed first (POST /api/campaigns/${campaignId}/contest/draw/commit) so the draw can be audited`);
    if (draw.drawnAt) throw new KindException('contest_already_drawn', `Contest ${campaignId} was drawn at ${new Date(draw.drawnAt).toISOString()}`);
    const ds = this.dataSource;
    // Erased subscribers cannot be contacted or win; everyone else counts with 1 + bonus entries.
    const rows: Array<{ subscriber_id: number; bonus_entries: number }> = await ds.query(sql(ds, `SELECT e.subscriber_id, e.bonus_entries FROM contest_entries e
      JOIN subscribers s ON s.id = e.subscriber_id WHERE e.campaign_id = ? AND s.erased_at IS NULL ORDER BY e.subscriber_id`), [campaignId]);
    if (rows.length === 0) throw new KindException('contest_no_entries', `Contest ${campaignId} has no entries to draw from`, 422);
    const entries: SnapshotEntry[] = rows.map((r) => ({ subscriberId: Number(r.subscriber_id), weight: 1 + Number(r.bonus_entries) }));
    const snapshot = canonicalSnapshot(entries);
    const winners = drawWinners(draw.seed, entries, content.winners);
    const now = this.clock.now();
    const won = await execute(ds, 'UPDATE contest_draws SET snapshot = ?, snapshot_hash = ?, drawn = ?, drawn_at = ? WHERE id = ? AND drawn_at IS NULL', [
      snapshot, sha256Hex(snapshot), JSON.stringify(winners), dbTime(ds, now), draw.id,
    ]);
    if (won !== 1) throw new KindException('contest_already_drawn', `Contest ${campaignId} was drawn by another call`);
    await ds.getRepository(ContestWinner).insert(winners.map((subscriberId, i) => ({ campaignId, subscriberId, position: i + 1, status: 'won' as const })));
    await this.log(campaignId, 'draw', null, null, { snapshotHash: sha256Hex(snapshot), entries: entries.length, winners });
    for (const subscriberId of winners) await this.notify(campaign, content, subscriberId);
    return this.state(campaignId);
  }

  async verify(campaignId: number): Promise<DrawVerification> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const draw = await this.drawOf(campaignId);
    if (!draw?.drawnAt || !draw.snapshot) throw new KindException('contest_not_drawn', `Contest ${campaignId} has not been drawn yet`);
    const stored = draw.drawn ?? [];
    const expected = drawWinners(draw.seed, parseSnapshot(draw.snapshot), stored.length);
    const positions = await this.dataSource.getRepository(ContestWinner).find({ where: { campaignId }, order: { position: 'ASC' } });
    const seedMatchesCommitment = sha256Hex(draw.seed) === draw.seedHash;
    const snapshotMatchesHash = sha256Hex(draw.snapshot) === draw.snapshotHash;
    const winnersMatch = JSON.stringify(expected) === JSON.stringify(stored) && JSON.stringify(positions.map((p) => p.subscriberId)) === JSON.stringify(stored);
    return { ok: seedMatchesCommitment && snapshotMatchesHash && winnersMatch, seedMatchesCommitment, snapshotMatchesHash, winnersMatch, expected, stored };
  }

  /** Disqualifies a winner and draws the next one in the same seeded order; both are logged with the reason. */
  async disqualify(campaignId: number, subscriberId: number, reason: string): Promise<DrawState> {
    const { campaign, content } = await this.recipients.campaignOf(campaignId, 'contest');
    const draw = await this.drawOf(campaignId);
    if (!draw?.drawnAt || !draw.snapshot) throw new KindException('contest_not_drawn', `Contest ${campaignId} has not been drawn yet`);
    const ds = this.dataSource;
    const changed = await execute(ds, "UPDATE contest_winners SET status = 'disqualified', reason = ? WHERE campaign_id = ? AND subscriber_id = ? AND status = 'won'", [reason, campaignId, subscriberId]);
    if (changed !== 1) throw new KindException('contest_not_winner', `Subscriber ${subscriberId} is not a current winner of contest ${campaignId}`, 404);
    await this.log(campaignId, 'disqualify', subscriberId, reason, {});
    const drawn = draw.drawn ?? [];
    const next = drawWinners(draw.seed, parseSnapshot(draw.snapshot), drawn.length + 1);
    if (next.length > drawn.length) {
      const replacement = next[next.length - 1];
      const moved = await execute(ds, 'UPDATE contest_draws SET drawn = ? WHERE id = ? AND drawn = ?', [JSON.stringify(next), draw.id, JSON.stringify(drawn)]);
      if (moved !== 1) throw new KindException('contest_already_drawn', 'Another redraw happened at the same time; reload and try again');
      await ds.getRepository(ContestWinner).insert({ campaignId, subscriberId: replacement, position: next.length, status: 'won' });
      await this.log(campaignId, 'redraw', replacement, `replaces ${subscriberId}: ${reason}`, { position: next.length });
      await this.notify(campaign, content, replacement);
    } else {
      await this.log(campaignId, 'redraw', null, `no entries left to replace ${subscriberId}`, {});
    }
    return this.state(campaignId);
  }

  async auditLog(campaignId: number): Promise<unknown[]> {
    const ds = this.dataSource;
    return ds.query(sql(ds, 'SELECT action, subscriber_id AS "subscriberId", reason, data, created_at AS "createdAt" FROM contest_draw_log WHERE campaign_id = ? ORDER BY id'), [campaignId]);
  }

  private async drawOf(campaignId: number): Promise<ContestDraw | null> {
    return this.dataSource.getRepository(ContestDraw).findOneBy({ campaignId });
  }

  private async log(campaignId: number, action: 'commit' | 'draw' | 'disqualify' | 'redraw', subscriberId: number | null, reason: string | null, data: Record<string, unknown>): Promise<void> {
    const ds = this.dataSource;
    await execute(ds, 'INSERT INTO contest_draw_log (campaign_id, action, subscriber_id, reason, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      campaignId, action, subscriberId, reason, JSON.stringify(data), dbTime(ds, this.clock.now()),
    ]);
  }

  private async notify(campaign: Campaign, content: ContestContent, subscriberId: number): Promise<void> {
    const subscriber = await this.dataSource.getRepository(Subscriber).findOneBy({ id: subscriberId });
    const now = this.clock.now();
    await this.events.record({ type: 'contest_won', campaignId: campaign.id, subscriberId, occurredAt: now, data: { prize: content.prize }, dedupeKey: `contest-won:${campaign.id}:${subscriberId}` });
    if (!subscriber?.email) return;
    const from = senderOf(campaign, this.config.mailFrom).from;
    // The winner mail speaks the contest's language, like the contest mail and pages.
    const t = this.locales.resolve({ campaign: campaign.locale });
    const lines = [
      subscriber.name ? t.t('mail.greeting', { name: subscriber.name }) : t.t('mail.greetingNoName'),
      t.t('mail.contest.won.body', { title: content.title, prize: content.prize }),
      t.t('mail.contest.won.next'),
    ];
    try {
      await this.mail.send({
        from, to: subscriber.email, subject: t.t('mail.contest.won.subject', { title: content.title }), text: `${lines.join('\n\n')}\n`,
        html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join(''),
      });
      await execute(this.dataSource, 'UPDATE contest_winners SET notified_at = ? WHERE campaign_id = ? AND subscriber_id = ?', [dbTime(this.dataSource, now), campaign.id, subscriberId]);
    } catch (error) {
      // The draw stands; notified_at stays empty so the marketer sees who still needs a message.
      this.logger.error(`Notifying winner ${subscriberId} of contest ${campaign.id} failed: ${(error as Error).message}`);
    }
  }
}
