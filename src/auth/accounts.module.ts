import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { SessionStore } from './sessions/session.store';
import { UserSession } from './sessions/user-session.entity';
import { PasswordHasher } from './users/password-hasher';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

/** API keys, users and their sessions in the database: no HTTP and no Redis, so the CLI can use it too. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, User, UserSession])],
  providers: [ApiKeysService, UsersService, SessionStore, PasswordHasher],
  exports: [ApiKeysService, UsersService, SessionStore, PasswordHasher, TypeOrmModule],
})
export class AccountsModule {}
