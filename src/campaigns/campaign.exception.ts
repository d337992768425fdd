import { DomainErrorStatus, DomainException } from '../common/domain.exception';

export type CampaignErrorCode =
  'not_editable' | 'unknown_list' | 'invalid_content' | 'invalid_schedule' | 'no_audience';

export class CampaignException extends DomainException<CampaignErrorCode> {
  constructor(code: CampaignErrorCode, message: string, status: DomainErrorStatus = 400, details?: unknown) {
    super(code, message, status, details);
  }
}
