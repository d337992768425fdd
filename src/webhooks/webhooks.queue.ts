export const WEBHOOK_QUEUE = 'webhooks';
export const DELIVER_JOB = 'deliver';
export const SWEEP_JOB = 'sweep';

export interface DeliverWebhookJobData {
  deliveryId: number;
}

/** One job per delivery row while it has attempts to make; the id makes a second enqueue a no-op. */
export const deliveryJobId = (deliveryId: number): string => `delivery-${deliveryId}`;

/** Thrown by an attempt that should be retried: the queue waits exactly `delayMs` (see the processor's backoff strategy). */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}
