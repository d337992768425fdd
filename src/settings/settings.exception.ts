import { DomainException } from '../common/domain.exception';

export type SettingsErrorCode = 'invalid_dkim_key';

export class SettingsException extends DomainException<SettingsErrorCode> {
  constructor(code: SettingsErrorCode, message: string) {
    super(code, message, 400);
  }
}
