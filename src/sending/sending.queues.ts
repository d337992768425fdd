export const CAMPAIGN_QUEUE = 'campaigns';
export const SEND_QUEUE = 'sending';

export const FAN_OUT_JOB = 'fan-out';
export const TICK_JOB = 'tick';
export const SEND_BATCH_JOB = 'send-batch';

/** Snapshot the audience of a running campaign into delivery rows, past its checkpoint. */
export interface FanOutJobData {
  campaignId: number;
}

/** A ticket to claim and send the next batch of a campaign's queued deliveries. */
export interface SendBatchJobData {
  campaignId: number;
  /** A chained ticket enqueues its successor after a full batch (used on resume and recovery). */
  chain?: boolean;
}
