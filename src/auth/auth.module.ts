import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from './accounts.module';
import { ApiKeysController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { LoginRateLimiter } from './sessions/login-rate.limiter';
import { SessionCookie } from './sessions/session-cookie';
import { SignIn } from './sessions/sign-in';
import { UsersController } from './users/users.controller';

/** Who may call the API: API keys for machines, sessions for people, roles for both (the global guard). */
@Module({
  imports: [AccountsModule],
  controllers: [ApiKeysController, AuthController, UsersController],
  providers: [SignIn, LoginRateLimiter, SessionCookie, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccountsModule],
})
export class AuthModule {}
