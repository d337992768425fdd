import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normaliseEmail } from '../../audience/email-address';
import { ListMembership } from '../../audience/list-membership.entity';
import { MailingList } from '../../audience/mailing-list.entity';
import { Subscriber } from '../../audience/subscriber.entity';
import { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import { ContestContent, referralListOf } from './contest.content';
import { kindContent } from '../kind-registry';
import { EnterContest } from './enter-contest';

export interface ReferralLanding {
  campaign: Campaign;
  content: ContestContent;
  referrerSubscriberId: number;
  /** The list the friend joins. */
  list: MailingList;
}

export type JoinOutcome = 'joined_confirmed' | 'joined_unconfirmed' | 'already_subscribed' | 'invalid_email' | 'closed';

/**
 * Referral links: a friend subscribes through /c/ref/{code}; the referrer earns
 * bonus entries once that membership is confirmed (at once on single opt-in
 * lists; the audience module calls onConfirmed after a double opt-in).
 */
@Injectable()
export class ContestReferralService {
  private readonly logger = new Logger(ContestReferralService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: EnterContest,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  async landing(code: string): Promise<ReferralLanding | undefined> {
    if (!/^[A-Z0-9]{4,32}$/.test(code)) return undefined;
    const ds = this.dataSource;
    const [entry] = await ds.query(
      sql(ds, 'SELECT campaign_id, subscriber_id FROM contest_entries WHERE referral_code = ?'),
      [code],
    );
    if (!entry) return undefined;
    const campaign = await ds.getRepository(Campaign).findOneBy({ id: Number(entry.campaign_id) });
    if (!campaign || campaign.kind !== 'contest') return undefined;
    const content = kindContent<ContestContent>(campaign, 'contest');
    // Campaign validation makes sure a contest with referral bonuses has a list; one deleted since leaves the link dead.
    const listId = referralListOf(content, campaign.audience);
    const list = listId ? await ds.getRepository(MailingList).findOneBy({ id: listId }) : null;
    if (!list) return undefined;
    return { campaign, content, referrerSubscriberId: Number(entry.subscriber_id), list };
  }

  async join(landing: ReferralLanding, rawEmail: string, name: string): Promise<JoinOutcome> {
    if (this.contests.phase(landing.content) !== 'open') return 'closed';
    const email = normaliseEmail(rawEmail);
    if (!email) return 'invalid_email';
    const ds = this.dataSource;
    const subscribers = ds.getRepository(Subscriber);
    if (await subscribers.findOneBy({ email })) return 'already_subscribed';
    const { list } = landing;
    let subscriberId: number;
    try {
      // The friend read the landing page in the campaign's language: their mail follows it.
      const inserted = await subscribers.insert({
        email,
        name: name.slice(0, 200),
        locale: landing.campaign.locale,
        attributes: { source: `contest-referral:${landing.campaign.id}` },
      });
      subscriberId = Number(inserted.identifiers[0].id);
    } catch {
      return 'already_subscribed'; // lost a race on the unique email
    }
    const now = this.clock.now();
    const confirmed = list.optIn === 'single';
    await ds.getRepository(ListMembership).insert({
      listId: list.id,
      subscriberId,
      status: confirmed ? 'confirmed' : 'unconfirmed',
      confirmedAt: confirmed ? now : null,
    });
    await execute(
      ds,
      `INSERT INTO contest_referrals (campaign_id, referrer_subscriber_id, referred_subscriber_id, status, created_at) VALUES (?, ?, ?, 'pending', ?)
      ON CONFLICT (campaign_id, referred_subscriber_id) DO NOTHING`,
      [landing.campaign.id, landing.referrerSubscriberId, subscriberId, dbTime(ds, now)],
    );
    if (confirmed) await this.onConfirmed(subscriberId);
    return confirmed ? 'joined_confirmed' : 'joined_unconfirmed';
  }

  /** Credits the referrers of a newly confirmed subscriber, once per referral, while the contest is open. */
  async onConfirmed(subscriberId: number): Promise<number> {
    const ds = this.dataSource;
    const pending: Array<{ id: number; campaign_id: number; referrer_subscriber_id: number }> = await ds.query(
      sql(
        ds,
        "SELECT id, campaign_id, referrer_subscriber_id FROM contest_referrals WHERE referred_subscriber_id = ? AND status = 'pending'",
      ),
      [subscriberId],
    );
    let credited = 0;
    for (const referral of pending) {
      const campaign = await ds.getRepository(Campaign).findOneBy({ id: Number(referral.campaign_id) });
      if (!campaign) continue;
      const content = kindContent<ContestContent>(campaign, 'contest');
      if (this.contests.phase(content) !== 'open') continue;
      const now = this.clock.now();
      // The status compare-and-set makes a repeated confirmation credit nothing twice.
      const won = await execute(
        ds,
        "UPDATE contest_referrals SET status = 'credited', credited_at = ? WHERE id = ? AND status = 'pending'",
        [dbTime(ds, now), referral.id],
      );
      if (won !== 1) continue;
      await execute(
        ds,
        'UPDATE contest_entries SET bonus_entries = bonus_entries + ? WHERE campaign_id = ? AND subscriber_id = ?',
        [content.referralBonusEntries, campaign.id, referral.referrer_subscriber_id],
      );
      await this.events.record({
        type: 'contest_referral',
        campaignId: campaign.id,
        subscriberId: Number(referral.referrer_subscriber_id),
        occurredAt: now,
        data: { referredSubscriberId: subscriberId, bonusEntries: content.referralBonusEntries },
        dedupeKey: `contest-referral:${referral.id}`,
      });
      credited++;
    }
    if (credited) this.logger.log(`Subscriber ${subscriberId} confirmed: ${credited} referral(s) credited`);
    return credited;
  }
}
