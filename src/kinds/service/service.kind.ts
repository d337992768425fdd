import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actionOfCampaign, bySubscriber, fillPage, forPage, groupedByCampaign, num } from '../common/kind-queries';
import type { CampaignKindDefinition, KindCampaign, KindHeadline, KindOutcomeColumns } from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { ServiceRequestsService } from './service-requests.service';
import { ServiceContent, serviceSample } from './service.content';
import { SERVICE_PATH } from './service.paths';

const recipientColumns: KindOutcomeColumns<ServiceContent> = {
  header: ['service_requests', 'service_offers'],
  async load(ds, campaign, _content, page) {
    const requests = bySubscriber(
      await forPage<{ subscriber_id: unknown; offer_title: string }>(
        ds,
        'SELECT subscriber_id, offer_title FROM service_requests WHERE campaign_id = ? AND subscriber_id IN (#) ORDER BY offer_index',
        [campaign.id],
        page,
      ),
    );
    return fillPage(page, (r) => {
      const mine = requests.get(r.subscriberId) ?? [];
      return [mine.length, mine.map((m) => m.offer_title).join('; ')];
    });
  },
};

@CampaignKindPlugin()
@Injectable()
export class ServiceKind implements CampaignKindDefinition<ServiceContent> {
  readonly name = 'service';
  readonly content = { type: ServiceContent, sample: serviceSample };
  readonly valueWeights = { functional: 1, emotional: 0.5 };
  readonly personalData = [{ table: 'service_requests', column: 'note' }];
  readonly recipientColumns = recipientColumns;
  readonly publicLinks = [{ name: 'service', path: SERVICE_PATH, segment: true }];

  constructor(
    private readonly requests: ServiceRequestsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  action({ campaign }: KindCampaign<ServiceContent>) {
    return actionOfCampaign(campaign.id, 'requested a service', ['service_requested']);
  }

  reportBlock({ campaign }: KindCampaign<ServiceContent>) {
    return this.requests.report(campaign.id);
  }

  async headlines(targets: Array<KindCampaign<ServiceContent>>): Promise<Map<number, KindHeadline>> {
    const rows = await groupedByCampaign(
      this.dataSource,
      targets,
      'SELECT campaign_id, COUNT(*) AS n FROM service_requests WHERE campaign_id IN (#) GROUP BY campaign_id',
    );
    return new Map(
      targets.map(({ campaign: c }) => {
        const requests = num(rows.get(c.id)?.n);
        return [c.id, { kind: this.name, label: 'Requests', value: requests, requests }];
      }),
    );
  }
}
