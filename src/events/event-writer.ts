import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TrackedEvent } from './event.entity';
import type { EventType } from './event-types';

export interface NewEvent {
  type: EventType;
  campaignId?: number | null;
  deliveryId?: number | null;
  subscriberId?: number | null;
  occurredAt: Date;
  data?: Record<string, unknown>;
  machine?: boolean;
  machineReason?: string | null;
  repeat?: boolean;
  ip?: string | null;
  userAgent?: string | null;
  /** Same key twice → stored once. */
  dedupeKey?: string | null;
}

/** The one event writer: appends to the log, inside the caller's transaction when given one. */
@Injectable()
export class EventWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(events: NewEvent | NewEvent[], manager?: EntityManager): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    const db = manager ?? this.dataSource.manager;
    for (let i = 0; i < list.length; i += 200) {
      await db
        .createQueryBuilder()
        .insert()
        .into(TrackedEvent)
        .values(
          list.slice(i, i + 200).map((e) => ({
            type: e.type,
            campaignId: e.campaignId ?? null,
            deliveryId: e.deliveryId ?? null,
            subscriberId: e.subscriberId ?? null,
            occurredAt: e.occurredAt,
            data: (e.data ?? {}) as TrackedEvent['data'] & object,
            machine: e.machine ?? false,
            machineReason: e.machineReason ?? null,
            repeat: e.repeat ?? false,
            ip: e.ip ?? null,
            userAgent: e.userAgent?.slice(0, 300) ?? null,
            dedupeKey: e.dedupeKey ?? null,
          })),
        )
        .orIgnore()
        .execute();
    }
  }
}
