import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { escapeHtml, messagePage, notFoundPage, publicPage } from '../../common/html-page';
import { LocaleResolver, RequestLike } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { LinkTokenService } from '../../links/link-token.service';
import { MembershipsService } from '../lists/memberships.service';
import { MailingList } from '../mailing-list.entity';
import { ReactivateOnConfirm } from '../opt-in/reactivate-on-confirm';
import { Subscriber } from '../subscriber.entity';
import { campaignUnsubscribeSource, UnsubscribeService } from './unsubscribe.service';
import { MAX_FEEDBACK_NOTE, UNSUBSCRIBE_REASONS } from './unsubscribe-feedback.entity';
import { UnsubscribeFeedbackService } from './unsubscribe-feedback.service';
import { parseWholeNumber } from '../../common/whole-number';

export interface UnsubscribeAction {
  token: string;
  /** The list the message came from (unsigned hint; the token decides who). */
  listHint?: number;
  fields: Record<string, string>;
  ip: string | null;
  ua: string | null;
  request?: RequestLike;
}

export interface PageResult {
  status: 200 | 404;
  html: string;
}

interface MemberList {
  id: number;
  name: string;
}

/** The public unsubscribe/preferences page behind /u/:token and its actions. */
@Injectable()
export class UnsubscribePage {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: LinkTokenService,
    private readonly unsubscribe: UnsubscribeService,
    private readonly locales: LocaleResolver,
    private readonly memberships: MembershipsService,
    private readonly reactivate: ReactivateOnConfirm,
    private readonly feedback: UnsubscribeFeedbackService,
  ) {}

  async show(token: string, listHint?: number, request?: RequestLike): Promise<PageResult> {
    const claims = this.links.verify(token);
    const t = await this.locales.forClaims(claims, request);
    if (!claims) return { status: 404, html: notFoundPage(t) };
    const subscriber = await this.dataSource.getRepository(Subscriber).findOne({ where: { id: claims.subscriberId } });
    if (!subscriber?.email) return { status: 200, html: this.done(t, 'page.unsubscribe.done') };
    const left = await this.leftLists(subscriber.id);
    if (subscriber.status === 'unsubscribed')
      return {
        status: 200,
        html: this.done(t, 'page.unsubscribe.done', this.feedbackForm(t, null) + this.rejoinForms(t, left)),
      };
    const lists = await this.currentLists(subscriber.id);
    const ordered = [...lists.filter((l) => l.id === listHint), ...lists.filter((l) => l.id !== listHint)];
    const button = (html: string) => `<button type="submit">${html}</button>`;
    const perList = ordered
      .map(
        (l) =>
          `<form method="post" style="margin:8px 0"><input type="hidden" name="list" value="${l.id}">${button(t.html('page.unsubscribe.fromList', { list: escapeHtml(l.name) }))}</form>`,
      )
      .join('');
    const title = t.t('page.unsubscribe.manage');
    return {
      status: 200,
      html: publicPage(
        t,
        title,
        `<h1>${escapeHtml(title)}</h1><p>${t.html('page.unsubscribe.mailFor', { email: escapeHtml(maskEmail(subscriber.email)) })}</p>${perList}
<form method="post" style="margin:16px 0 0"><input type="hidden" name="all" value="1">${button(escapeHtml(t.t('page.unsubscribe.fromAll')))}</form>${this.rejoinForms(t, left)}`,
      ),
    };
  }

  /** RFC 8058 one-click when the body says so, otherwise the page's buttons. */
  async act(action: UnsubscribeAction): Promise<{ oneClick: boolean } & PageResult> {
    const claims = this.links.verify(action.token);
    const oneClick = action.fields['List-Unsubscribe'] === 'One-Click';
    if (!claims)
      return { oneClick, status: 404, html: notFoundPage(await this.locales.forClaims(undefined, action.request)) };
    const base = {
      ip: action.ip,
      ua: action.ua,
      source: claims.campaignId ? campaignUnsubscribeSource(claims.campaignId, 'link') : null,
      campaignId: claims.campaignId,
      deliveryId: claims.deliveryId,
    };
    if (oneClick) {
      const listId =
        action.listHint !== undefined && (await this.isMember(claims.subscriberId, action.listHint))
          ? action.listHint
          : undefined;
      await this.unsubscribe.unsubscribe(claims.subscriberId, { ...base, listId, method: 'one_click' });
      return { oneClick: true, status: 200, html: '' };
    }
    const t = await this.locales.forClaims(claims, action.request);
    const rejoin = parseWholeNumber(action.fields.rejoin);
    if (rejoin !== undefined)
      return {
        oneClick: false,
        ...(await this.rejoin(t, claims.subscriberId, rejoin, { ip: action.ip, userAgent: action.ua })),
      };
    if (action.fields.reason !== undefined) {
      const left = parseWholeNumber(action.fields.left) ?? null;
      const stored = await this.feedback.record({
        subscriberId: claims.subscriberId,
        listId: left,
        campaignId: claims.campaignId ?? null,
        reason: action.fields.reason,
        note: action.fields.note,
      });
      const html = stored
        ? messagePage(t, t.t('page.feedback.thanks.title'), [t.t('page.feedback.thanks.body')])
        : messagePage(t, t.t('page.feedback.pick.title'), [t.t('page.feedback.pick.body')], this.feedbackForm(t, left));
      return { oneClick: false, status: 200, html };
    }
    const listId = parseWholeNumber(action.fields.list);
    if (action.fields.all !== '1' && listId !== undefined && (await this.isMember(claims.subscriberId, listId))) {
      await this.unsubscribe.unsubscribe(claims.subscriberId, { ...base, listId, method: 'email_link' });
      return {
        oneClick: false,
        status: 200,
        html: this.done(t, 'page.unsubscribe.list', this.feedbackForm(t, listId)),
      };
    }
    await this.unsubscribe.unsubscribe(claims.subscriberId, { ...base, method: 'email_link' });
    return { oneClick: false, status: 200, html: this.done(t, 'page.unsubscribe.done', this.feedbackForm(t, null)) };
  }

  /**
   * The way back in: the person joins a list they left again, by their own
   * click (a POST; a GET changes nothing). A double opt-in list asks them to
   * confirm by mail first; a single opt-in list takes them back at once, and
   * someone who had left everything becomes mailable again (a bounce or
   * complaint suppression stays).
   */
  private async rejoin(
    t: Translator,
    subscriberId: number,
    listId: number,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<PageResult> {
    const list = (await this.leftLists(subscriberId)).find((l) => l.id === listId);
    const subscriber = await this.dataSource.getRepository(Subscriber).findOne({ where: { id: subscriberId } });
    if (!list || !subscriber?.email)
      return { status: 200, html: messagePage(t, t.t('page.rejoin.unknown.title'), [t.t('page.rejoin.unknown.body')]) };
    const mailingList = await this.dataSource.getRepository(MailingList).findOneByOrFail({ id: listId });
    const status = await this.memberships.subscribe(mailingList, subscriber, {
      method: 'email_link',
      source: 'preferences:rejoin',
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    if (status === 'confirmed') {
      await this.reactivate.execute(subscriberId);
      return {
        status: 200,
        html: messagePage(t, t.t('page.rejoin.done.title'), [t.t('page.rejoin.done.body', { list: list.name })]),
      };
    }
    return {
      status: 200,
      html: messagePage(t, t.t('page.rejoin.confirm.title'), [t.t('page.rejoin.confirm.body', { list: list.name })]),
    };
  }

  /** One optional question, never required: the unsubscribe has already happened. */
  private feedbackForm(t: Translator, leftListId: number | null): string {
    const options = UNSUBSCRIBE_REASONS.map(
      (reason) =>
        `<label style="display:block;margin:6px 0"><input type="radio" name="reason" value="${reason}"> ${escapeHtml(t.t(`page.feedback.reason_${reason}`))}</label>`,
    ).join('');
    return `<form method="post" style="margin:24px 0 0"><fieldset style="border:0;padding:0;margin:0"><legend><strong>${escapeHtml(t.t('page.feedback.question'))}</strong> ${escapeHtml(t.t('page.feedback.optional'))}</legend>${options}</fieldset>
<input type="hidden" name="left" value="${leftListId ?? ''}">
<label for="feedback-note" style="display:block;margin:12px 0 4px">${escapeHtml(t.t('page.feedback.note'))}</label>
<textarea id="feedback-note" name="note" rows="3" maxlength="${MAX_FEEDBACK_NOTE}" style="width:100%"></textarea>
<button type="submit" style="margin-top:8px">${escapeHtml(t.t('page.feedback.send'))}</button></form>`;
  }

  private rejoinForms(t: Translator, left: MemberList[]): string {
    if (left.length === 0) return '';
    const forms = left
      .map(
        (l) =>
          `<form method="post" style="margin:8px 0"><input type="hidden" name="rejoin" value="${l.id}"><button type="submit">${t.html('page.rejoin.button', { list: escapeHtml(l.name) })}</button></form>`,
      )
      .join('');
    return `<h2 style="margin-top:24px">${escapeHtml(t.t('page.rejoin.heading'))}</h2>${forms}`;
  }

  private currentLists(subscriberId: number): Promise<MemberList[]> {
    return this.listsWhere(subscriberId, "m.status <> 'unsubscribed'");
  }

  /** Lists the person unsubscribed from (public lists and lists they were on alike: they chose to be there once). */
  private leftLists(subscriberId: number): Promise<MemberList[]> {
    return this.listsWhere(subscriberId, "m.status = 'unsubscribed'");
  }

  private async listsWhere(subscriberId: number, condition: string): Promise<MemberList[]> {
    const rows: Array<{ id: number | string; name: string }> = await this.dataSource
      .createQueryBuilder()
      .select(['l.id AS id', 'l.name AS name'])
      .from('list_memberships', 'm')
      .innerJoin('lists', 'l', 'l.id = m.list_id')
      .where('m.subscriber_id = :subscriberId', { subscriberId })
      .andWhere(condition)
      .orderBy('l.id')
      .getRawMany();
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }

  private async isMember(subscriberId: number, listId: number): Promise<boolean> {
    return (await this.currentLists(subscriberId)).some((l) => l.id === listId);
  }

  private done(t: Translator, key: 'page.unsubscribe.done' | 'page.unsubscribe.list', extra = ''): string {
    return messagePage(t, t.t(`${key}.title`), [t.t(`${key}.body`)], extra);
  }
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(2, at))}…${email.slice(at)}`;
}
