import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundException } from '../../common/domain.exception';
import { sql } from '../../common/db/sql-dialect';
import { SendRateMeter } from '../../sending/send-rate.meter';
import { TransportHealth } from '../../sending/transport-health';
import { Campaign } from '../campaign.entity';
import type { CampaignProgressDto } from '../dto/campaign.dto';

/**
 * GET /api/campaigns/:id/progress, cheap enough to ask every second during a
 * send: the campaign's live counters, the rows claimed right now (bounded by
 * the workers' batches, counted on the claim index) and the Redis rate meter.
 */
@Injectable()
export class ReadCampaignProgress {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meter: SendRateMeter,
    private readonly transportHealth: TransportHealth,
  ) {}

  async execute(id: number): Promise<CampaignProgressDto> {
    const ds = this.dataSource;
    const c = await ds.getRepository(Campaign).findOneBy({ id });
    if (!c) throw new NotFoundException('Campaign', id);
    const [claimed] = await ds.query(
      sql(ds, "SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status = 'sending'"),
      [id],
    );
    const done = c.sentCount + c.failedCount + c.suppressedCount;
    const sending = Math.min(Number(claimed?.n ?? 0), Math.max(0, c.totalCount - done));
    const queued = Math.max(0, c.totalCount - done - sending);
    const left = queued + sending;
    const rate = c.status === 'running' ? await this.meter.rate(id) : 0;
    const outage = c.status === 'running' && left > 0 ? await this.transportHealth.outage(c.transport) : null;
    return {
      campaignId: id,
      status: c.status,
      total: c.totalCount,
      queued,
      sending,
      sent: c.sentCount,
      failed: c.failedCount,
      suppressed: c.suppressedCount,
      uncertain: c.uncertainCount,
      progress: c.totalCount > 0 ? Math.round((done / c.totalCount) * 10000) / 10000 : c.fanoutDone ? 1 : 0,
      rate: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 ? Math.ceil(left / rate) : left === 0 ? 0 : null,
      audienceComplete: c.fanoutDone,
      statusReason: c.statusReason,
      waitingForSmtp: outage && {
        transport: outage.transport,
        since: outage.since,
        reason: outage.reason,
        nextProbeAt: outage.probeAt,
      },
    };
  }
}
