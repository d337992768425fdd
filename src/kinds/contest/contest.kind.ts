import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailingList } from '../../audience/mailing-list.entity';
import { InvalidContentException } from '../../templates/template.exception';
import { actionOfCampaign, bySubscriber, fillPage, forPage, groupedByCampaign, num } from '../common/kind-queries';
import type { CampaignKindDefinition, KindCampaign, KindHeadline, KindOutcomeColumns } from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { ContestReportService } from './contest-report';
import { ContestContent, contestSample, referralListOf } from './contest.content';
import { CONTEST_PATH } from './contest.paths';

const inDays = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();

const recipientColumns: KindOutcomeColumns<ContestContent> = {
  header: ['contest_entries', 'referrals_credited', 'winner_position'],
  async load(ds, campaign, _content, page) {
    const entries = bySubscriber(
      await forPage<{ subscriber_id: unknown; bonus_entries: unknown }>(
        ds,
        'SELECT subscriber_id, bonus_entries FROM contest_entries WHERE campaign_id = ? AND subscriber_id IN (#)',
        [campaign.id],
        page,
      ),
    );
    const referrals = bySubscriber(
      await forPage<{ subscriber_id: unknown; n: unknown }>(
        ds,
        "SELECT referrer_subscriber_id AS subscriber_id, COUNT(*) AS n FROM contest_referrals WHERE campaign_id = ? AND status = 'credited' AND referrer_subscriber_id IN (#) GROUP BY referrer_subscriber_id",
        [campaign.id],
        page,
      ),
    );
    const winners = bySubscriber(
      await forPage<{ subscriber_id: unknown; position: unknown }>(
        ds,
        "SELECT subscriber_id, position FROM contest_winners WHERE campaign_id = ? AND status = 'won' AND subscriber_id IN (#)",
        [campaign.id],
        page,
      ),
    );
    return fillPage(page, (r) => {
      const e = entries.get(r.subscriberId)?.[0];
      return [
        e ? 1 + Number(e.bonus_entries) : 0,
        Number(referrals.get(r.subscriberId)?.[0]?.n ?? 0),
        winners.get(r.subscriberId)?.[0]?.position ?? '',
      ];
    });
  },
};

@CampaignKindPlugin()
@Injectable()
export class ContestKind implements CampaignKindDefinition<ContestContent> {
  readonly name = 'contest';
  readonly content = { type: ContestContent, sample: contestSample };
  readonly valueWeights = { emotional: 1, symbolic: 0.5 };
  readonly personalData = [{ table: 'contest_entries', column: 'answer' }];
  readonly recipientColumns = recipientColumns;
  readonly publicLinks = [{ name: 'contest', path: CONTEST_PATH, segment: false }];

  datesAround(now: Date): Partial<ContestContent> {
    return { startsAt: inDays(now, -1), endsAt: inDays(now, 14) };
  }

  constructor(
    private readonly reports: ContestReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  // Referral friends join a list: the contest's own referralListId, else the audience's first list.
  async checkContent(contest: ContestContent, audience: { listIds: number[] }): Promise<void> {
    const listId = referralListOf(contest, audience);
    const problem = (message: string) =>
      new InvalidContentException(this.name, [{ field: 'content.referralListId', problems: [message] }]);
    if (listId === null) {
      if (contest.referralBonusEntries > 0)
        throw problem(
          'Choose the list friends join through referral links: this contest goes to a segment, which has no list of its own',
        );
      return;
    }
    if (!(await this.dataSource.getRepository(MailingList).existsBy({ id: listId })))
      throw problem(`The referral list (list ${listId}) does not exist; choose another one`);
  }

  action({ campaign }: KindCampaign<ContestContent>) {
    return actionOfCampaign(campaign.id, 'entered the contest', ['contest_entered']);
  }

  reportBlock({ campaign }: KindCampaign<ContestContent>) {
    return this.reports.report(campaign.id);
  }

  async headlines(targets: Array<KindCampaign<ContestContent>>): Promise<Map<number, KindHeadline>> {
    const rows = await groupedByCampaign(
      this.dataSource,
      targets,
      'SELECT campaign_id, COUNT(*) AS n FROM contest_entries WHERE campaign_id IN (#) GROUP BY campaign_id',
    );
    return new Map(
      targets.map(({ campaign: c }) => {
        const entries = num(rows.get(c.id)?.n);
        return [c.id, { kind: this.name, label: 'Entries', value: entries, entries }];
      }),
    );
  }
}
