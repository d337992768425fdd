import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { emailHash } from '../email-address';
import { MembershipsService } from '../lists/memberships.service';
import { MailingList } from '../mailing-list.entity';
import { Subscriber } from '../subscriber.entity';
import { SuppressionsService } from '../subscribers/suppressions.service';
import type { SubscribeFormJob } from './subscribe-form.job';

/** A public form's sign-up, carried out after the form has answered (see SubscribeFormService). */
@Injectable()
export class JoinFromForm {
  constructor(
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    @InjectRepository(MailingList) private readonly lists: Repository<MailingList>,
    private readonly memberships: MembershipsService,
    private readonly suppressions: SuppressionsService,
  ) {}

  async execute(job: SubscribeFormJob): Promise<void> {
    const list = await this.lists.findOne({ where: { id: job.listId } });
    if (!list?.publicForm) return;
    // Suppressed addresses are never re-added from a public form, except someone who
    // unsubscribed earlier joining a double opt-in list: the confirmation proves it is them.
    const suppression = await this.suppressions.find(emailHash(job.email));
    if (suppression && !(suppression.reason === 'unsubscribed' && list.optIn === 'double')) return;
    const subscriber =
      (await this.subscribers.findOne({ where: { email: job.email } })) ?? (await this.createOrFind(job));
    const context = {
      method: 'form' as const,
      source: `form:list-${list.id}`,
      ip: job.ip || null,
      userAgent: job.userAgent,
    };
    const status = await this.memberships.subscribe(list, subscriber, context);
    // Someone who signed up before and never confirmed asks again: one more mail, within the relay limits.
    if (
      !status &&
      list.optIn === 'double' &&
      (await this.memberships.membershipStatus(list.id, subscriber.id)) === 'unconfirmed'
    ) {
      await this.memberships.requestConfirmation(list.id, [subscriber.id], 'form');
    }
  }

  // Two submissions of one new address can race; the loser finds the winner's row.
  private async createOrFind(job: SubscribeFormJob): Promise<Subscriber> {
    try {
      return await this.subscribers.save(
        this.subscribers.create({
          email: job.email,
          emailHash: emailHash(job.email),
          name: job.name,
          locale: job.locale,
          timezone: job.timezone ?? null,
          attributes: {},
          status: 'active',
        }),
      );
    } catch (error) {
      const existing = await this.subscribers.findOne({ where: { email: job.email } });
      if (existing) return existing;
      throw error;
    }
  }
}
