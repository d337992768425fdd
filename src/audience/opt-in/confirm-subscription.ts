import { Injectable } from '@nestjs/common';
import { escapeHtml, messagePage, publicPage } from '../../common/html-page';
import { LocaleResolver, RequestLike } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { LinkTokenService } from '../../links/link-token.service';
import { AudienceException } from '../audience.exception';
import type { ConsentContext } from '../consent/consent.service';
import { ListsService } from '../lists/lists.service';
import { MembershipsService } from '../lists/memberships.service';
import { CONFIRM_PURPOSE } from './confirmation-mail.service';
import { ReactivateOnConfirm } from './reactivate-on-confirm';

function invalidPage(t: Translator): string {
  return publicPage(
    t,
    t.t('page.confirm.invalid.title'),
    `<h1>${escapeHtml(t.t('page.confirm.invalid.heading'))}</h1><p>${escapeHtml(t.t('page.confirm.invalid.body'))}</p>`,
  );
}

/** Double opt-in confirmation: the page (GET) and the confirming POST, in the subscriber's language like the mail. */
@Injectable()
export class ConfirmSubscription {
  constructor(
    private readonly links: LinkTokenService,
    private readonly lists: ListsService,
    private readonly memberships: MembershipsService,
    private readonly resubscribe: ReactivateOnConfirm,
    private readonly locales: LocaleResolver,
  ) {}

  async page(token: string, request?: RequestLike): Promise<string> {
    const target = await this.resolve(token);
    if (!target) return invalidPage(this.locales.forRequest(request));
    const t = await this.locales.forSubscriber(target.subscriberId, request);
    const title = t.t('page.confirm.title');
    return publicPage(
      t,
      title,
      `<h1>${escapeHtml(title)}</h1><p>${t.html('page.confirm.question', { list: `<strong>${escapeHtml(target.listName)}</strong>` })}</p>
<form method="post"><button type="submit">${escapeHtml(t.t('page.confirm.button'))}</button></form>`,
    );
  }

  async execute(token: string, context: ConsentContext, request?: RequestLike): Promise<string> {
    const target = await this.resolve(token);
    if (!target) return invalidPage(this.locales.forRequest(request));
    const before = await this.memberships.membershipStatus(target.listId, target.subscriberId);
    if (before === 'unconfirmed') await this.memberships.confirm(target.listId, target.subscriberId, context);
    if (before === 'unconfirmed') await this.resubscribe.execute(target.subscriberId);
    const after = await this.memberships.membershipStatus(target.listId, target.subscriberId);
    const t = await this.locales.forSubscriber(target.subscriberId, request);
    if (after !== 'confirmed')
      return messagePage(t, t.t('page.confirm.late.title'), [t.t('page.confirm.late.body', { list: target.listName })]);
    return publicPage(
      t,
      t.t('page.confirm.done.title'),
      `<h1>${escapeHtml(t.t('page.confirm.done.heading'))}</h1><p>${t.html('page.confirm.done.body', { list: `<strong>${escapeHtml(target.listName)}</strong>` })}</p>`,
    );
  }

  private async resolve(
    token: string,
  ): Promise<{ listId: number; subscriberId: number; listName: string } | undefined> {
    const ids = this.links.verifyPayload(CONFIRM_PURPOSE, token);
    if (!ids || ids.length !== 2) return undefined;
    const [listId, subscriberId] = ids;
    const list = await this.lists.get(listId).catch((e: unknown) => {
      if (e instanceof AudienceException) return undefined;
      throw e;
    });
    return list ? { listId, subscriberId, listName: list.name } : undefined;
  }
}
