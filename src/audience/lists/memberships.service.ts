import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Clock } from '../../common/clock';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { ConsentContext, ConsentService } from '../consent/consent.service';
import {
  ListMemberDto,
  ListMembersPageDto,
  ListMembersQueryDto,
  MembersChangeDto,
  MembersChangeResultDto,
} from '../dto/list.dto';
import { ListMembership, MembershipStatus } from '../list-membership.entity';
import { MailingList } from '../mailing-list.entity';
import { CONFIRMATION_QUEUE, SendConfirmationJob } from '../opt-in/send-confirmation.processor';
import { SegmentsService } from '../segments/segments.service';
import { Subscriber } from '../subscriber.entity';
import { ListsService } from './lists.service';
import { MembershipEvent, nextMembershipStatus } from './membership-transition';

const CHUNK = 1000;

/** List membership changes; every change goes through nextMembershipStatus and leaves a consent record. */
@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lists: ListsService,
    private readonly segments: SegmentsService,
    private readonly consent: ConsentService,
    @InjectQueue(CONFIRMATION_QUEUE) private readonly confirmations: Queue<SendConfirmationJob>,
    private readonly clock: Clock,
  ) {}

  /** One subscriber joins one list; returns the new status, or undefined if nothing changed. */
  async subscribe(
    list: MailingList,
    subscriber: Subscriber,
    context: ConsentContext,
  ): Promise<MembershipStatus | undefined> {
    const status = await this.dataSource.transaction((manager) =>
      this.apply(
        manager,
        list,
        subscriber.id,
        { type: 'subscribe', optIn: list.optIn, method: context.method },
        context,
      ),
    );
    if (status === 'unconfirmed')
      await this.requestConfirmation(list.id, [subscriber.id], context.method === 'form' ? 'form' : undefined);
    return status;
  }

  async confirm(listId: number, subscriberId: number, context: ConsentContext): Promise<MembershipStatus | undefined> {
    const list = await this.lists.get(listId);
    return this.dataSource.transaction((manager) =>
      this.apply(manager, list, subscriberId, { type: 'confirm' }, context),
    );
  }

  async unsubscribe(
    listId: number,
    subscriberId: number,
    context: ConsentContext,
    manager?: EntityManager,
  ): Promise<MembershipStatus | undefined> {
    const list = await this.lists.get(listId);
    const run = (m: EntityManager) => this.apply(m, list, subscriberId, { type: 'unsubscribe' }, context);
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async membershipStatus(listId: number, subscriberId: number): Promise<MembershipStatus | undefined> {
    const m = await this.dataSource.getRepository(ListMembership).findOne({ where: { listId, subscriberId } });
    return m?.status;
  }

  async addMany(listId: number, dto: MembersChangeDto, context: ConsentContext): Promise<MembersChangeResultDto> {
    const list = await this.lists.get(listId);
    const result = { changed: 0, pending: 0, unchanged: 0 };
    await this.forEachChunk(dto, async (ids) => {
      const subscribers = await this.dataSource
        .getRepository(Subscriber)
        .find({ where: { id: In(ids), erasedAt: IsNull() } });
      result.unchanged += ids.length - subscribers.length;
      const toConfirm: Subscriber[] = [];
      await this.dataSource.transaction(async (manager) => {
        for (const subscriber of subscribers) {
          const status = await this.apply(
            manager,
            list,
            subscriber.id,
            { type: 'subscribe', optIn: list.optIn, method: context.method },
            context,
          );
          if (!status) result.unchanged++;
          else {
            result.changed++;
            if (status === 'unconfirmed') toConfirm.push(subscriber);
          }
        }
      });
      result.pending += toConfirm.length;
      // Queued after commit: a rolled-back membership must not get a confirmation mail.
      await this.requestConfirmation(
        list.id,
        toConfirm.map((s) => s.id),
      );
    });
    return result;
  }

  /** Queues the double opt-in mail (sent by SendConfirmationProcessor while the membership is unconfirmed). */
  async requestConfirmation(
    listId: number,
    subscriberIds: number[],
    origin?: SendConfirmationJob['origin'],
  ): Promise<void> {
    if (!subscriberIds.length) return;
    await this.confirmations.addBulk(
      subscriberIds.map((subscriberId) => ({
        name: 'confirm',
        data: { listId, subscriberId, ...(origin ? { origin } : {}) },
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
      })),
    );
  }

  /** Takes subscribers off a list entirely (an admin correction, not an unsubscribe). */
  async removeMany(listId: number, dto: MembersChangeDto): Promise<MembersChangeResultDto> {
    await this.lists.get(listId);
    const result = { changed: 0, pending: 0, unchanged: 0 };
    await this.forEachChunk(dto, async (ids) => {
      const deleted = await this.dataSource.getRepository(ListMembership).delete({ listId, subscriberId: In(ids) });
      const n = deleted.affected ?? 0;
      result.changed += n;
      result.unchanged += ids.length - n;
    });
    return result;
  }

  async members(listId: number, query: ListMembersQueryDto): Promise<ListMembersPageDto> {
    await this.lists.get(listId);
    const page = query.page ?? 1;
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(ListMembership)
      .createQueryBuilder('m')
      .innerJoin(Subscriber, 's', 's.id = m.subscriber_id')
      .where('m.list_id = :listId', { listId });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    const total = await qb.getCount();
    const rows = await qb
      .select([
        'm.subscriber_id AS "subscriberId"',
        's.email AS email',
        's.name AS name',
        'm.status AS status',
        'm.confirmed_at AS "confirmedAt"',
        'm.unsubscribed_at AS "unsubscribedAt"',
        'm.created_at AS "createdAt"',
      ])
      .orderBy('m.subscriber_id', 'ASC')
      .offset((page - 1) * limit)
      .limit(limit)
      .getRawMany<ListMemberDto>();
    return { items: rows.map((r) => ({ ...r, subscriberId: Number(r.subscriberId) })), page, limit, total };
  }

  private async forEachChunk(dto: MembersChangeDto, run: (ids: number[]) => Promise<void>): Promise<void> {
    if (!dto.subscriberIds?.length && !dto.segmentId) {
      throw new AudienceException(AudienceErrorCode.NothingSelected, 'Give subscriberIds, a segmentId, or both');
    }
    const ids = [...new Set(dto.subscriberIds ?? [])];
    for (let i = 0; i < ids.length; i += CHUNK) await run(ids.slice(i, i + CHUNK));
    if (dto.segmentId) {
      for (let after = 0; ;) {
        const page = await this.segments.idsPage(dto.segmentId, after, CHUNK);
        if (!page.length) break;
        await run(page);
        after = page[page.length - 1];
      }
    }
  }

  private async apply(
    manager: EntityManager,
    list: MailingList,
    subscriberId: number,
    event: MembershipEvent,
    context: ConsentContext,
  ): Promise<MembershipStatus | undefined> {
    const repo = manager.getRepository(ListMembership);
    const current = await repo.findOne({ where: { listId: list.id, subscriberId } });
    const next = nextMembershipStatus(current?.status, event);
    if (!next) return undefined;
    const now = this.clock.now();
    const changes = {
      status: next,
      ...(next === 'confirmed' ? { confirmedAt: now, unsubscribedAt: null } : {}),
      ...(next === 'unsubscribed' ? { unsubscribedAt: now } : {}),
      ...(next === 'unconfirmed' ? { confirmedAt: null, unsubscribedAt: null } : {}),
    };
    if (current) await repo.update({ listId: list.id, subscriberId }, changes);
    else await repo.insert({ listId: list.id, subscriberId, confirmedAt: null, unsubscribedAt: null, ...changes });
    await this.consent.record(subscriberId, list.id, event.type, context, manager);
    return next;
  }
}
