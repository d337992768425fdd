import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { ConsentAction, ConsentMethod, ConsentRecord } from './consent-record.entity';

/** Who did it and how: carried from the controller down to the consent record. */
export interface ConsentContext {
  method: ConsentMethod;
  source?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

@Injectable()
export class ConsentService {
  constructor(
    @InjectRepository(ConsentRecord) private readonly records: Repository<ConsentRecord>,
    private readonly clock: Clock,
  ) {}

  async record(
    subscriberId: number,
    listId: number | null,
    action: ConsentAction,
    context: ConsentContext,
    manager?: EntityManager,
  ): Promise<void> {
    const repo = manager ? manager.getRepository(ConsentRecord) : this.records;
    await repo.insert({
      subscriberId,
      listId,
      action,
      method: context.method,
      source: context.source?.slice(0, 120) ?? null,
      ip: context.ip?.slice(0, 64) ?? null,
      userAgent: context.userAgent?.slice(0, 400) ?? null,
      at: this.clock.now(),
    });
  }

  forSubscriber(subscriberId: number): Promise<ConsentRecord[]> {
    return this.records.find({ where: { subscriberId }, order: { id: 'ASC' } });
  }
}
