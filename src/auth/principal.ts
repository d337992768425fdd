import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './roles';
import type { User } from './users/user.entity';

/** Who is calling: a person with a browser session, or a machine with an API key (acts as admin). */
export type Principal =
  | { kind: 'user'; role: Role; user: User; sessionId: number; csrfToken: string }
  | { kind: 'apiKey'; role: 'admin'; apiKeyId: number };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** The caller the guard authenticated (undefined on public routes). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined => {
    return context.switchToHttp().getRequest<FastifyRequest>().principal;
  },
);
