import { Injectable } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { LinkTokenService } from '../links/link-token.service';
import type { Campaign } from '../campaigns/campaign.entity';
import type { RenderedMessage } from '../templates/render.types';
import { senderHeaders, senderOf } from '../mail/sender';

export interface OutgoingRecipient {
  deliveryId: number;
  subscriberId: number;
  email: string;
  name: string;
}

/** Deterministic per delivery, so a duplicate is recognisable downstream. */
export function deliveryMessageId(deliveryId: number, campaignId: number, domain: string): string {
  return `<d${deliveryId}.c${campaignId}@${domain}>`;
}

/** The VERP return path: bounces come back to an address naming the delivery. */
export function verpAddress(deliveryId: number, signature: string, domain: string): string {
  return `bounces+${deliveryId}-${signature}@${domain}`;
}

export function parseVerp(address: string): { deliveryId: number; signature: string } | undefined {
  const match = /^bounces\+(\d+)-([0-9a-f]+)@/i.exec(address.trim());
  return match ? { deliveryId: Number(match[1]), signature: match[2].toLowerCase() } : undefined;
}

/** Envelope and headers of one campaign message: VERP, List-Unsubscribe (RFC 8058), List-Id, Feedback-ID. */
@Injectable()
export class MessageBuilder {
  private readonly domain: string;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly tokens: LinkTokenService,
  ) {
    this.domain = config.sending.mailDomain;
  }

  build(campaign: Campaign, recipient: OutgoingRecipient, rendered: RenderedMessage): SendMailOptions {
    const signature = this.tokens.tag(`delivery:${recipient.deliveryId}`);
    const listIds = campaign.audience.listIds?.length ? campaign.audience.listIds.join('-') : `campaign-${campaign.id}`;
    return {
      ...senderHeaders(senderOf(campaign, this.config.mailFrom)),
      to: recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: deliveryMessageId(recipient.deliveryId, campaign.id, this.domain),
      envelope: { from: verpAddress(recipient.deliveryId, signature, this.domain), to: recipient.email },
      headers: {
        // The rendered message's own signed unsubscribe link: one signature per recipient.
        'List-Unsubscribe': `<${rendered.unsubscribeUrl}>, <mailto:unsubscribe+${recipient.deliveryId}-${signature}@${this.domain}?subject=unsubscribe>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': `<list-${listIds}.${this.domain}>`,
        'Feedback-ID': `${campaign.id}:${campaign.kind}:valuemail:${this.domain}`,
        'X-Valuemail-Campaign': String(campaign.id),
        Precedence: 'bulk',
      },
    };
  }
}
