import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../common/admin-controller.decorator';
import { ApiKeysService } from './api-keys.service';

/** Every route needs an API key unless its controller or handler is marked public. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { apiKeyId?: number }>();
    const header = request.headers.authorization;
    if (!header) throw new UnauthorizedException('Send an API key as "Authorization: Bearer vm_..."');
    const [scheme, token] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('The Authorization header must be "Bearer <API key>"');
    }
    const key = await this.apiKeys.verify(token.trim());
    if (!key) throw new UnauthorizedException('This API key is unknown or has been revoked');
    request.apiKeyId = key.id;
    return true;
  }
}
