import { Headers, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../../common/admin-controller.decorator';
import { messagePage } from '../../common/html-page';
import { acceptLanguageOf, LocaleResolver } from '../../i18n/locale-resolver';
import type { MessageKey } from '../../i18n/translator';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { SubscribeFormDto, SubscribeFormResultDto } from '../dto/subscribe-form.dto';
import { formFields, wantsHtml } from '../public-form';
import { SubscribeFormService } from './subscribe-form.service';
import { IdParam } from '../../common/whole-number';

const FORM_PROBLEMS: Partial<Record<AudienceErrorCode, MessageKey>> = {
  [AudienceErrorCode.InvalidEmail]: 'form.subscribe.invalidEmail',
  [AudienceErrorCode.RateLimited]: 'form.subscribe.tooMany',
  [AudienceErrorCode.ListNotFound]: 'form.subscribe.noList',
};

@PublicController('public/lists')
export class SubscribeFormController {
  constructor(
    private readonly form: SubscribeFormService,
    private readonly locales: LocaleResolver,
  ) {}

  // Accepts a plain HTML form (urlencoded, answered with a page) or JSON (answered with JSON).
  // Its language: the form's own `locale` field (a page embedding it knows its language), else the browser's.
  @Post(':id/subscribe')
  @HttpCode(200)
  @ApiBody({ type: SubscribeFormDto })
  @ApiOkResponse({ type: SubscribeFormResultDto })
  async subscribe(
    @IdParam() id: number,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ip() ip: string,
    @Headers('user-agent') ua: string | undefined,
  ): Promise<SubscribeFormResultDto | string> {
    const fields = await formFields(request);
    const t = this.locales.resolve({ subscriber: fields.locale, acceptLanguage: acceptLanguageOf(request) });
    const html = wantsHtml(request);
    try {
      const result = await this.form.execute(id, { email: fields.email ?? '', name: fields.name }, { method: 'form', ip, userAgent: ua ?? null }, t);
      if (!html) return result;
      void reply.header('content-type', 'text/html; charset=utf-8');
      return messagePage(t, t.t('page.thankYou'), [result.message]);
    } catch (error) {
      const problem = error instanceof AudienceException ? FORM_PROBLEMS[error.code] : undefined;
      if (!html || !problem) throw error;
      void reply.status((error as AudienceException).status).header('content-type', 'text/html; charset=utf-8');
      return messagePage(t, t.t('form.subscribe.problem'), [t.t(problem)]);
    }
  }
}
