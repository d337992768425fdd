import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import type { Translator } from '../../i18n/translator';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { normaliseEmail } from '../email-address';
import { MailingList } from '../mailing-list.entity';
import { ProofOfWork } from './proof-of-work';
import { FixedWindowLimiter } from '../../common/rate-limit/fixed-window.limiter';
import { Clock } from '../../common/clock';
import { SUBSCRIBE_FORM_QUEUE, SubscribeFormJob } from './subscribe-form.job';
import { canonicalTimezone } from '../../common/timezone';

export const FORM_LIMIT_PER_MINUTE = 10;
/** The hidden field people leave empty and form-filling robots do not. */
export const HONEYPOT_FIELD = 'homepage';

export interface SubscribeFormInput {
  email: string;
  name?: string;
  [HONEYPOT_FIELD]?: string;
  powChallenge?: string;
  powNonce?: string;
  /** The browser's IANA timezone (subscribe.js fills it); an unknown one is ignored, never refused. */
  timezone?: string;
}

export interface SubscribeFormRequester {
  ip: string;
  userAgent: string | null;
}

/**
 * The public sign-up form, the part that answers. It answers the same for a
 * new, existing, suppressed or recently mailed address, and for a list that
 * does not exist or whose form is off: it only queues the sign-up, which
 * SubscribeFormProcessor carries out after the answer has gone. So neither
 * the answer nor its timing tells who is subscribed or which lists exist.
 */
@Injectable()
export class SubscribeFormService {
  constructor(
    @InjectRepository(MailingList) private readonly lists: Repository<MailingList>,
    @InjectQueue(SUBSCRIBE_FORM_QUEUE) private readonly queue: Queue<SubscribeFormJob>,
    private readonly limiter: FixedWindowLimiter,
    private readonly clock: Clock,
    private readonly proofOfWork: ProofOfWork,
  ) {}

  /** `t`: the form's language; the answer speaks it and a new subscriber keeps it. */
  async execute(
    listId: number,
    input: SubscribeFormInput,
    requester: SubscribeFormRequester,
    t: Translator,
  ): Promise<{ message: string }> {
    const window = {
      key: `subscribe-form:${requester.ip || 'unknown'}`,
      limit: FORM_LIMIT_PER_MINUTE,
      windowMs: 60_000,
    };
    if (!(await this.limiter.take([window], this.clock.now().getTime())).allowed) {
      throw new AudienceException(AudienceErrorCode.RateLimited, 'Too many requests; try again in a minute');
    }
    const email = normaliseEmail(input.email ?? '');
    if (!email) throw new AudienceException(AudienceErrorCode.InvalidEmail, 'Please enter a valid email address');
    if (this.proofOfWork.required && !(await this.proofOfWork.accept(input.powChallenge, input.powNonce))) {
      throw new AudienceException(
        AudienceErrorCode.ProofOfWorkFailed,
        "The form's check against robots did not complete; reload the page and send the form again",
      );
    }
    // Which message a list's form gives is no secret; a closed or unknown list gives the double opt-in one.
    const list = await this.lists.findOne({
      where: { id: listId },
      select: { id: true, optIn: true, publicForm: true },
    });
    const message =
      list?.publicForm && list.optIn === 'single' ? t.t('form.subscribe.received') : t.t('form.subscribe.checkInbox');
    if (input[HONEYPOT_FIELD]) return { message };
    await this.queue.add(
      'subscribe',
      {
        listId,
        email,
        name: (input.name ?? '').trim().slice(0, 200),
        locale: t.locale,
        timezone: (input.timezone && canonicalTimezone(input.timezone)) || null,
        ip: requester.ip,
        userAgent: requester.userAgent,
      },
      {
        attempts: 3,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 86_400 },
      },
    );
    return { message };
  }
}
