import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { escapeHtml, page } from '../../common/html-page';
import { LinkTokenService } from '../../links/link-token.service';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { Subscriber } from '../subscriber.entity';
import { UnsubscribeService } from './unsubscribe.service';

export interface UnsubscribeAction {
  token: string;
  /** The list the message came from (unsigned hint; the token decides who). */
  listHint?: number;
  fields: Record<string, string>;
  ip: string | null;
  ua: string | null;
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
  ) {}

  async show(token: string, listHint?: number): Promise<string> {
    const claims = this.claims(token);
    const subscriber = await this.dataSource.getRepository(Subscriber).findOne({ where: { id: claims.subscriberId } });
    if (!subscriber?.email || subscriber.status === 'unsubscribed') return this.done('You are unsubscribed', 'You will not receive any more mail from us.');
    const lists = await this.currentLists(subscriber.id);
    const ordered = [...lists.filter((l) => l.id === listHint), ...lists.filter((l) => l.id !== listHint)];
    const perList = ordered
      .map((l) => `<form method="post" style="margin:8px 0"><input type="hidden" name="list" value="${l.id}"><button type="submit">Unsubscribe from ${escapeHtml(l.name)}</button></form>`)
      .join('');
    return page(
      'Manage your subscription',
      `<div class="card"><h1>Manage your subscription</h1><p>Mail for ${escapeHtml(maskEmail(subscriber.email))}.</p>${perList}
<form method="post" style="margin:16px 0 0"><input type="hidden" name="all" value="1"><button type="submit">Unsubscribe from all mail</button></form></div>`,
    );
  }

  /** RFC 8058 one-click when the body says so, otherwise the page's buttons. */
  async act(action: UnsubscribeAction): Promise<{ oneClick: boolean; html: string }> {
    const claims = this.claims(action.token);
    const base = { ip: action.ip, ua: action.ua, source: claims.campaignId ? `campaign:${claims.campaignId}` : null, campaignId: claims.campaignId, deliveryId: claims.deliveryId };
    if (action.fields['List-Unsubscribe'] === 'One-Click') {
      const listId = action.listHint !== undefined && (await this.isMember(claims.subscriberId, action.listHint)) ? action.listHint : undefined;
      await this.unsubscribe.unsubscribe(claims.subscriberId, { ...base, listId, method: 'one_click' });
      return { oneClick: true, html: '' };
    }
    const listId = Number(action.fields.list);
    if (action.fields.all !== '1' && Number.isSafeInteger(listId) && listId > 0 && (await this.isMember(claims.subscriberId, listId))) {
      await this.unsubscribe.unsubscribe(claims.subscriberId, { ...base, listId, method: 'email_link' });
      return { oneClick: false, html: this.done('Unsubscribed', 'You will no longer receive mail for that list.') };
    }
    await this.unsubscribe.unsubscribe(claims.subscriberId, { ...base, method: 'email_link' });
    return { oneClick: false, html: this.done('You are unsubscribed', 'You will not receive any more mail from us.') };
  }

  private claims(token: string) {
    const claims = this.links.verify(token);
    if (!claims) throw new AudienceException(AudienceErrorCode.InvalidLink, 'This unsubscribe link is not valid');
    return claims;
  }

  private async currentLists(subscriberId: number): Promise<MemberList[]> {
    const rows: Array<{ id: number | string; name: string }> = await this.dataSource
      .createQueryBuilder()
      .select(['l.id AS id', 'l.name AS name'])
      .from('list_memberships', 'm')
      .innerJoin('lists', 'l', 'l.id = m.list_id')
      .where('m.subscriber_id = :subscriberId', { subscriberId })
      .andWhere("m.status <> 'unsubscribed'")
      .orderBy('l.id')
      .getRawMany();
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }

  private async isMember(subscriberId: number, listId: number): Promise<boolean> {
    return (await this.currentLists(subscriberId)).some((l) => l.id === listId);
  }

  private done(title: string, text: string): string {
    return page(title, `<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></div>`);
  }
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(2, at))}…${email.slice(at)}`;
}
