import { Body, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Campaign } from '../../campaigns/campaign.entity';
import { PublicController } from '../../common/admin-controller.decorator';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { CONTEST_PATH } from './contest.paths';
import {
  escapeHtml,
  field,
  FormField,
  formHtml,
  formPage,
  messagePage,
  sendHtml,
  sendNotFound,
} from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { ContestReferralService } from './contest-referral.service';
import type { ContestContent } from './contest.content';
import { ContestDrawAudit } from './contest-draw-audit';
import { DrawContest } from './draw-contest';
import { parseWholeNumber } from '../../common/whole-number';
import { ContestPhase, EnterContest } from './enter-contest';
import { SHARE_LINK_SCRIPT } from './share-link.script';

function phasePage(t: Translator, phase: Exclude<ContestPhase, 'open'>): string {
  return phase === 'not_started'
    ? messagePage(t, t.t('page.contest.notStarted.title'), [t.t('page.contest.notStarted.body')])
    : messagePage(t, t.t('page.contest.ended.title'), [t.t('page.contest.ended.body')]);
}

/** /c/{token}: the contest page (GET) and the entry (POST); /c/ref/{code}: a friend's referral landing. */
@ApiExcludeController()
@PublicController(CONTEST_PATH)
export class ContestPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly contests: EnterContest,
    private readonly referrals: ContestReferralService,
    private readonly draws: DrawContest,
    private readonly audits: ContestDrawAudit,
    private readonly locales: LocaleResolver,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get('share.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  shareScript(): string {
    return SHARE_LINK_SCRIPT;
  }

  @Get('ref/:code')
  async referralLanding(@Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    const landing = await this.referrals.landing(code);
    if (!landing) return sendNotFound(reply, this.locales);
    const t = this.locales.resolve({ campaign: landing.campaign.locale });
    const phase = this.contests.phase(landing.content);
    if (phase !== 'open') return sendHtml(reply, 410, phasePage(t, phase));
    sendHtml(reply, 200, this.joinForm(t, code, landing.content));
  }

  @Post('ref/:code')
  async join(@Param('code') code: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const landing = await this.referrals.landing(code);
    if (!landing) return sendNotFound(reply, this.locales);
    const t = this.locales.resolve({ campaign: landing.campaign.locale });
    const outcome = await this.referrals.join(landing, field(body, 'email', 254), field(body, 'name', 200));
    switch (outcome) {
      case 'invalid_email':
        return sendHtml(reply, 422, this.joinForm(t, code, landing.content, t.t('page.contest.invalidEmail')));
      case 'closed':
        return sendHtml(reply, 410, phasePage(t, 'ended'));
      case 'joined_unconfirmed':
        return sendHtml(
          reply,
          200,
          messagePage(t, t.t('page.contest.almost.title'), [t.t('page.contest.almost.body')]),
        );
      case 'joined_confirmed':
      case 'already_subscribed':
        // The same answer either way: the page does not tell who is already subscribed.
        return sendHtml(
          reply,
          200,
          messagePage(t, t.t('page.contest.welcome.title'), [t.t('page.contest.welcome.body')]),
        );
    }
  }

  @Get('draw/:campaignId')
  async commitment(@Param('campaignId') raw: string, @Res() reply: FastifyReply): Promise<void> {
    const id = parseWholeNumber(raw) ?? 0;
    const state = id ? await this.draws.state(id).catch(() => undefined) : undefined;
    if (!state) return sendNotFound(reply, this.locales);
    const { campaign, content } = await this.recipients.campaignOf(id, 'contest');
    const t = this.locales.resolve({ campaign: campaign.locale });
    const when = (date: Date) => t.format.dateTime(date, campaign.timezone);
    const { beacon } = state;
    const lines = [
      t.t(
        state.committedAt.getTime() < new Date(content.endsAt).getTime()
          ? 'page.contest.draw.commitment'
          : 'page.contest.draw.commitmentLate',
        { hash: state.seedHash, date: when(state.committedAt) },
      ),
      beacon
        ? t.t('page.contest.draw.beacon', {
            round: beacon.round,
            source: beacon.source,
            date: when(beacon.at),
            url: beacon.url,
          })
        : t.t('page.contest.draw.noBeacon'),
      ...(beacon?.value ? [t.t('page.contest.draw.beaconValue', { value: beacon.value })] : []),
      ...(state.frozenAt
        ? [
            t.t('page.contest.draw.frozen', {
              date: when(state.frozenAt),
              entries: state.entries ?? 0,
              digest: state.snapshotHash ?? '',
            }),
          ]
        : []),
      ...(state.caveats.some((c) => c.code === 'frozen_after_beacon') ? [t.t('page.contest.draw.frozenLate')] : []),
      state.drawnAt
        ? t.t('page.contest.draw.drawn', { date: when(state.drawnAt), seed: state.seed ?? '' })
        : t.t('page.contest.draw.notYet'),
      t.t('page.contest.draw.check'),
    ];
    const download = `<p><a href="/${CONTEST_PATH}/draw/${id}/audit.json" download>${escapeHtml(t.t('page.contest.draw.download'))}</a></p>`;
    sendHtml(reply, 200, messagePage(t, t.t('page.contest.draw.title'), lines, download));
  }

  /** The audit file of a draw, public and free of personal data: what scripts/verify-draw.js checks. */
  @Get('draw/:campaignId/audit.json')
  async audit(@Param('campaignId') raw: string, @Res() reply: FastifyReply): Promise<void> {
    const id = parseWholeNumber(raw) ?? 0;
    const document = id ? await this.audits.document(id).catch(() => undefined) : undefined;
    if (!document) return sendNotFound(reply, this.locales);
    void reply
      .status(200)
      .headers({
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="contest-${id}-draw-audit.json"`,
        'cache-control': 'no-cache',
      })
      .send(JSON.stringify(document, null, 2));
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'contest');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    const entry = await this.contests.entryOf(r.claims.campaignId, r.claims.subscriberId);
    if (entry) {
      const ref = await this.audits.entryOf(r.claims.campaignId, r.claims.subscriberId);
      return sendHtml(reply, 200, this.enteredPage(t, r.campaign, r.content, entry.referral_code, true, ref));
    }
    const phase = this.contests.phase(r.content);
    if (phase !== 'open') return sendHtml(reply, 410, phasePage(t, phase));
    sendHtml(reply, 200, this.entryForm(t, token, r.campaign, r.content));
  }

  @Post(':token')
  @HttpCode(200)
  async enter(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'contest');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    const answer = field(body, 'answer', 2000);
    if (
      r.content.entryQuestion &&
      !answer &&
      !(await this.contests.entryOf(r.claims.campaignId, r.claims.subscriberId))
    ) {
      return sendHtml(reply, 422, this.entryForm(t, token, r.campaign, r.content, t.t('page.contest.answerFirst')));
    }
    const outcome = await this.contests.enter(r.claims, r.content, answer || null);
    if (outcome.result === 'not_open')
      return sendHtml(reply, 410, phasePage(t, outcome.phase === 'open' ? 'ended' : outcome.phase));
    sendHtml(
      reply,
      200,
      this.enteredPage(t, r.campaign, r.content, outcome.referralCode, outcome.result === 'already_entered'),
    );
  }

  private entryForm(
    t: Translator,
    token: string,
    campaign: Campaign,
    content: ContestContent,
    problem?: string,
  ): string {
    const fields: FormField[] = content.entryQuestion
      ? [{ name: 'answer', label: content.entryQuestion, type: 'textarea', required: true }]
      : [];
    const lines = problem
      ? [problem]
      : [
          t.t('page.contest.prize', { prize: content.prize }),
          content.rules,
          t.t('page.contest.enterBefore', { date: t.format.dateTime(content.endsAt, campaign.timezone) }),
        ];
    return formPage(t, content.title, lines, formHtml(`/${CONTEST_PATH}/${token}`, t.t('page.contest.enter'), fields));
  }

  private enteredPage(
    t: Translator,
    campaign: Campaign,
    content: ContestContent,
    referralCode: string,
    again: boolean,
    entryRef: string | null = null,
  ): string {
    const url = `${this.config.publicUrl}/${CONTEST_PATH}/ref/${referralCode}`;
    const share =
      content.referralBonusEntries > 0
        ? this.shareBlock(t, url, content.title, t.plural('page.contest.share', content.referralBonusEntries))
        : '';
    const title = again ? t.t('page.contest.inAgain.title') : t.t('page.contest.in.title');
    // Once the entry list is frozen, an entrant can find their own line (and the winners) in the public audit file.
    const lines = [
      t.t('page.contest.goodLuck', { date: t.format.dateTime(content.endsAt, campaign.timezone) }),
      ...(entryRef ? [t.t('page.contest.yourEntry', { ref: entryRef })] : []),
    ];
    const audit = entryRef
      ? `<p><a href="/${CONTEST_PATH}/draw/${campaign.id}">${escapeHtml(t.t('page.contest.draw.title'))}</a></p>`
      : '';
    return messagePage(t, title, lines, share + audit);
  }

  /** The referral link to copy, or to pass on by mail or WhatsApp in one tap (links work without script). */
  private shareBlock(t: Translator, url: string, title: string, intro: string): string {
    const message = t.t('page.contest.shareMessage', { title, url });
    const mail = `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(message)}`;
    const whatsapp = `https://wa.me/?text=${encodeURIComponent(message)}`;
    return `<p>${escapeHtml(intro)}</p>
<p><label for="referral-link">${escapeHtml(t.t('page.contest.shareLabel'))}</label><br>
<input id="referral-link" readonly value="${escapeHtml(url)}" style="width:100%;padding:8px;box-sizing:border-box"></p>
<p class="share"><button type="button" data-copy-target="referral-link" data-copied="${escapeHtml(t.t('page.contest.copied'))}">${escapeHtml(t.t('page.contest.copy'))}</button>
<a class="button" href="${escapeHtml(mail)}">${escapeHtml(t.t('page.contest.shareByMail'))}</a>
<a class="button" href="${escapeHtml(whatsapp)}" rel="noopener">${escapeHtml(t.t('page.contest.shareByWhatsapp'))}</a></p>
<script src="/${CONTEST_PATH}/share.js" defer></script>`;
  }

  private joinForm(t: Translator, code: string, content: ContestContent, problem?: string): string {
    return formPage(
      t,
      content.title,
      [t.t('page.contest.invited', { prize: content.prize }), ...(problem ? [problem] : [])],
      formHtml(`/${CONTEST_PATH}/ref/${code}`, t.t('page.contest.join'), [
        { name: 'email', label: t.t('page.contest.yourEmail'), type: 'email', required: true },
        { name: 'name', label: t.t('page.contest.yourName') },
      ]),
    );
  }
}
