import { Get, Header, Headers, HttpCode, Ip, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../../common/admin-controller.decorator';
import { formFields } from '../public-form';
import { UnsubscribePage } from './unsubscribe-page';
import { parseWholeNumber } from '../../common/whole-number';

// GET never changes anything (link scanners fetch every link); POST acts.
@PublicController('u', 'unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribePage) {}

  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async show(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('list') list?: string,
  ): Promise<string> {
    const result = await this.unsubscribe.show(token, parseWholeNumber(list), request);
    void reply.status(result.status);
    return result.html;
  }

  // RFC 8058: a one-click POST gets a plain 200, no redirect and no cookie.
  @Post(':token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async act(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ip() ip: string,
    @Headers('user-agent') ua: string | undefined,
    @Query('list') list?: string,
  ): Promise<string> {
    const fields = await formFields(request);
    const result = await this.unsubscribe.act({
      token,
      listHint: parseWholeNumber(list),
      fields,
      ip,
      ua: ua ?? null,
      request,
    });
    const plain = result.oneClick && result.status === 200;
    void reply
      .status(result.status)
      .header('content-type', plain ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8');
    return plain ? 'Unsubscribed\n' : result.html;
  }
}
