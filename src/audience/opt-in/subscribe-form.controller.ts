import { Headers, HttpCode, Ip, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../../common/admin-controller.decorator';
import { escapeHtml, page } from '../../common/html-page';
import { SubscribeFormDto, SubscribeFormResultDto } from '../dto/subscribe-form.dto';
import { formFields, wantsHtml } from '../public-form';
import { SubscribeFormService } from './subscribe-form.service';

@PublicController('public/lists')
export class SubscribeFormController {
  constructor(private readonly form: SubscribeFormService) {}

  // Accepts a plain HTML form (urlencoded, answered with a page) or JSON (answered with JSON).
  @Post(':id/subscribe')
  @HttpCode(200)
  @ApiBody({ type: SubscribeFormDto })
  @ApiOkResponse({ type: SubscribeFormResultDto })
  async subscribe(
    @Param('id', ParseIntPipe) id: number,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ip() ip: string,
    @Headers('user-agent') ua: string | undefined,
  ): Promise<SubscribeFormResultDto | string> {
    const fields = await formFields(request);
    const result = await this.form.execute(id, { email: fields.email ?? '', name: fields.name }, { method: 'form', ip, userAgent: ua ?? null });
    if (!wantsHtml(request)) return result;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return page('Thank you', `<div class="card"><h1>Thank you</h1><p>${escapeHtml(result.message)}</p></div>`);
  }
}
