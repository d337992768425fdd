import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Subscriber } from '../../audience/subscriber.entity';
import { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import { senderHeaders, senderOf } from '../../mail/sender';
import { escapeHtml } from '../../common/html-page';
import { dbTime, execute } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { EventWriter } from '../../events/event-writer';
import { LocaleResolver } from '../../i18n/locale-resolver';
import { MailTransport } from '../../mail/mail-transport.service';
import type { ContestContent } from './contest.content';

/** Tells a winner they won (event + mail in the contest's language); a failed mail leaves notified_at empty. */
@Injectable()
export class ContestWinnerNotifier {
  private readonly logger = new Logger(ContestWinnerNotifier.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly mail: MailTransport,
    private readonly clock: Clock,
    private readonly locales: LocaleResolver,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async notify(campaign: Campaign, content: ContestContent, subscriberId: number): Promise<void> {
    const subscriber = await this.dataSource.getRepository(Subscriber).findOneBy({ id: subscriberId });
    const now = this.clock.now();
    await this.events.record({
      type: 'contest_won',
      campaignId: campaign.id,
      subscriberId,
      occurredAt: now,
      data: { prize: content.prize },
      dedupeKey: `contest-won:${campaign.id}:${subscriberId}`,
    });
    if (!subscriber?.email) return;
    // The campaign's own sender, as its mail had it (and its Reply-To).
    const sender = senderHeaders(senderOf(campaign, this.config.mailFrom));
    // The winner mail speaks the contest's language, like the contest mail and pages.
    const t = this.locales.resolve({ campaign: campaign.locale });
    const lines = [
      subscriber.name ? t.t('mail.greeting', { name: subscriber.name }) : t.t('mail.greetingNoName'),
      t.t('mail.contest.won.body', { title: content.title, prize: content.prize }),
      t.t('mail.contest.won.next'),
    ];
    try {
      await this.mail.send({
        ...sender,
        to: subscriber.email,
        subject: t.t('mail.contest.won.subject', { title: content.title }),
        text: `${lines.join('\n\n')}\n`,
        html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join(''),
      });
      await execute(
        this.dataSource,
        'UPDATE contest_winners SET notified_at = ? WHERE campaign_id = ? AND subscriber_id = ?',
        [dbTime(this.dataSource, now), campaign.id, subscriberId],
      );
    } catch (error) {
      // The draw stands; notified_at stays empty so the marketer sees who still needs a message.
      this.logger.error(
        `Notifying winner ${subscriberId} of contest ${campaign.id} failed: ${(error as Error).message}`,
      );
    }
  }
}
