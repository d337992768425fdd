import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { jsonText, sql } from '../../common/db/sql-dialect';
import type { Translator } from '../../i18n/translator';
import { countNpsAnswer, NpsClassCounts } from '../../scores/value-model';
import { actionOfCampaign, bySubscriber, fillPage, forPage, isoOrEmpty, num } from '../common/kind-queries';
import { rate } from '../common/kind-recipient';
import type {
  CampaignKindDefinition,
  KindCampaign,
  KindHeadline,
  KindOutcomeColumns,
  NpsAnswerTable,
} from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { npsOfCounts, PollReportService } from './poll-report';
import { pollAnswers, PollContent, pollSample } from './poll.content';
import { POLL_PATH } from './poll.paths';

const inDays = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();

const recipientColumns: KindOutcomeColumns<PollContent> = {
  header: ['poll_answer', 'poll_comment', 'answered_at'],
  async load(ds, campaign, content, page) {
    const labels = new Map(pollAnswers(content).map((a) => [a.value, a.label]));
    const rows = bySubscriber(
      await forPage<{ subscriber_id: unknown; value: string; comment: string | null; answered_at: unknown }>(
        ds,
        'SELECT subscriber_id, value, comment, answered_at FROM poll_answers WHERE campaign_id = ? AND subscriber_id IN (#)',
        [campaign.id],
        page,
      ),
    );
    return fillPage(page, (r) => {
      const a = rows.get(r.subscriberId)?.[0];
      return a ? [labels.get(a.value) ?? a.value, a.comment ?? '', isoOrEmpty(a.answered_at)] : ['', '', ''];
    });
  },
};

@CampaignKindPlugin()
@Injectable()
export class PollKind implements CampaignKindDefinition<PollContent> {
  readonly name = 'poll';
  readonly content = { type: PollContent, sample: pollSample };
  readonly valueWeights = { emotional: 1 };
  readonly personalData = [{ table: 'poll_answers', column: 'comment' }];
  readonly recipientColumns = recipientColumns;
  readonly publicLinks = [{ name: 'poll', path: POLL_PATH, segment: true }];
  readonly npsAnswers: NpsAnswerTable = {
    table: 'poll_answers',
    campaignIds: async (ds) => {
      const rows: Array<{ id: unknown }> = await ds.query(
        `SELECT id FROM campaigns WHERE kind = 'poll' AND ${jsonText(ds, 'content', 'type')} = 'nps'`,
      );
      return rows.map((r) => Number(r.id));
    },
  };

  datesAround(now: Date): Partial<PollContent> {
    return { closesAt: inDays(now, 30) };
  }

  constructor(
    private readonly reports: PollReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  view(poll: PollContent, t: Translator): Record<string, unknown> {
    return {
      poll: {
        answers: pollAnswers(poll, t),
        isRow: poll.type === 'nps' || poll.type === 'csat',
        scaleHint:
          poll.type === 'nps' ? t.t('mail.poll.scaleNps') : poll.type === 'csat' ? t.t('mail.poll.scaleCsat') : '',
      },
    };
  }

  action({ campaign }: KindCampaign<PollContent>) {
    return actionOfCampaign(campaign.id, 'answered the poll', ['poll_answered']);
  }

  reportBlock({ campaign }: KindCampaign<PollContent>) {
    return this.reports.report(campaign.id);
  }

  /** NPS for NPS polls, the average for CSAT, the number of answers for the others. */
  async headlines(targets: Array<KindCampaign<PollContent>>): Promise<Map<number, KindHeadline>> {
    const result = new Map<number, KindHeadline>();
    if (targets.length === 0) return result;
    const ids = targets.map((t) => t.campaign.id);
    const rows: Array<{ campaign_id: unknown; value: string; n: unknown }> = await this.dataSource.query(
      sql(
        this.dataSource,
        `SELECT campaign_id, value, COUNT(*) AS n FROM poll_answers WHERE campaign_id IN (${ids.map(() => '?').join(', ')}) GROUP BY campaign_id, value`,
      ),
      ids,
    );
    for (const { campaign: c, content } of targets) {
      const type = content.type;
      const answers = rows.filter((r) => Number(r.campaign_id) === c.id);
      const total = answers.reduce((sum, r) => sum + num(r.n), 0);
      const base = { kind: this.name, pollType: type, answers: total, responseRate: rate(total, c.sentCount) };
      if (type === 'nps') {
        const counts: NpsClassCounts = { promoters: 0, passives: 0, detractors: 0 };
        for (const r of answers) countNpsAnswer(counts, Number(r.value), num(r.n));
        const nps = npsOfCounts(counts);
        result.set(c.id, { ...base, label: 'NPS', value: total ? nps.score : null, nps });
      } else if (type === 'csat') {
        const sum = answers.reduce((s, r) => s + Number(r.value) * num(r.n), 0);
        const average = total ? Math.round((sum / total) * 100) / 100 : null;
        result.set(c.id, { ...base, label: 'Average CSAT', value: average, csatAverage: average });
      } else {
        result.set(c.id, { ...base, label: 'Answers', value: total });
      }
    }
    return result;
  }
}
