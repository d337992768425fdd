import { DomainException, DomainErrorStatus } from '../common/domain.exception';

export type AuthErrorCode =
  | 'sign_in_required'
  | 'invalid_api_key'
  | 'wrong_credentials'
  | 'account_disabled'
  | 'too_many_attempts'
  | 'csrf_token_invalid'
  | 'origin_not_allowed'
  | 'role_forbidden'
  | 'last_admin'
  | 'email_taken'
  | 'invalid_email'
  | 'wrong_current_password'
  | 'current_password_required';

export class AuthException extends DomainException<AuthErrorCode> {
  constructor(code: AuthErrorCode, message: string, status: DomainErrorStatus) {
    super(code, message, status);
  }
}

export const WRONG_CREDENTIALS = 'Email or password is wrong';
export const CSRF_MESSAGE = "Your session's security token is missing or out of date; reload the page";
export const VIEWER_MESSAGE = 'Viewers can look but not change anything; ask an admin for the marketer role';
export const ADMIN_ONLY_MESSAGE =
  'Only admins can manage users, API keys, webhooks and settings, or see the SMTP, DKIM and webhook configuration; ask an admin';

export class TooManyLoginAttemptsException extends AuthException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'too_many_attempts',
      `Too many failed sign-in attempts; wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again`,
      429,
    );
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}
