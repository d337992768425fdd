import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dbBool, dbTime } from '../common/db/sql-dialect';
import { NotFoundException } from '../common/domain.exception';
import { campaignNames } from '../campaigns/campaign-names';
import { EventDto, EventPageDto, ListEventsQuery, TimelinePageDto, TimelineQuery } from './dto/event-query.dto';
import { TrackedEvent } from './event.entity';

const toDto = (e: TrackedEvent): EventDto => ({
  id: e.id,
  type: e.type,
  campaignId: e.campaignId,
  deliveryId: e.deliveryId,
  subscriberId: e.subscriberId,
  occurredAt: e.occurredAt.toISOString(),
  data: e.data ?? {},
  machine: Boolean(e.machine),
  machineReason: e.machineReason,
  ip: e.ip,
  userAgent: e.userAgent,
});

/** Reads the event log: filtered pages for integrations, a timeline per subscriber. */
@Injectable()
export class EventQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListEventsQuery): Promise<EventPageDto> {
    const ds = this.dataSource;
    const limit = query.limit ?? 100;
    const qb = ds
      .getRepository(TrackedEvent)
      .createQueryBuilder('e')
      .where('e.id > :cursor', { cursor: query.cursor ?? 0 });
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.campaignId) qb.andWhere('e.campaign_id = :campaignId', { campaignId: query.campaignId });
    if (query.subscriberId) qb.andWhere('e.subscriber_id = :subscriberId', { subscriberId: query.subscriberId });
    if (query.machine !== undefined) qb.andWhere('e.machine = :machine', { machine: dbBool(ds, query.machine) });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: dbTime(ds, new Date(query.from)) });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: dbTime(ds, new Date(query.to)) });
    const rows = await qb
      .orderBy('e.id', 'ASC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    return { items: page.map(toDto), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async timeline(subscriberId: number, query: TimelineQuery): Promise<TimelinePageDto> {
    const ds = this.dataSource;
    const [subscriber] = await ds.query(
      ds.options.type === 'postgres'
        ? 'SELECT id FROM subscribers WHERE id = $1'
        : 'SELECT id FROM subscribers WHERE id = ?',
      [subscriberId],
    );
    if (!subscriber) throw new NotFoundException('Subscriber', subscriberId);
    const limit = query.limit ?? 100;
    const qb = ds
      .getRepository(TrackedEvent)
      .createQueryBuilder('e')
      .where('e.subscriber_id = :subscriberId', { subscriberId });
    if (query.cursor) qb.andWhere('e.id < :cursor', { cursor: query.cursor });
    const rows = await qb
      .orderBy('e.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const names = await campaignNames(
      ds,
      page.map((e) => e.campaignId),
    );
    return {
      items: page.map((e) => ({ ...toDto(e), campaignName: e.campaignId ? (names.get(e.campaignId) ?? null) : null })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
