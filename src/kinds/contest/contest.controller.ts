import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicController } from '../../common/admin-controller.decorator';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { PUBLIC_PATHS } from '../../links/public-paths';
import { escapeHtml, field, FormField, formHtml, formPage, messagePage, NOT_FOUND_PAGE, sendHtml } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { ContestReferralService } from './contest-referral.service';
import type { ContestContent } from './contest.content';
import { DrawContest } from './draw-contest';
import { ContestPhase, EnterContest } from './enter-contest';

const PHASE_PAGES: Record<Exclude<ContestPhase, 'open'>, string> = {
  not_started: messagePage('Not open yet', ['This contest has not started yet. Please come back later.']),
  ended: messagePage('This contest has ended', ['Entries are closed. Winners are drawn at random and notified by email.']),
};

/** /c/{token}: the contest page (GET) and the entry (POST); /c/ref/{code}: a friend's referral landing. */
@ApiExcludeController()
@PublicController(PUBLIC_PATHS.contest)
export class ContestPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly contests: EnterContest,
    private readonly referrals: ContestReferralService,
    private readonly draws: DrawContest,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get('ref/:code')
  async referralLanding(@Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    const landing = await this.referrals.landing(code);
    if (!landing) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const phase = this.contests.phase(landing.content);
    if (phase !== 'open') return sendHtml(reply, 410, PHASE_PAGES[phase]);
    sendHtml(reply, 200, this.joinForm(code, landing.content));
  }

  @Post('ref/:code')
  async join(@Param('code') code: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const landing = await this.referrals.landing(code);
    if (!landing) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const outcome = await this.referrals.join(landing, field(body, 'email', 254), field(body, 'name', 200));
    switch (outcome) {
      case 'invalid_email':
        return sendHtml(reply, 422, this.joinForm(code, landing.content, 'Please enter a valid email address.'));
      case 'closed':
        return sendHtml(reply, 410, PHASE_PAGES.ended);
      case 'joined_unconfirmed':
        return sendHtml(reply, 200, messagePage('Almost there', ['Please confirm your subscription with the link we sent you.']));
      case 'joined_confirmed':
      case 'already_subscribed':
        // The same answer either way: the page does not tell who is already subscribed.
        return sendHtml(reply, 200, messagePage('Welcome!', ['Thank you for joining our newsletter. Watch your inbox for the next contest.']));
    }
  }

  @Get('draw/:campaignId')
  async commitment(@Param('campaignId') raw: string, @Res() reply: FastifyReply): Promise<void> {
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    const state = id ? await this.draws.state(id).catch(() => undefined) : undefined;
    if (!state) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const lines = [
      `Seed commitment (sha256 of the secret seed): ${state.seedHash}, published ${new Date(state.committedAt).toISOString()}.`,
      state.drawnAt ? `Drawn ${new Date(state.drawnAt).toISOString()} from ${state.entries} entries; snapshot sha256 ${state.snapshotHash}; seed ${state.seed}.` : 'Not drawn yet.',
    ];
    sendHtml(reply, 200, messagePage('Contest draw', lines));
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'contest');
    if (!r) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const entry = await this.contests.entryOf(r.claims.campaignId, r.claims.subscriberId);
    if (entry) return sendHtml(reply, 200, this.enteredPage(r.content, entry.referral_code, true));
    const phase = this.contests.phase(r.content);
    if (phase !== 'open') return sendHtml(reply, 410, PHASE_PAGES[phase]);
    const fields: FormField[] = r.content.entryQuestion ? [{ name: 'answer', label: r.content.entryQuestion, type: 'textarea', required: true }] : [];
    sendHtml(reply, 200, formPage(r.content.title, [`The prize: ${r.content.prize}`, r.content.rules, `Enter before ${new Date(r.content.endsAt).toUTCString()}.`],
      formHtml(`/${PUBLIC_PATHS.contest}/${token}`, 'Enter the contest', fields)));
  }

  @Post(':token')
  @HttpCode(200)
  async enter(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'contest');
    if (!r) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const answer = field(body, 'answer', 2000);
    if (r.content.entryQuestion && !answer && !(await this.contests.entryOf(r.claims.campaignId, r.claims.subscriberId))) {
      return sendHtml(reply, 422, formPage(r.content.title, ['Please answer the question to enter.'],
        formHtml(`/${PUBLIC_PATHS.contest}/${token}`, 'Enter the contest', [{ name: 'answer', label: r.content.entryQuestion, type: 'textarea', required: true }])));
    }
    const outcome = await this.contests.enter(r.claims, r.content, answer || null);
    if (outcome.result === 'not_open') return sendHtml(reply, 410, PHASE_PAGES[outcome.phase === 'open' ? 'ended' : outcome.phase]);
    sendHtml(reply, 200, this.enteredPage(r.content, outcome.referralCode, outcome.result === 'already_entered'));
  }

  private enteredPage(content: ContestContent, referralCode: string, again: boolean): string {
    const url = `${this.config.publicUrl}/${PUBLIC_PATHS.contest}/ref/${referralCode}`;
    const share = content.referralBonusEntries > 0
      ? `<p>Share your personal link: every friend who joins through it earns you ${content.referralBonusEntries} extra ${content.referralBonusEntries === 1 ? 'entry' : 'entries'}.</p><p><input readonly value="${escapeHtml(url)}" style="width:100%;padding:8px" aria-label="Your referral link"></p>`
      : '';
    return messagePage(again ? 'You are already in' : 'You are in!', [`Good luck! Winners are drawn after ${new Date(content.endsAt).toUTCString()} and notified by email.`], share);
  }

  private joinForm(code: string, content: ContestContent, problem?: string): string {
    return formPage(content.title, [`A friend invited you. Join our newsletter to hear about contests like this one (the prize: ${content.prize}).`, ...(problem ? [problem] : [])],
      formHtml(`/${PUBLIC_PATHS.contest}/ref/${code}`, 'Join', [{ name: 'email', label: 'Your email', type: 'email', required: true }, { name: 'name', label: 'Your name' }]));
  }
}

