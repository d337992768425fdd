import { Body, Get, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { PUBLIC_PATHS } from '../../links/public-paths';
import { autoPostPage, field, formHtml, formPage, messagePage, NOT_FOUND_PAGE, sendHtml } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { AnswerPoll } from './answer-poll';
import { PollReport, PollReportService } from './poll-report';
import type { PollContent } from './poll.content';

const CLOSED = messagePage('This poll is closed', ['Thank you for your interest. Answers are no longer being collected.']);

/** /p/{token}/{value}: GET shows the answer and posts it by script; the POST records it. */
@ApiExcludeController()
@PublicController(PUBLIC_PATHS.poll)
export class PollPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly answers: AnswerPoll,
  ) {}

  @Get(':token/:value')
  async show(@Param('token') token: string, @Param('value') value: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'poll');
    const label = r && this.answers.labelOf(r.content, value);
    if (!r || label === undefined) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    if (this.answers.isClosed(r.content)) return sendHtml(reply, 410, CLOSED);
    sendHtml(reply, 200, autoPostPage('Recording your answer', [r.content.question, `Your answer: ${label}`], `/${PUBLIC_PATHS.poll}/${token}/${encodeURIComponent(value)}`, 'Send my answer'));
  }

  @Post(':token/comment')
  async comment(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'poll');
    if (!r) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const text = field(body, 'comment', 2000);
    if (!text) return sendHtml(reply, 200, this.thanks(token, r.content, undefined));
    const outcome = await this.answers.comment(r.claims, r.content, text);
    if (!outcome.ok) return sendHtml(reply, outcome.reason === 'closed' ? 410 : 409, outcome.reason === 'closed' ? CLOSED : messagePage('Please answer first', ['Pick an answer in the email first, then tell us more.']));
    sendHtml(reply, 200, messagePage('Thank you', ['We read every comment. Thank you for taking the time.']));
  }

  @Post(':token/:value')
  async answer(@Param('token') token: string, @Param('value') value: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'poll');
    if (!r) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const outcome = await this.answers.answer(r.claims, r.content, value);
    if (!outcome.ok) return sendHtml(reply, outcome.reason === 'closed' ? 410 : 404, outcome.reason === 'closed' ? CLOSED : NOT_FOUND_PAGE);
    sendHtml(reply, 200, this.thanks(token, r.content, outcome.label));
  }

  private thanks(token: string, content: PollContent, label: string | undefined): string {
    const lines = [label !== undefined ? `We recorded your answer: ${label}.` : 'Your answer is recorded.', 'You can change it by clicking another answer in the email.'];
    const prompt = content.commentPrompt ?? 'Anything you would like to add?';
    return formPage('Thank you for your answer', lines, formHtml(`/${PUBLIC_PATHS.poll}/${token}/comment`, 'Send comment', [{ name: 'comment', label: prompt, type: 'textarea', required: true }]));
  }
}

@AdminController('campaigns', 'kinds')
export class PollReportController {
  constructor(private readonly reports: PollReportService) {}

  @Get(':id/report/poll')
  report(@Param('id', ParseIntPipe) id: number): Promise<PollReport> {
    return this.reports.report(id);
  }
}
