import '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import type { NewSession } from './session.store';

export const SESSION_COOKIE = 'vm_session';

/** The session cookie: httpOnly (scripts never see it), SameSite=Lax, Secure when the app is served over https. */
@Injectable()
export class SessionCookie {
  private readonly secure: boolean;

  constructor(@InjectConfig() config: AppConfig) {
    this.secure = config.publicUrl.startsWith('https://');
  }

  read(request: FastifyRequest): string | undefined {
    return request.cookies?.[SESSION_COOKIE] || undefined;
  }

  set(reply: FastifyReply, session: NewSession): void {
    void reply.setCookie(SESSION_COOKIE, session.token, { ...this.options(), expires: session.expiresAt });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, this.options());
  }

  private options() {
    return { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secure } as const;
  }
}
