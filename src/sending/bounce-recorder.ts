import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { emailHash } from '../audience/email-address';
import { Subscriber } from '../audience/subscriber.entity';
import { SuppressionsService } from '../audience/subscribers/suppressions.service';

/** Marks an address bounced or complained and puts it on the suppression list. */
@Injectable()
export class BounceRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppressions: SuppressionsService,
  ) {}

  async suppressSubscriber(subscriberId: number, status: 'bounced' | 'complained', detail: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const subscribers = tx.getRepository(Subscriber);
      const subscriber = await subscribers.findOne({ where: { id: subscriberId }, select: { id: true, email: true } });
      if (!subscriber) return;
      await subscribers.update({ id: subscriberId }, { status });
      if (subscriber.email) await this.suppressions.add(emailHash(subscriber.email), status, detail, tx);
    });
  }
}
