import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Translator } from '../../i18n/translator';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import type { ConsentContext } from '../consent/consent.service';
import { emailHash, normaliseEmail } from '../email-address';
import { ListsService } from '../lists/lists.service';
import { MembershipsService } from '../lists/memberships.service';
import { Subscriber } from '../subscriber.entity';
import { SuppressionsService } from '../subscribers/suppressions.service';
import { RateLimiter } from './rate-limiter';

export const FORM_LIMIT_PER_MINUTE = 10;

export interface SubscribeFormInput {
  email: string;
  name?: string;
}

/**
 * The public sign-up form. Whatever the address (new, existing, suppressed),
 * the answer is the same, so the form cannot be used to discover subscribers.
 */
@Injectable()
export class SubscribeFormService {
  constructor(
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    private readonly lists: ListsService,
    private readonly memberships: MembershipsService,
    private readonly suppressions: SuppressionsService,
    private readonly limiter: RateLimiter,
  ) {}

  /** `t`: the form's language; the answer speaks it and a new subscriber keeps it. */
  async execute(listId: number, input: SubscribeFormInput, context: ConsentContext, t: Translator): Promise<{ message: string }> {
    await this.limiter.hit('subscribe-form', context.ip ?? 'unknown', FORM_LIMIT_PER_MINUTE, 60);
    const list = await this.lists.get(listId);
    const email = normaliseEmail(input.email ?? '');
    if (!email) throw new AudienceException(AudienceErrorCode.InvalidEmail, 'Please enter a valid email address');
    const message = list.optIn === 'double' ? t.t('form.subscribe.checkInbox') : t.t('form.subscribe.received');
    // Suppressed addresses are never re-added from a public form, except someone who
    // unsubscribed earlier joining a double opt-in list: the confirmation proves it is them.
    const suppression = await this.suppressions.find(emailHash(email));
    if (suppression && !(suppression.reason === 'unsubscribed' && list.optIn === 'double')) return { message };
    const subscriber = (await this.subscribers.findOne({ where: { email } })) ?? (await this.createOrFind(email, input.name, t.locale));
    const source = `form:list-${list.id}`;
    const status = await this.memberships.subscribe(list, subscriber, { ...context, method: 'form', source });
    if (!status && list.optIn === 'double' && (await this.memberships.membershipStatus(list.id, subscriber.id)) === 'unconfirmed') {
      await this.memberships.requestConfirmation(list.id, [subscriber.id]);
    }
    return { message };
  }

  // Two submissions of one new address can race; the loser finds the winner's row, so both answer alike.
  private async createOrFind(email: string, name: string | undefined, locale: string): Promise<Subscriber> {
    try {
      return await this.subscribers.save(
        this.subscribers.create({ email, emailHash: emailHash(email), name: (name ?? '').trim().slice(0, 200), locale, attributes: {}, status: 'active' }),
      );
    } catch (error) {
      const existing = await this.subscribers.findOne({ where: { email } });
      if (existing) return existing;
      throw error;
    }
  }
}
