import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { dialectOf } from '../db-dialect';
import {
  CreateSubscriberDto,
  ListSubscribersQueryDto,
  SubscriberDto,
  SubscriberPageDto,
  UpdateSubscriberDto,
} from '../dto/subscriber.dto';
import { emailHash, normaliseEmail } from '../email-address';
import { compileSegment } from '../segments/segment.compiler';
import { Subscriber } from '../subscriber.entity';
import { EraseSubscriber } from './erase-subscriber';
import { SuppressionsService } from './suppressions.service';
import { LocaleResolver } from '../../i18n/locale-resolver';
import { canonicalTimezone } from '../../common/timezone';
import { fullNameOf } from '../person-name';

@Injectable()
export class SubscribersService {
  constructor(
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppressions: SuppressionsService,
    private readonly erase: EraseSubscriber,
    private readonly locales: LocaleResolver,
  ) {}

  /** A valid, unused, not erased/blocklisted address, normalised; throws otherwise. */
  async admissibleEmail(raw: string): Promise<{ email: string; hash: string }> {
    const email = normaliseEmail(raw);
    if (!email) throw new AudienceException(AudienceErrorCode.InvalidEmail, `"${raw}" is not a valid email address`);
    const hash = emailHash(email);
    const suppression = await this.suppressions.find(hash);
    if (suppression && (suppression.reason === 'erased' || suppression.reason === 'blocklisted')) {
      const why =
        suppression.reason === 'erased'
          ? 'its owner had their data erased (GDPR) and it may never be added again'
          : 'it is blocklisted';
      throw new AudienceException(AudienceErrorCode.EmailSuppressed, `${email} cannot be added: ${why}`, {
        reason: suppression.reason,
      });
    }
    const taken = await this.subscribers.findOne({ where: { email }, select: { id: true } });
    if (taken)
      throw new AudienceException(
        AudienceErrorCode.EmailTaken,
        `A subscriber with email ${email} already exists (id ${taken.id})`,
        { id: taken.id },
      );
    return { email, hash };
  }

  async create(dto: CreateSubscriberDto): Promise<Subscriber> {
    const { email, hash } = await this.admissibleEmail(dto.email);
    const created = this.subscribers.create({
      email,
      emailHash: hash,
      name: dto.name ?? fullNameOf(dto),
      firstName: dto.firstName ?? '',
      lastName: dto.lastName ?? '',
      attributes: dto.attributes ?? {},
      status: dto.status ?? 'active',
      externalId: dto.externalId ?? null,
      locale: dto.locale ?? this.locales.defaultLocale,
      timezone: dto.timezone ? canonicalTimezone(dto.timezone)! : null,
      trackingOptOut: dto.trackingOptOut ?? false,
    });
    return this.subscribers.save(created);
  }

  async get(id: number): Promise<Subscriber> {
    const found = await this.subscribers.findOne({ where: { id } });
    if (!found) throw AudienceException.notFound('Subscriber', id);
    return found;
  }

  async update(id: number, dto: UpdateSubscriberDto): Promise<Subscriber> {
    const subscriber = await this.get(id);
    if (subscriber.erasedAt)
      throw new AudienceException(
        AudienceErrorCode.EmailSuppressed,
        `Subscriber ${id} was erased and cannot be changed`,
      );
    // A name made from the parts follows the parts; one the marketer wrote stays.
    const derived = subscriber.name === '' || subscriber.name === fullNameOf(subscriber);
    Object.assign(subscriber, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    if (dto.name === undefined && derived && (dto.firstName !== undefined || dto.lastName !== undefined))
      subscriber.name = fullNameOf(subscriber);
    if (dto.timezone !== undefined) subscriber.timezone = dto.timezone ? canonicalTimezone(dto.timezone)! : null;
    // Marking someone blocklisted, bounced or complained also suppresses the address itself,
    // so it stays unmailable (and, if blocklisted, un-addable) even after a plain delete.
    if (
      subscriber.emailHash &&
      (dto.status === 'blocklisted' || dto.status === 'bounced' || dto.status === 'complained')
    ) {
      await this.suppressions.add(subscriber.emailHash, dto.status, 'api');
    }
    return this.subscribers.save(subscriber);
  }

  async list(query: ListSubscribersQueryDto): Promise<SubscriberPageDto> {
    const page = query.page ?? 1;
    const limit = query.limit ?? 50;
    const qb = this.subscribers.createQueryBuilder('s');
    if (query.q) {
      const needle = `%${query.q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("(LOWER(s.email) LIKE :q ESCAPE '\\' OR LOWER(s.name) LIKE :q ESCAPE '\\')", { q: needle });
    }
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.importRunId) qb.andWhere('s.import_id = :importRunId', { importRunId: query.importRunId });
    if (query.listId) {
      qb.andWhere('EXISTS (SELECT 1 FROM list_memberships m WHERE m.subscriber_id = s.id AND m.list_id = :listId)', {
        listId: query.listId,
      });
    }
    const attr = Object.entries(query.attr ?? {});
    if (attr.length) {
      // Same grammar and validation as segments: attribute keys are checked, values bound.
      const filter = { all: attr.map(([key, value]) => ({ field: `attributes.${key}`, op: 'eq', value })) };
      const { sql, params } = compileSegment(filter, dialectOf(this.dataSource), 'attr');
      qb.andWhere(sql, params);
    }
    const [items, total] = await qb
      .orderBy('s.id', 'ASC')
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return { items: items.map(SubscriberDto.of), page, limit, total };
  }

  /** Plain delete, or with `erase` the GDPR erasure that leaves only a suppressed hash. */
  async remove(id: number, erase = false): Promise<void> {
    if (erase) return this.erase.execute(id);
    await this.get(id);
    await this.subscribers.delete({ id });
  }
}
