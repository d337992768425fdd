import { Injectable } from '@nestjs/common';
import { escapeHtml, page } from '../../common/html-page';
import { LinkTokenService } from '../../links/link-token.service';
import { AudienceException } from '../audience.exception';
import type { ConsentContext } from '../consent/consent.service';
import { ListsService } from '../lists/lists.service';
import { MembershipsService } from '../lists/memberships.service';
import { CONFIRM_PURPOSE } from './confirmation-mail.service';
import { ReactivateOnConfirm } from './reactivate-on-confirm';

const INVALID = page('Link not valid', '<div class="card"><h1>This link is not valid</h1><p>It may have been mistyped or cut off. Subscribe again to get a new one.</p></div>');

/** Double opt-in confirmation: the page (GET) and the confirming POST. */
@Injectable()
export class ConfirmSubscription {
  constructor(
    private readonly links: LinkTokenService,
    private readonly lists: ListsService,
    private readonly memberships: MembershipsService,
    private readonly resubscribe: ReactivateOnConfirm,
  ) {}

  async page(token: string): Promise<string> {
    const target = await this.resolve(token);
    if (!target) return INVALID;
    const { listName } = target;
    return page(
      'Confirm your subscription',
      `<div class="card"><h1>Confirm your subscription</h1><p>Please confirm that you want to receive <strong>${escapeHtml(listName)}</strong>.</p>
<form method="post"><button type="submit">Yes, subscribe me</button></form></div>`,
    );
  }

  async execute(token: string, context: ConsentContext): Promise<string> {
    const target = await this.resolve(token);
    if (!target) return INVALID;
    const before = await this.memberships.membershipStatus(target.listId, target.subscriberId);
    if (before === 'unconfirmed') await this.memberships.confirm(target.listId, target.subscriberId, context);
    if (before === 'unconfirmed') await this.resubscribe.execute(target.subscriberId);
    const after = await this.memberships.membershipStatus(target.listId, target.subscriberId);
    if (after !== 'confirmed') {
      return page('Not subscribed', `<div class="card"><h1>Not subscribed</h1><p>This subscription can no longer be confirmed. Subscribe again if you want to receive ${escapeHtml(target.listName)}.</p></div>`);
    }
    return page('Subscription confirmed', `<div class="card"><h1>Thank you!</h1><p>You are now subscribed to <strong>${escapeHtml(target.listName)}</strong>.</p></div>`);
  }

  private async resolve(token: string): Promise<{ listId: number; subscriberId: number; listName: string } | undefined> {
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
