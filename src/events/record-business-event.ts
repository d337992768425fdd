import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { normaliseEmail } from '../audience/email-address';
import { Clock } from '../common/clock';
import { sql } from '../common/db/sql-dialect';
import { fieldProblemsText, flattenValidationErrors } from '../common/validation.pipe';
import { AttributionFinder } from './attribution';
import {
  BatchDto,
  BatchItemResultDto,
  BatchResultDto,
  ConversionDto,
  PurchaseDto,
  RecordedEventDto,
} from './dto/business-event.dto';
import { EventException } from './event.exception';
import { EventWriter } from './event-writer';
import { IdempotencyStore, IdempotentResult } from './idempotency.store';

export type BusinessEventType = 'conversion' | 'purchase';
type Body<T extends BusinessEventType> = T extends 'conversion' ? ConversionDto : PurchaseDto;

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * Conversions (trial → paid) and purchases reported by the marketer's systems:
 * one event each, credited to the campaign last acted on, exactly once per
 * Idempotency-Key (and, for purchases, once per order id).
 */
@Injectable()
export class RecordBusinessEvent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly idempotency: IdempotencyStore,
    private readonly attribution: AttributionFinder,
    private readonly clock: Clock,
  ) {}

  single<T extends BusinessEventType>(
    type: T,
    key: string | undefined,
    body: Body<T>,
  ): Promise<IdempotentResult<RecordedEventDto>> {
    const checked = IdempotencyStore.checkKey(key);
    return this.idempotency.run(type, checked, body, async (tx) => ({
      status: 201,
      body: await this.recordOne(tx, type, body, `${type}:${digest(checked)}`),
    }));
  }

  batch(type: BusinessEventType, key: string | undefined, body: BatchDto): Promise<IdempotentResult<BatchResultDto>> {
    const checked = IdempotencyStore.checkKey(key);
    const dto: new () => ConversionDto | PurchaseDto = type === 'conversion' ? ConversionDto : PurchaseDto;
    return this.idempotency.run(`${type}-batch`, checked, body, async (tx) => {
      const results: BatchItemResultDto[] = [];
      for (const [index, item] of body.items.entries()) {
        const instance = plainToInstance(dto, item) as ConversionDto | PurchaseDto;
        const problems = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
        if (problems.length) {
          results.push({
            index,
            status: 400,
            code: 'invalid_event',
            message: fieldProblemsText(flattenValidationErrors(problems)),
          });
          continue;
        }
        try {
          results.push({
            index,
            status: 201,
            event: await this.recordOne(tx, type, instance, `${type}:${digest(checked)}:${index}`),
          });
        } catch (error) {
          if (!(error instanceof EventException)) throw error;
          results.push({ index, status: error.status, code: error.code, message: error.message });
        }
      }
      const recorded = results.filter((r) => r.status === 201).length;
      return { status: 200, body: { recorded, failed: results.length - recorded, results } };
    });
  }

  private async recordOne(
    tx: EntityManager,
    type: BusinessEventType,
    body: ConversionDto | PurchaseDto,
    requestKey: string,
  ): Promise<RecordedEventDto> {
    const subscriberId = await this.subscriberOf(tx, body);
    const now = this.clock.now();
    const at = body.at ? new Date(body.at) : now;
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      throw new EventException('in_the_future', `at (${body.at}) is in the future`);
    const order = 'orderId' in body ? body.orderId : undefined;
    // One order is one purchase, whatever key it is posted under.
    const dedupeKey = order !== undefined ? `purchase:${digest(order)}` : requestKey;
    const ds = this.dataSource;
    const [existing] =
      order !== undefined ? await tx.query(sql(ds, 'SELECT id FROM events WHERE dedupe_key = ?'), [dedupeKey]) : [];
    if (existing)
      throw new EventException('duplicate_order', `order ${order} was already recorded (event ${existing.id})`, 409, {
        eventId: Number(existing.id),
      });
    const touch = await this.attribution.lastTouch(tx, subscriberId, at);
    await this.events.record(
      {
        type,
        campaignId: touch?.campaignId ?? null,
        subscriberId,
        occurredAt: at,
        dedupeKey,
        data: {
          amount: body.amount,
          currency: body.currency,
          ...('plan' in body ? { plan: body.plan } : {}),
          ...(order !== undefined ? { orderId: order } : {}),
          ...(touch ? { attributedEventId: touch.eventId, attributedEventType: touch.eventType } : {}),
          ...(body.metadata ? { metadata: body.metadata } : {}),
        },
      },
      tx,
    );
    const [row] = await tx.query(sql(ds, 'SELECT id FROM events WHERE dedupe_key = ?'), [dedupeKey]);
    return {
      eventId: Number(row.id),
      type,
      subscriberId,
      campaignId: touch?.campaignId ?? null,
      attribution: touch
        ? {
            campaignId: touch.campaignId,
            eventId: touch.eventId,
            eventType: touch.eventType,
            at: touch.at.toISOString(),
          }
        : null,
      occurredAt: at.toISOString(),
      amount: body.amount,
      currency: body.currency,
      ...('plan' in body ? { plan: body.plan } : {}),
      ...(order !== undefined ? { orderId: order } : {}),
    };
  }

  private async subscriberOf(tx: EntityManager, ref: ConversionDto | PurchaseDto): Promise<number> {
    const given = [ref.subscriberId, ref.email, ref.externalId].filter((v) => v !== undefined).length;
    if (given !== 1)
      throw new EventException(
        'subscriber_ref',
        'name the subscriber with exactly one of subscriberId, email or externalId',
      );
    const ds = this.dataSource;
    let rows: Array<{ id: unknown }>;
    let what: string;
    if (ref.subscriberId !== undefined) {
      what = `id ${ref.subscriberId}`;
      rows = await tx.query(sql(ds, 'SELECT id FROM subscribers WHERE id = ? AND erased_at IS NULL'), [
        ref.subscriberId,
      ]);
    } else if (ref.email !== undefined) {
      what = `email ${ref.email}`;
      rows = await tx.query(sql(ds, 'SELECT id FROM subscribers WHERE email = ? AND erased_at IS NULL'), [
        normaliseEmail(ref.email) ?? ref.email,
      ]);
    } else {
      what = `externalId ${ref.externalId}`;
      rows = await tx.query(
        sql(ds, 'SELECT id FROM subscribers WHERE external_id = ? AND erased_at IS NULL ORDER BY id LIMIT 2'),
        [ref.externalId],
      );
    }
    if (rows.length === 0) throw new EventException('unknown_subscriber', `no subscriber with ${what}`, 404);
    if (rows.length > 1)
      throw new EventException(
        'ambiguous_subscriber',
        `more than one subscriber has ${what}; use subscriberId or email`,
        409,
      );
    return Number(rows[0].id);
  }
}
