import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { IS_PUBLIC } from '../common/admin-controller.decorator';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { ApiKeysService } from './api-keys.service';
import { ADMIN_ONLY_MESSAGE, AuthException, CSRF_MESSAGE, VIEWER_MESSAGE } from './auth.exception';
import type { Principal } from './principal';
import { assertSameOrigin } from './request-origin';
import { defaultRoleFor, READ_METHODS, REQUIRED_ROLE, Role, roleAllows } from './roles';
import { SessionCookie } from './sessions/session-cookie';
import { SessionStore } from './sessions/session.store';

export const CSRF_HEADER = 'x-csrf-token';
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Every route needs an API key (a machine, acting as admin) or a session
 * cookie (a person, with their role) unless it is marked public. Cookie
 * writes also need the session's CSRF token and a same-site Origin. The role
 * a route needs comes from @Roles, else from its method (see roles.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionStore,
    private readonly cookie: SessionCookie,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.headers.authorization
      ? await this.fromApiKey(request.headers.authorization)
      : await this.fromSession(request);
    request.principal = principal;
    const required =
      this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ?? defaultRoleFor(request.method);
    if (!roleAllows(principal.role, required)) {
      throw new AuthException('role_forbidden', required === 'admin' ? ADMIN_ONLY_MESSAGE : VIEWER_MESSAGE, 403);
    }
    return true;
  }

  private async fromApiKey(header: string): Promise<Principal> {
    // Exactly the scheme (any case, RFC 7235), one space and the key (RFC 6750 token68): nothing before, between or after.
    const token = BEARER.exec(header)?.[1];
    if (!token)
      throw new AuthException(
        'invalid_api_key',
        'The Authorization header must be exactly "Bearer <API key>": one space, nothing else',
        401,
      );
    const key = await this.apiKeys.verify(token);
    if (!key) throw new AuthException('invalid_api_key', 'This API key is unknown or has been revoked', 401);
    return { kind: 'apiKey', role: 'admin', apiKeyId: key.id };
  }

  private async fromSession(request: FastifyRequest): Promise<Principal> {
    const token = this.cookie.read(request);
    if (!token)
      throw new AuthException(
        'sign_in_required',
        'Sign in first, or send an API key as "Authorization: Bearer vm_..."',
        401,
      );
    const active = await this.sessions.resolve(token);
    if (!active) throw new AuthException('sign_in_required', 'Your session has ended; sign in again', 401);
    if (!READ_METHODS.has(request.method)) {
      assertSameOrigin(request, this.config.publicUrl);
      const presented = request.headers[CSRF_HEADER];
      if (typeof presented !== 'string' || !sameToken(presented, active.session.csrfToken)) {
        throw new AuthException('csrf_token_invalid', CSRF_MESSAGE, 403);
      }
    }
    return {
      kind: 'user',
      role: active.user.role,
      user: active.user,
      sessionId: active.session.id,
      csrfToken: active.session.csrfToken,
    };
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
