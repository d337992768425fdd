import type { WebhookResponse } from './webhook-http.client';

export type AttemptOutcome =
  | { kind: 'delivered' }
  /** 410 Gone: the receiver asks us to stop; the endpoint is disabled. */
  | { kind: 'gone'; error: string }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string };

/** What went wrong with an attempt, in one line for the delivery log; null for a 2xx. */
export function attemptError(response: Pick<WebhookResponse, 'statusCode' | 'error' | 'location'>): string | null {
  const { statusCode } = response;
  if (statusCode === null) return response.error ?? 'no answer';
  if (statusCode >= 200 && statusCode < 300) return null;
  if (statusCode >= 300 && statusCode < 400)
    return `HTTP ${statusCode}: redirects are not followed${response.location ? ` (to ${response.location})` : ''}; use the final URL`;
  return `HTTP ${statusCode}${response.error ? ` (${response.error})` : ''}`;
}

/**
 * 2xx delivers; 410 stops for good; anything else (other statuses, timeouts,
 * refused targets, connection errors) is retried until the delivery's attempts run out.
 */
export function judgeAttempt(
  response: Pick<WebhookResponse, 'statusCode' | 'error' | 'location'>,
  attemptsMade: number,
  maxAttempts: number,
): AttemptOutcome {
  const error = attemptError(response);
  if (error === null) return { kind: 'delivered' };
  if (response.statusCode === 410) return { kind: 'gone', error };
  return attemptsMade >= maxAttempts ? { kind: 'failed', error } : { kind: 'retry', error };
}
