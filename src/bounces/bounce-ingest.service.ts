import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { campaignUnsubscribeSource, UnsubscribeService } from '../audience/unsubscribe/unsubscribe.service';
import { applyTransition } from '../campaigns/campaign-transition';
import { Clock } from '../common/clock';
import { execute, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { LinkTokenService } from '../links/link-token.service';
import { BounceRecorder } from '../sending/bounce-recorder';
import { EventWriter } from '../events/event-writer';
import { parseVerp } from '../sending/message-builder';
import { BounceException } from './bounce.exception';
import { BounceClass, BounceReport, parseBounceReport } from './bounce-report.parser';

export interface BounceOutcome {
  class: BounceClass;
  status: string;
  deliveryId: number;
  campaignId: number;
  subscriberId: number;
  campaignPaused: boolean;
}

const COUNTER: Record<BounceClass, string> = {
  hard: 'hard_bounce_count',
  soft: 'soft_bounce_count',
  complaint: 'complaint_count',
};

/**
 * Turns a DSN or ARF complaint into state: the delivery's bounce, the campaign
 * counters, the subscriber and the suppression list, and an auto-pause when a
 * campaign's hard-bounce or complaint rate passes its threshold.
 */
@Injectable()
export class BounceIngestService {
  private readonly logger = new Logger('Bounces');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: LinkTokenService,
    private readonly recorder: BounceRecorder,
    private readonly unsubscribes: UnsubscribeService,
    private readonly events: EventWriter,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ingest(raw: Buffer | string, envelopeTo: string[] = []): Promise<BounceOutcome> {
    const report = await parseBounceReport(raw);
    if (!report)
      throw new BounceException(
        'not_a_report',
        'This message is neither a delivery status notification (RFC 3464) nor an abuse report (RFC 5965)',
        422,
      );
    const delivery = await this.findDelivery(report, envelopeTo);
    if (!delivery)
      throw new BounceException(
        'no_delivery',
        'No delivery of ours matches this report (no valid VERP address or Message-ID)',
        404,
      );
    const ds = this.dataSource;
    await ds.transaction(async (tx) => {
      // A delivery counts once per class; a later hard bounce or complaint still counts, and
      // moves it out of the soft count, so the counters add up to the deliveries' bounce column.
      const upgraded =
        report.class !== 'soft' &&
        (await execute(tx, `UPDATE deliveries SET bounce = ? WHERE id = ? AND bounce = 'soft'`, [
          report.class,
          delivery.id,
        ])) === 1;
      const changed =
        upgraded ||
        (await execute(tx, 'UPDATE deliveries SET bounce = ? WHERE id = ? AND bounce IS NULL', [
          report.class,
          delivery.id,
        ])) === 1;
      if (!changed) return;
      const leaveSoft = upgraded ? ', soft_bounce_count = soft_bounce_count - 1' : '';
      await execute(
        tx,
        `UPDATE campaigns SET ${COUNTER[report.class]} = ${COUNTER[report.class]} + 1${leaveSoft} WHERE id = ?`,
        [delivery.campaignId],
      );
      const complaint = report.class === 'complaint';
      await this.events.record(
        {
          type: complaint ? 'complaint' : 'bounce',
          campaignId: delivery.campaignId,
          deliveryId: delivery.id,
          subscriberId: delivery.subscriberId,
          occurredAt: this.clock.now(),
          data: complaint
            ? { feedbackType: report.status }
            : { bounceClass: report.class, status: report.status, diagnostic: report.diagnostic.slice(0, 300) },
          dedupeKey: `bounce:${delivery.id}:${report.class}`,
        },
        tx,
      );
    });
    if (report.class === 'hard')
      await this.recorder.suppressSubscriber(delivery.subscriberId, 'bounced', `${report.status} ${report.diagnostic}`);
    if (report.class === 'complaint')
      await this.recorder.suppressSubscriber(delivery.subscriberId, 'complained', `complaint: ${report.status}`);
    const campaignPaused = await this.autoPause(delivery.campaignId);
    return {
      class: report.class,
      status: report.status,
      deliveryId: delivery.id,
      campaignId: delivery.campaignId,
      subscriberId: delivery.subscriberId,
      campaignPaused,
    };
  }

  /**
   * A mail to the List-Unsubscribe mailto address (unsubscribe+{delivery}-{tag}@domain):
   * unsubscribes that delivery's subscriber. Returns false when the address is not one.
   */
  async unsubscribeByMail(address: string): Promise<boolean> {
    const match = /^unsubscribe\+(\d+)-([0-9a-f]{12})@/i.exec(address.trim());
    if (!match || !this.tokens.verifyTag(`delivery:${match[1]}`, match[2].toLowerCase())) return false;
    const delivery = await this.load(Number(match[1]));
    if (!delivery) return false;
    await this.unsubscribes.unsubscribe(delivery.subscriberId, {
      method: 'email_link',
      source: campaignUnsubscribeSource(delivery.campaignId, 'mailto'),
      campaignId: delivery.campaignId,
      deliveryId: delivery.id,
    });
    return true;
  }

  private async findDelivery(
    report: BounceReport,
    envelopeTo: string[],
  ): Promise<{ id: number; campaignId: number; subscriberId: number } | undefined> {
    for (const address of [...envelopeTo, ...report.reportTo]) {
      const verp = parseVerp(address);
      if (verp && this.tokens.verifyTag(`delivery:${verp.deliveryId}`, verp.signature))
        return this.load(verp.deliveryId);
    }
    const match = /^<d(\d+)\.c(\d+)@/.exec(report.originalMessageId ?? '');
    if (!match) return undefined;
    const delivery = await this.load(Number(match[1]));
    if (!delivery || delivery.campaignId !== Number(match[2])) return undefined;
    // A Message-ID alone is not signed: it must also name the recipient we sent to.
    if (!report.recipient || delivery.email?.toLowerCase() !== report.recipient.toLowerCase()) return undefined;
    return delivery;
  }

  private async load(
    id: number,
  ): Promise<{ id: number; campaignId: number; subscriberId: number; email: string | null } | undefined> {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(
        ds,
        'SELECT d.id, d.campaign_id, d.subscriber_id, s.email FROM deliveries d LEFT JOIN subscribers s ON s.id = d.subscriber_id WHERE d.id = ?',
      ),
      [id],
    );
    return row
      ? {
          id: Number(row.id),
          campaignId: Number(row.campaign_id),
          subscriberId: Number(row.subscriber_id),
          email: row.email ?? null,
        }
      : undefined;
  }

  private async autoPause(campaignId: number): Promise<boolean> {
    const ds = this.dataSource;
    const [c] = await ds.query(
      sql(ds, 'SELECT status, sent_count, hard_bounce_count, complaint_count FROM campaigns WHERE id = ?'),
      [campaignId],
    );
    if (!c || c.status !== 'running') return false;
    const sent = Number(c.sent_count);
    const { minSample, hardBouncePauseRate, complaintPauseRate } = this.config.bounces;
    if (sent < minSample) return false;
    const hardRate = Number(c.hard_bounce_count) / sent;
    const complaintRate = Number(c.complaint_count) / sent;
    let reason: string | undefined;
    if (complaintRate > complaintPauseRate)
      reason = `Auto-paused: complaint rate ${(complaintRate * 100).toFixed(2)}% passed ${(complaintPauseRate * 100).toFixed(2)}%`;
    else if (hardRate > hardBouncePauseRate)
      reason = `Auto-paused: hard bounce rate ${(hardRate * 100).toFixed(2)}% passed ${(hardBouncePauseRate * 100).toFixed(2)}%`;
    if (!reason) return false;
    try {
      await applyTransition(ds, campaignId, 'pause', this.clock.now(), reason);
      this.logger.warn(`Campaign ${campaignId}: ${reason}`);
      return true;
    } catch {
      return false; // someone else paused or finished it first
    }
  }
}
