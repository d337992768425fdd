import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { AudienceQueryService } from '../../audience/audience-query.service';
import { CAP_ATTENTION_HOURS, ConfirmationMailLimits } from '../../audience/opt-in/confirmation-mail.limits';
import { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { AudienceErrorCode, AudienceException } from '../../audience/audience.exception';
import { dbBool, dbTime, readDbTime, sql } from '../../common/db/sql-dialect';
import { DAY_MS } from './daily-active-series';
import { ATTENTION_SEVERITIES, AttentionItemDto } from './dashboard.dto';

// Thresholds of the brief for a marketer's eye, below the auto-pause ones
// (AUTO_PAUSE_HARD_BOUNCE_RATE 5%, AUTO_PAUSE_COMPLAINT_RATE 0.3%), so a list
// going bad shows here before sending stops.
export const HARD_BOUNCE_ATTENTION_RATE = 0.02;
export const COMPLAINT_ATTENTION_RATE = 0.001;
/** Campaigns started this recently are checked for bounces, complaints and failed deliveries. */
export const CAMPAIGN_ATTENTION_DAYS = 30;
export const SCHEDULED_WITHIN_HOURS = 24;
export const IMPORT_ATTENTION_DAYS = 7;

const AUTO_PAUSED = 'Auto-paused: ';

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const percent = (rate: number): string => `${(rate * 100).toFixed(rate < 0.01 ? 2 : 1)}%`;
const messages = (n: number): string => `${n} ${n === 1 ? 'message' : 'messages'}`;

/** What needs the marketer now: stopped or risky campaigns, broken webhooks, imports with bad rows. */
@Injectable()
export class AttentionItems {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audiences: AudienceQueryService,
    private readonly confirmationLimits: ConfirmationMailLimits,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute(): Promise<AttentionItemDto[]> {
    const now = this.clock.now();
    const items = [
      ...(await this.campaigns(now)),
      ...(await this.webhooks()),
      ...(await this.imports(now)),
      ...(await this.confirmationCap()),
    ];
    const rank = (i: AttentionItemDto) => ATTENTION_SEVERITIES.indexOf(i.severity);
    return items.sort((a, b) => rank(a) - rank(b) || (b.at ?? '').localeCompare(a.at ?? ''));
  }

  private async campaigns(now: Date): Promise<AttentionItemDto[]> {
    const campaigns = await this.dataSource.getRepository(Campaign).find({
      where: [
        { status: 'paused' },
        {
          status: 'scheduled',
          scheduledAt: LessThanOrEqual(new Date(now.getTime() + SCHEDULED_WITHIN_HOURS * 3_600_000)),
        },
        { startedAt: MoreThanOrEqual(new Date(now.getTime() - CAMPAIGN_ATTENTION_DAYS * DAY_MS)) },
      ],
      order: { id: 'DESC' },
    });
    const items: AttentionItemDto[] = [];
    for (const c of campaigns) {
      const link = { type: 'campaign' as const, id: c.id };
      const name = `“${c.name}”`;
      const waiting = Math.max(0, c.totalCount - c.sentCount - c.failedCount - c.suppressedCount);
      if (c.status === 'paused' && c.statusReason?.startsWith(AUTO_PAUSED)) {
        items.push({
          severity: 'critical',
          type: 'campaign_auto_paused',
          link,
          at: iso(c.updatedAt),
          message: `${name} was paused automatically: ${c.statusReason.slice(AUTO_PAUSED.length)}. It still has ${messages(waiting)} to send; remove the bad addresses before resuming.`,
        });
      } else if (c.status === 'paused') {
        items.push({
          severity: 'warning',
          type: 'campaign_paused',
          link,
          at: iso(c.updatedAt),
          message: `${name} is paused with ${waiting} of ${c.totalCount} messages still to send.`,
        });
      }
      if (c.status === 'failed') {
        items.push({
          severity: 'critical',
          type: 'campaign_failed',
          link,
          at: iso(c.finishedAt),
          message: `${name} stopped with an error${c.statusReason ? `: ${c.statusReason}` : ''}.`,
        });
      }
      if (c.status === 'scheduled') {
        const why = await this.emptyAudience(c);
        if (why)
          items.push({
            severity: 'critical',
            type: 'scheduled_without_recipients',
            link,
            at: iso(c.scheduledAt),
            message: `${name} is scheduled for ${iso(c.scheduledAt)!.slice(0, 16).replace('T', ' ')} UTC but ${why}.`,
          });
      }
      if (!c.startedAt) continue;
      const hardRate = c.sentCount ? c.hardBounceCount / c.sentCount : 0;
      if (hardRate > HARD_BOUNCE_ATTENTION_RATE) {
        items.push({
          severity: 'warning',
          type: 'high_hard_bounce_rate',
          link,
          at: iso(c.startedAt),
          message: `${percent(hardRate)} of the messages of ${name} bounced hard (${c.hardBounceCount} of ${c.sentCount}, more than ${percent(HARD_BOUNCE_ATTENTION_RATE)}): clean the list before the next send.`,
        });
      }
      const complaintRate = c.sentCount ? c.complaintCount / c.sentCount : 0;
      if (complaintRate > COMPLAINT_ATTENTION_RATE) {
        items.push({
          severity: 'warning',
          type: 'high_complaint_rate',
          link,
          at: iso(c.startedAt),
          message: `${c.complaintCount} of ${c.sentCount} recipients of ${name} marked it as spam (${percent(complaintRate)}, more than ${percent(COMPLAINT_ATTENTION_RATE)}): send only to people who asked for this mail.`,
        });
      }
      if (c.failedCount > 0) {
        items.push({
          severity: 'warning',
          type: 'failed_deliveries',
          link,
          at: iso(c.lastBatchAt ?? c.startedAt),
          message: `${messages(c.failedCount)} of ${name} could not be delivered.`,
        });
      }
      if (c.uncertainCount > 0) {
        items.push({
          severity: 'info',
          type: 'uncertain_deliveries',
          link,
          at: iso(c.lastBatchAt ?? c.startedAt),
          message: `${messages(c.uncertainCount)} of ${name} may have reached the recipient twice: a worker stopped while sending them.`,
        });
      }
    }
    return items;
  }

  /** Why a scheduled campaign would mail nobody, or undefined when it has recipients. */
  private async emptyAudience(c: Campaign): Promise<string | undefined> {
    try {
      return (await this.audiences.hasRecipients(c.audience)) ? undefined : 'its audience has nobody to send to';
    } catch (error) {
      if (error instanceof AudienceException && error.code === AudienceErrorCode.SegmentNotFound)
        return 'its segment no longer exists';
      throw error;
    }
  }

  /** Endpoints switched off automatically (410 Gone, a streak of failures); one the marketer switched off has no reason. */
  private async webhooks(): Promise<AttentionItemDto[]> {
    const ds = this.dataSource;
    const rows: Array<{ id: unknown; name: string; disabled_reason: string; disabled_at: unknown }> = await ds.query(
      sql(
        ds,
        'SELECT id, name, disabled_reason, disabled_at FROM webhook_endpoints WHERE enabled = ? AND disabled_reason IS NOT NULL ORDER BY id DESC',
      ),
      [dbBool(ds, false)],
    );
    return rows.map((r) => ({
      severity: 'warning',
      type: 'webhook_disabled',
      link: { type: 'webhook', id: Number(r.id) },
      at: r.disabled_at ? readDbTime(r.disabled_at).toISOString() : null,
      message: `Webhook “${r.name}” was switched off: ${r.disabled_reason.replace(/\.$/, '')}. Fix the receiving system, then switch it on again.`,
    }));
  }

  /** The public forms asked for more confirmation mails in an hour than SUBSCRIBE_CONFIRM_HOURLY_CAP allows. */
  private async confirmationCap(): Promise<AttentionItemDto[]> {
    const hours = await this.confirmationLimits.cappedHours();
    if (!hours.length) return [];
    const skipped = hours.reduce((sum, h) => sum + h.skipped, 0);
    const latest = hours[0];
    const cap = this.config.subscribeForm.confirmHourlyCap;
    return [
      {
        severity: 'warning',
        type: 'confirmation_cap_reached',
        link: { type: 'list', id: latest.listId },
        at: latest.lastAt.toISOString(),
        message: `The public sign-up forms asked for more than ${cap} confirmation ${cap === 1 ? 'mail' : 'mails'} an hour (SUBSCRIBE_CONFIRM_HOURLY_CAP) in ${hours.length} of the last ${CAP_ATTENTION_HOURS} hours; ${skipped} ${skipped === 1 ? 'was' : 'were'} not sent. Someone may be using a form to mail strangers: switch off the public form of lists you do not promote, or turn on the proof of work (SUBSCRIBE_PROOF_OF_WORK_BITS).`,
      },
    ];
  }

  private async imports(now: Date): Promise<AttentionItemDto[]> {
    const ds = this.dataSource;
    const rows: Array<{
      id: unknown;
      file_name: string;
      status: string;
      failed: unknown;
      rows_read: unknown;
      error: string | null;
      finished_at: unknown;
    }> = await ds.query(
      sql(
        ds,
        `SELECT id, file_name, status, failed, rows_read, error, finished_at FROM imports
        WHERE finished_at >= ? AND (status = 'failed' OR (status = 'finished' AND failed > 0)) ORDER BY id DESC`,
      ),
      [dbTime(ds, new Date(now.getTime() - IMPORT_ATTENTION_DAYS * DAY_MS))],
    );
    return rows.map((r) => {
      const link = { type: 'import' as const, id: Number(r.id) };
      const at = r.finished_at ? readDbTime(r.finished_at).toISOString() : null;
      if (r.status === 'failed') {
        return {
          severity: 'critical' as const,
          type: 'import_failed' as const,
          link,
          at,
          message: `The import of “${r.file_name}” stopped before the end${r.error ? `: ${r.error}` : ''}.`,
        };
      }
      const bad = Number(r.failed);
      return {
        severity: 'warning' as const,
        type: 'import_bad_rows' as const,
        link,
        at,
        message: `The import of “${r.file_name}” could not add ${bad} of ${Number(r.rows_read)} ${Number(r.rows_read) === 1 ? 'row' : 'rows'}: download the bad-row report to fix ${bad === 1 ? 'it' : 'them'}.`,
      };
    });
  }
}
