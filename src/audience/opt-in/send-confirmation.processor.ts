import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ListMembership } from '../list-membership.entity';
import { MailingList } from '../mailing-list.entity';
import { Subscriber } from '../subscriber.entity';
import { ConfirmationMailLimits } from './confirmation-mail.limits';
import { ConfirmationMailService } from './confirmation-mail.service';

export const CONFIRMATION_QUEUE = 'audience-confirmation';

export interface SendConfirmationJob {
  listId: number;
  subscriberId: number;
  /**
   * form: asked for through a public form, both relay limits apply (ConfirmationMailLimits);
   * import: an import with the double opt-in basis, one mail per address per interval.
   */
  origin?: 'form' | 'import';
}

/** Sends one double opt-in mail, only while the membership still waits for it. */
@Processor(CONFIRMATION_QUEUE, { autorun: false, concurrency: 4 })
export class SendConfirmationProcessor extends WorkerHost {
  private readonly logger = new Logger('SendConfirmation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: ConfirmationMailService,
    private readonly limits: ConfirmationMailLimits,
  ) {
    super();
  }

  async process(job: Job<SendConfirmationJob>): Promise<void> {
    const { listId, subscriberId } = job.data;
    const membership = await this.dataSource.getRepository(ListMembership).findOne({ where: { listId, subscriberId } });
    if (membership?.status !== 'unconfirmed') return;
    const [list, subscriber] = await Promise.all([
      this.dataSource.getRepository(MailingList).findOne({ where: { id: listId } }),
      this.dataSource.getRepository(Subscriber).findOne({ where: { id: subscriberId } }),
    ]);
    // An unsubscribed person may re-join through a double opt-in form; bounced or blocked addresses get nothing.
    if (!list || !subscriber?.email || (subscriber.status !== 'active' && subscriber.status !== 'unsubscribed')) return;
    if (!job.data.origin) return this.mail.send(subscriber, list);
    const verdict =
      job.data.origin === 'form'
        ? await this.limits.reserve(subscriber.email, list.id)
        : await this.limits.reserveAddress(subscriber.email);
    if (verdict !== 'send') {
      this.logger.log(
        `No confirmation mail for subscriber ${subscriberId} on list ${listId}: ${verdict === 'recently_sent' ? 'one was sent to this address recently' : 'the hourly cap of the public forms is reached'} (${job.data.origin})`,
      );
      return;
    }
    try {
      await this.mail.send(subscriber, list);
    } catch (error) {
      await this.limits.release(subscriber.email, job.data.origin === 'import');
      throw error;
    }
  }
}
