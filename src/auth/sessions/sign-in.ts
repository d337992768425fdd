import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { AuthException, WRONG_CREDENTIALS } from '../auth.exception';
import { PasswordHasher } from '../users/password-hasher';
import { User } from '../users/user.entity';
import { normaliseUserEmail } from '../users/user-email';
import { LoginRateLimiter } from './login-rate.limiter';
import { NewSession, SessionStore } from './session.store';

export interface SignInRequest {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

/** Email + password to a new session, behind the failed-attempt limit. */
@Injectable()
export class SignIn {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  async execute(request: SignInRequest): Promise<{ user: User; session: NewSession }> {
    // Whatever was typed counts against the same key, valid address or not.
    const email = normaliseUserEmail(request.email) ?? request.email.trim().toLowerCase();
    await this.limiter.assertAllowed(email, request.ip);
    const user = await this.users.findOneBy({ email });
    const ok = user
      ? await this.passwords.verify(user.passwordHash, request.password)
      : await this.passwords.verifyNobody(request.password);
    if (!user || !ok) {
      await this.limiter.recordFailure(email, request.ip);
      throw new AuthException('wrong_credentials', WRONG_CREDENTIALS, 401);
    }
    // Said only to someone who knows the password.
    if (user.disabled)
      throw new AuthException('account_disabled', 'This account has been disabled; ask an admin to enable it', 403);
    await this.limiter.clear(email);
    const changes: Partial<User> = { lastLoginAt: this.clock.now() };
    if (this.passwords.needsRehash(user.passwordHash))
      changes.passwordHash = await this.passwords.hash(request.password);
    await this.users.update({ id: user.id }, changes);
    const session = await this.sessions.create(user.id, { ip: request.ip, userAgent: request.userAgent });
    return { user: Object.assign(user, changes), session };
  }
}
