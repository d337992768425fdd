import { Get, Header, Headers, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../../common/admin-controller.decorator';
import { messagePage } from '../../common/html-page';
import { acceptLanguageOf, LocaleResolver } from '../../i18n/locale-resolver';
import type { MessageKey } from '../../i18n/translator';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { ProofOfWorkChallengeDto, SubscribeFormDto, SubscribeFormResultDto } from '../dto/subscribe-form.dto';
import { formFields, wantsHtml } from '../public-form';
import { ProofOfWork } from './proof-of-work';
import { SUBSCRIBE_FORM_SCRIPT } from './subscribe-form.script';
import { SubscribeFormService } from './subscribe-form.service';
import { IdParam } from '../../common/whole-number';

const FORM_PROBLEMS: Partial<Record<AudienceErrorCode, MessageKey>> = {
  [AudienceErrorCode.InvalidEmail]: 'form.subscribe.invalidEmail',
  [AudienceErrorCode.RateLimited]: 'form.subscribe.tooMany',
  [AudienceErrorCode.ProofOfWorkFailed]: 'form.subscribe.checkFailed',
};

@PublicController('public')
export class SubscribeFormController {
  constructor(
    private readonly form: SubscribeFormService,
    private readonly proofOfWork: ProofOfWork,
    private readonly locales: LocaleResolver,
  ) {}

  // Accepts a plain HTML form (urlencoded, answered with a page) or JSON (answered with JSON).
  // Its language: the form's own `locale` field (a page embedding it knows its language), else the browser's.
  @Post('lists/:id/subscribe')
  @HttpCode(200)
  @ApiBody({ type: SubscribeFormDto })
  @ApiOkResponse({
    type: SubscribeFormResultDto,
    description:
      'The same answer whether the list exists, its form is on, or the address is new, known or recently mailed',
  })
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
      const input = {
        email: fields.email ?? '',
        name: fields.name,
        homepage: fields.homepage,
        powChallenge: fields.pow_challenge,
        powNonce: fields.pow_nonce,
        timezone: fields.timezone,
      };
      const result = await this.form.execute(id, input, { ip, userAgent: ua ?? null }, t);
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

  @Get('subscribe/challenge')
  @ApiOperation({
    summary: 'A proof-of-work challenge for the sign-up form (SUBSCRIBE_PROOF_OF_WORK_BITS); bits 0 when none is asked',
  })
  @ApiOkResponse({ type: ProofOfWorkChallengeDto })
  challenge(): ProofOfWorkChallengeDto {
    return this.proofOfWork.issue();
  }

  @Get('subscribe.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({
    summary:
      'The script a sign-up form on your site includes to do the proof of work (see docs/reverse-proxy-and-abuse.md)',
  })
  script(): string {
    return SUBSCRIBE_FORM_SCRIPT;
  }
}
