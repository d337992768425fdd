import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import { NotFoundException } from '../../common/domain.exception';
import { rate } from '../../kinds/common/kind-recipient';
import { KindRegistry } from '../../kinds/kind-registry';
import { attributedRevenue } from './attributed-revenue';
import { CampaignFiguresQuery, DeliveryFigures, EngagementFigures } from './campaign-figures.query';
import type { CampaignReport, Deliverability, Funnel, Share } from './campaign-report.types';
import { HOUR_MS, hourlySeries, hourlyWindow } from './hourly-series';
import type { KindAction } from './kind-action';
import { valueDelivered } from './value-delivered';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** GET /api/campaigns/:id/report: funnel, the kind's block, value delivered, hourly activity, deliverability, revenue. */
@Injectable()
export class BuildCampaignReport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: CampaignFiguresQuery,
    private readonly kinds: KindRegistry,
    private readonly clock: Clock,
  ) {}

  async campaign(id: number): Promise<Campaign> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id });
    if (!campaign) throw new NotFoundException('Campaign', id);
    return campaign;
  }

  async execute(id: number): Promise<CampaignReport> {
    const campaign = await this.campaign(id);
    const now = this.clock.now();
    const { kind, target } = this.kinds.of(campaign);
    const action = kind.action(target, this.dataSource);
    const window = hourlyWindow(campaign.startedAt ? new Date(campaign.startedAt) : null, now);
    // One query after another: a report holds one pooled connection at a time, however many are asked for at once.
    const deliveries = await this.figures.deliveries(id);
    const engagement = await this.figures.engagement(id);
    const acted = await this.figures.acted(id, action);
    const inferred = {
      opened: await this.figures.actedWithout(id, action, 'open'),
      clicked: await this.figures.actedWithout(id, action, 'click'),
    };
    const valued = await this.figures.valuedEvents(id);
    const hourly = window ? await this.figures.hourly(id, window.from, new Date(window.to.getTime() + HOUR_MS)) : [];
    const unsubscribes = await this.figures.unsubscribes(campaign);
    const revenue = await this.figures.revenue(id);
    // The kind's own report (the one behind its GET /api/campaigns/:id/report/<kind>), not computed twice.
    const kindBlock = { kind: kind.name, report: await kind.reportBlock(target) };
    const sent = deliveries.byStatus.sent;
    // Accepted by the receiving server and not bounced back afterwards (a complaint was delivered).
    const delivered = Math.max(0, sent - deliveries.hardBounces - deliveries.softBounces);
    return {
      campaign: {
        id,
        name: campaign.name,
        kind: campaign.kind,
        status: campaign.status,
        subject: campaign.subject,
        startedAt: iso(campaign.startedAt),
        finishedAt: iso(campaign.finishedAt),
      },
      generatedAt: now.toISOString(),
      funnel: funnelOf(deliveries, delivered, engagement, acted, action, inferred),
      kindBlock,
      value: valueDelivered(kind.valueWeights, valued, delivered),
      timeline: hourlySeries(window, hourly),
      deliverability: deliverabilityOf(deliveries, delivered, unsubscribes),
      revenue: attributedRevenue(revenue),
    };
  }
}

function share(count: number, of: Share['rateOf'], whole: number): Share {
  return { count, rate: rate(count, whole), rateOf: of };
}

function funnelOf(
  d: DeliveryFigures,
  delivered: number,
  e: EngagementFigures,
  acted: number,
  action: KindAction,
  inferred: { opened: number; clicked: number },
): Funnel {
  const sent = d.byStatus.sent;
  const opened = share(e.humanOpeners + inferred.opened, 'delivered', delivered);
  const clicked = share(e.humanClickers + inferred.clicked, 'delivered', delivered);
  const actedShare = share(acted, 'delivered', delivered);
  return {
    steps: [
      { key: 'recipients', label: 'Recipients', ...share(d.recipients, 'recipients', d.recipients) },
      { key: 'sent', label: 'Sent', ...share(sent, 'recipients', d.recipients) },
      { key: 'delivered', label: 'Delivered', ...share(delivered, 'recipients', d.recipients) },
      { key: 'opened', label: 'Opened', ...opened },
      { key: 'clicked', label: 'Clicked', ...clicked },
      { key: 'acted', label: 'Acted', ...actedShare },
    ],
    byStatus: d.byStatus,
    opened: {
      human: opened,
      inferred: inferred.opened,
      machineOnly: share(e.machineOnlyOpeners, 'delivered', delivered),
      humanOpens: e.humanOpens,
      machineOpens: e.machineOpens,
    },
    clicked: { human: clicked, inferred: inferred.clicked, humanClicks: e.humanClicks, machineClicks: e.machineClicks },
    acted: { ...actedShare, action: action.label, eventTypes: action.eventTypes },
  };
}

function deliverabilityOf(d: DeliveryFigures, delivered: number, unsubscribes: number): Deliverability {
  const sent = d.byStatus.sent;
  return {
    failed: share(d.byStatus.failed, 'recipients', d.recipients),
    suppressed: share(d.byStatus.suppressed, 'recipients', d.recipients),
    hardBounces: share(d.hardBounces, 'sent', sent),
    softBounces: share(d.softBounces, 'sent', sent),
    complaints: share(d.complaints, 'delivered', delivered),
    unsubscribes: share(unsubscribes, 'delivered', delivered),
  };
}
