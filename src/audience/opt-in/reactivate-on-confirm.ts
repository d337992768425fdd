import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Subscriber } from '../subscriber.entity';
import { SuppressionsService } from '../subscribers/suppressions.service';

/** A confirmed opt-in by someone who had unsubscribed from everything makes them mailable again. */
@Injectable()
export class ReactivateOnConfirm {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppressions: SuppressionsService,
  ) {}

  async execute(subscriberId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const subscriber = await manager.findOne(Subscriber, { where: { id: subscriberId } });
      if (!subscriber?.emailHash || subscriber.status !== 'unsubscribed') return;
      await manager.update(Subscriber, { id: subscriberId }, { status: 'active' });
      await this.suppressions.lift(subscriber.emailHash, ['unsubscribed'], manager);
    });
  }
}
