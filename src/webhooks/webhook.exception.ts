import { DomainException, DomainErrorStatus } from '../common/domain.exception';

export type WebhookErrorCode =
  'invalid_url' | 'target_refused' | 'host_not_found' | 'unknown_event' | 'not_found' | 'already_pending';

export class WebhookException extends DomainException<WebhookErrorCode> {
  constructor(code: WebhookErrorCode, message: string, status: DomainErrorStatus = 400, details?: unknown) {
    super(code, message, status, details);
  }

  static notFound(what: 'Webhook' | 'Webhook delivery', id: number): WebhookException {
    return new WebhookException('not_found', `${what} ${id} does not exist`, 404);
  }
}
