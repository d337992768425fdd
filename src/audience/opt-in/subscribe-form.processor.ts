import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JoinFromForm } from './join-from-form';

export const SUBSCRIBE_FORM_QUEUE = 'audience-subscribe-form';

/** One sign-up from a public form, as SubscribeFormService accepted it. */
export interface SubscribeFormJob {
  listId: number;
  /** Normalised. */
  email: string;
  name: string;
  locale: string;
  /** Only a new subscriber takes it: a public form never changes an existing person. */
  timezone?: string | null;
  ip: string;
  userAgent: string | null;
}

@Processor(SUBSCRIBE_FORM_QUEUE, { autorun: false, concurrency: 4 })
export class SubscribeFormProcessor extends WorkerHost {
  constructor(private readonly join: JoinFromForm) {
    super();
  }

  async process(job: Job<SubscribeFormJob>): Promise<void> {
    await this.join.execute(job.data);
  }
}
