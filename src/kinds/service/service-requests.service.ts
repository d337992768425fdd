import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import type { LinkClaims } from '../../links/link-token.service';
import { KindException } from '../common/kind.exception';
import { KindRecipientResolver } from '../common/kind-recipient';
import { ServiceRequest, ServiceRequestStatus } from './service-request.entity';
import type { ServiceContent } from './service.content';

// The only moves a marketer makes; anything else is refused with 409.
const TRANSITIONS: Record<ServiceRequestStatus, ServiceRequestStatus[]> = {
  new: ['in_progress', 'done'],
  in_progress: ['done', 'new'],
  done: ['in_progress'],
};

@Injectable()
export class ServiceRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  /** Records the request (once per offer and recipient); returns its id. */
  /** `at`: when the person clicked (the act is done once the scanner rules have judged it). */
  async request(
    claims: LinkClaims,
    content: ServiceContent,
    offerIndex: number,
    at?: Date,
  ): Promise<{ id: number; created: boolean }> {
    const ds = this.dataSource;
    const when = at ?? this.clock.now();
    const now = dbTime(ds, when);
    const inserted = await execute(
      ds,
      `INSERT INTO service_requests (campaign_id, subscriber_id, delivery_id, offer_index, offer_title, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'new', ?, ?) ON CONFLICT (campaign_id, subscriber_id, offer_index) DO NOTHING`,
      [
        claims.campaignId,
        claims.subscriberId,
        claims.deliveryId,
        offerIndex,
        content.offers[offerIndex].title,
        now,
        now,
      ],
    );
    const [row] = await ds.query(
      sql(ds, 'SELECT id FROM service_requests WHERE campaign_id = ? AND subscriber_id = ? AND offer_index = ?'),
      [claims.campaignId, claims.subscriberId, offerIndex],
    );
    if (inserted === 1) {
      await this.events.record({
        type: 'service_requested',
        ...claims,
        occurredAt: when,
        data: { offerIndex, topic: content.offers[offerIndex].topic },
        dedupeKey: `service:${row.id}`,
      });
    }
    return { id: Number(row.id), created: inserted === 1 };
  }

  async addNote(claims: LinkClaims, offerIndex: number, note: string): Promise<boolean> {
    const ds = this.dataSource;
    const changed = await execute(
      ds,
      'UPDATE service_requests SET note = ?, updated_at = ? WHERE campaign_id = ? AND subscriber_id = ? AND offer_index = ?',
      [note, dbTime(ds, this.clock.now()), claims.campaignId, claims.subscriberId, offerIndex],
    );
    return changed === 1;
  }

  async list(filter: { campaignId?: number; status?: ServiceRequestStatus }): Promise<ServiceRequest[]> {
    return this.dataSource.getRepository(ServiceRequest).find({
      where: {
        ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { id: 'DESC' },
      take: 500,
    });
  }

  async setStatus(id: number, status: ServiceRequestStatus): Promise<ServiceRequest> {
    const repo = this.dataSource.getRepository(ServiceRequest);
    const current = await repo.findOneBy({ id });
    if (!current) throw new KindException('service_request_unknown', `Service request ${id} does not exist`, 404);
    if (current.status !== status) {
      if (!TRANSITIONS[current.status].includes(status))
        throw new KindException('service_request_unknown', `A ${current.status} request cannot become ${status}`, 409);
      const ds = this.dataSource;
      const changed = await execute(
        ds,
        'UPDATE service_requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?',
        [status, dbTime(ds, this.clock.now()), id, current.status],
      );
      if (changed !== 1)
        throw new KindException(
          'service_request_unknown',
          `Service request ${id} was changed by someone else; reload it`,
          409,
        );
    }
    return (await repo.findOneBy({ id }))!;
  }

  async report(campaignId: number): Promise<{
    campaignId: number;
    sent: number;
    requests: number;
    offers: Array<{
      index: number;
      title: string;
      topic: string;
      requests: number;
      new: number;
      inProgress: number;
      done: number;
    }>;
  }> {
    const { content } = await this.recipients.campaignOf(campaignId, 'service');
    const ds = this.dataSource;
    const rows: Array<{ offer_index: number; status: string; n: number }> = await ds.query(
      sql(
        ds,
        'SELECT offer_index, status, COUNT(*) AS n FROM service_requests WHERE campaign_id = ? GROUP BY offer_index, status',
      ),
      [campaignId],
    );
    const n = (i: number, s?: string) =>
      rows.filter((r) => Number(r.offer_index) === i && (!s || r.status === s)).reduce((a, r) => a + Number(r.n), 0);
    const offers = content.offers.map((o, i) => ({
      index: i,
      title: o.title,
      topic: o.topic,
      requests: n(i),
      new: n(i, 'new'),
      inProgress: n(i, 'in_progress'),
      done: n(i, 'done'),
    }));
    return {
      campaignId,
      sent: await this.recipients.sentCount(campaignId),
      requests: offers.reduce((a, o) => a + o.requests, 0),
      offers,
    };
  }
}
