import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import {
  CAMPAIGN_QUEUE,
  FAN_OUT_JOB,
  FanOutJobData,
  SEND_BATCH_JOB,
  SEND_QUEUE,
  SendBatchJobData,
} from './sending.queues';

/** Puts send pipeline work on the queues; jobs themselves are idempotent. */
@Injectable()
export class SendDispatcher {
  constructor(
    @InjectQueue(CAMPAIGN_QUEUE) private readonly campaignQueue: Queue<FanOutJobData>,
    @InjectQueue(SEND_QUEUE) private readonly sendQueue: Queue<SendBatchJobData>,
  ) {}

  async fanOut(campaignId: number): Promise<void> {
    await this.campaignQueue.add(
      FAN_OUT_JOB,
      { campaignId },
      {
        jobId: `fan-out-${campaignId}-${randomBytes(4).toString('hex')}`,
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
      },
    );
  }

  async sendTickets(
    campaignId: number,
    count: number,
    options: { delayMs?: number; chain?: boolean } = {},
  ): Promise<void> {
    const { delayMs = 0, chain = false } = options;
    if (count <= 0) return;
    await this.sendQueue.addBulk(
      Array.from({ length: count }, () => ({
        name: SEND_BATCH_JOB,
        data: { campaignId, ...(chain ? { chain } : {}) },
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          ...(delayMs > 0 ? { delay: delayMs } : {}),
        },
      })),
    );
  }
}
