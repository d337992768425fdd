import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import type { NewSession } from './session.store';

export const SESSION_COOKIE = 'vm_session';
const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The session cookie: httpOnly (scripts never see it), SameSite=Lax, Path=/,
 * Secure when the app is served over https. Written and read here rather than
 * with @fastify/cookie: one cookie with a base64url value needs no codec, and
 * that plugin loads its parser with import(), which Jest's CommonJS runtime refuses.
 */
@Injectable()
export class SessionCookie {
  private readonly attributes: string;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.attributes = `Path=/; HttpOnly; SameSite=Lax${config.publicUrl.startsWith('https://') ? '; Secure' : ''}`;
  }

  read(request: FastifyRequest): string | undefined {
    const header = request.headers.cookie;
    if (!header) return undefined;
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
        const value = part.slice(eq + 1).trim();
        return TOKEN.test(value) ? value : undefined;
      }
    }
    return undefined;
  }

  set(reply: FastifyReply, session: NewSession): void {
    const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - this.clock.now().getTime()) / 1000));
    void reply.header(
      'Set-Cookie',
      `${SESSION_COOKIE}=${session.token}; ${this.attributes}; Max-Age=${maxAge}; Expires=${session.expiresAt.toUTCString()}`,
    );
  }

  clear(reply: FastifyReply): void {
    void reply.header(
      'Set-Cookie',
      `${SESSION_COOKIE}=; ${this.attributes}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
    );
  }
}
