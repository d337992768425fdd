import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JoinFromForm } from './join-from-form';
import { SUBSCRIBE_FORM_QUEUE, SubscribeFormJob } from './subscribe-form.job';

export { SUBSCRIBE_FORM_QUEUE } from './subscribe-form.job';

@Processor(SUBSCRIBE_FORM_QUEUE, { autorun: false, concurrency: 4 })
export class SubscribeFormProcessor extends WorkerHost {
  constructor(private readonly join: JoinFromForm) {
    super();
  }

  async process(job: Job<SubscribeFormJob>): Promise<void> {
    await this.join.execute(job.data);
  }
}
