import { DomainErrorStatus, DomainException } from '../common/domain.exception';

export type ScoresErrorCode = 'recompute_running' | 'recompute_not_found' | 'invalid_report_query';

export class ScoresException extends DomainException<ScoresErrorCode> {
  constructor(code: ScoresErrorCode, message: string, status: DomainErrorStatus = 400, details?: unknown) {
    super(code, message, status, details);
  }
}
