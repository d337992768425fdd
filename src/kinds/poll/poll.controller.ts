import { Body, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { POLL_PATH } from './poll.paths';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { ActGate } from '../../acts/act-gate';
import { field, formHtml, formPage, messagePage, sendHtml, sendNotFound } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { AnswerPoll } from './answer-poll';
import { PollReport, PollReportService } from './poll-report';
import type { PollContent } from './poll.content';
import { IdParam } from '../../common/whole-number';

const closedPage = (t: Translator): string =>
  messagePage(t, t.t('page.poll.closed.title'), [t.t('page.poll.closed.body')]);

/** /p/{token}/{value}: GET shows the answer and posts it by script; the POST records it. */
@ApiExcludeController()
@PublicController(POLL_PATH)
export class PollPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly answers: AnswerPoll,
    private readonly locales: LocaleResolver,
    private readonly gate: ActGate,
  ) {}

  /** The one click: the answer waits for the scanner rules (ActSettler) and the person is thanked at once. */
  @Get(':token/:value')
  async show(@Param('token') token: string, @Param('value') value: string, @Res() reply: FastifyReply): Promise<void> {
    await this.answerByLink(token, value, reply, 'link');
  }

  @Post(':token/comment')
  async comment(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'poll');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    const text = field(body, 'comment', 2000);
    if (!text) return sendHtml(reply, 200, this.thanks(t, token, r.content, undefined));
    if (this.answers.isClosed(r.content)) return sendHtml(reply, 410, closedPage(t));
    if (await this.gate.addToPending('poll', r.claims, 'comment', text))
      return sendHtml(reply, 200, messagePage(t, t.t('page.thankYou'), [t.t('page.poll.commentThanks')]));
    const outcome = await this.answers.comment(r.claims, r.content, text);
    if (!outcome.ok) {
      return sendHtml(
        reply,
        outcome.reason === 'closed' ? 410 : 409,
        outcome.reason === 'closed'
          ? closedPage(t)
          : messagePage(t, t.t('page.poll.answerFirst.title'), [t.t('page.poll.answerFirst.body')]),
      );
    }
    sendHtml(reply, 200, messagePage(t, t.t('page.thankYou'), [t.t('page.poll.commentThanks')]));
  }

  /** Pages from before one-click answers were judged posted the answer: it goes the same way. */
  @Post(':token/:value')
  async answer(
    @Param('token') token: string,
    @Param('value') value: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.answerByLink(token, value, reply, 'form');
  }

  private async answerByLink(token: string, value: string, reply: FastifyReply, how: 'link' | 'form'): Promise<void> {
    const r = await this.recipients.resolve(token, 'poll');
    const label = r && this.answers.labelOf(r.content, value, r.t);
    if (!r || label === undefined) return sendNotFound(reply, this.locales);
    if (this.answers.isClosed(r.content)) return sendHtml(reply, 410, closedPage(r.t));
    await this.gate.propose('poll', r.claims, `${POLL_PATH}/${value}`, { value }, how);
    sendHtml(reply, 200, this.thanks(r.t, token, r.content, label));
  }

  private thanks(t: Translator, token: string, content: PollContent, label: string | undefined): string {
    const lines = [
      label !== undefined ? t.t('page.poll.thanks.recorded', { label }) : t.t('page.poll.thanks.recordedNoLabel'),
      t.t('page.poll.thanks.change'),
    ];
    const prompt = content.commentPrompt ?? t.t('page.poll.commentPrompt');
    return formPage(
      t,
      t.t('page.poll.thanks.title'),
      lines,
      formHtml(`/${POLL_PATH}/${token}/comment`, t.t('page.poll.sendComment'), [
        { name: 'comment', label: prompt, type: 'textarea', required: true },
      ]),
    );
  }
}

@AdminController('campaigns', 'kinds')
export class PollReportController {
  constructor(private readonly reports: PollReportService) {}

  @Get(':id/report/poll')
  @ApiOkResponse({ type: PollReport })
  report(@IdParam() id: number): Promise<PollReport> {
    return this.reports.report(id);
  }
}
