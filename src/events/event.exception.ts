import { DomainErrorStatus, DomainException } from '../common/domain.exception';

export type EventErrorCode =
  | 'idempotency_key_required'
  | 'idempotency_key_reused'
  | 'subscriber_ref'
  | 'unknown_subscriber'
  | 'ambiguous_subscriber'
  | 'invalid_event'
  | 'duplicate_order'
  | 'in_the_future';

export class EventException extends DomainException<EventErrorCode> {
  constructor(code: EventErrorCode, message: string, status: DomainErrorStatus = 400, details?: unknown) {
    super(code, message, status, details);
  }
}
