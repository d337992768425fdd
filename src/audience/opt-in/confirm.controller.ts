import { Get, Header, Headers, HttpCode, Ip, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PublicController } from '../../common/admin-controller.decorator';
import { ConfirmSubscription } from './confirm-subscription';

// GET only shows a button: mail scanners prefetch links, and a prefetch must not confirm.
@PublicController('public/confirm')
export class ConfirmController {
  constructor(private readonly confirm: ConfirmSubscription) {}

  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  show(@Param('token') token: string, @Req() request: FastifyRequest): Promise<string> {
    return this.confirm.page(token, request);
  }

  @Post(':token')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  act(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Ip() ip: string,
    @Headers('user-agent') ua: string | undefined,
  ): Promise<string> {
    return this.confirm.execute(token, { method: 'email_link', ip, userAgent: ua ?? null }, request);
  }
}
