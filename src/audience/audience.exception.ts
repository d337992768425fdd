import { DomainErrorStatus, DomainException } from '../common/domain.exception';

export enum AudienceErrorCode {
  SubscriberNotFound = 'subscriber_not_found',
  ListNotFound = 'list_not_found',
  SegmentNotFound = 'segment_not_found',
  ImportNotFound = 'import_not_found',
  InvalidEmail = 'invalid_email',
  EmailTaken = 'email_taken',
  EmailSuppressed = 'email_suppressed',
  InvalidSegment = 'invalid_segment',
  InvalidImport = 'invalid_import',
  NothingSelected = 'nothing_selected',
  InvalidLink = 'invalid_link',
  RateLimited = 'rate_limited',
  ProofOfWorkFailed = 'proof_of_work_failed',
  ImportErrorsPruned = 'import_errors_pruned',
}

const STATUS: Record<AudienceErrorCode, DomainErrorStatus> = {
  [AudienceErrorCode.SubscriberNotFound]: 404,
  [AudienceErrorCode.ListNotFound]: 404,
  [AudienceErrorCode.SegmentNotFound]: 404,
  [AudienceErrorCode.ImportNotFound]: 404,
  [AudienceErrorCode.InvalidEmail]: 400,
  [AudienceErrorCode.EmailTaken]: 409,
  [AudienceErrorCode.EmailSuppressed]: 422,
  [AudienceErrorCode.InvalidSegment]: 400,
  [AudienceErrorCode.InvalidImport]: 400,
  [AudienceErrorCode.NothingSelected]: 400,
  [AudienceErrorCode.InvalidLink]: 404,
  [AudienceErrorCode.RateLimited]: 429,
  [AudienceErrorCode.ProofOfWorkFailed]: 400,
  [AudienceErrorCode.ImportErrorsPruned]: 410,
};

/** The audience module's one exception type; the filter answers with its status. */
export class AudienceException extends DomainException<AudienceErrorCode> {
  constructor(code: AudienceErrorCode, message: string, details?: unknown) {
    super(code, message, STATUS[code], details);
  }

  static notFound(what: 'Subscriber' | 'List' | 'Segment' | 'Import', id: number): AudienceException {
    const code = {
      Subscriber: AudienceErrorCode.SubscriberNotFound,
      List: AudienceErrorCode.ListNotFound,
      Segment: AudienceErrorCode.SegmentNotFound,
      Import: AudienceErrorCode.ImportNotFound,
    }[what];
    return new AudienceException(code, `${what} ${id} does not exist`);
  }
}
