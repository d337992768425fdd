import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Subscriber } from '../audience/subscriber.entity';
import { NotFoundException } from '../common/domain.exception';
import { MailTransport } from '../mail/mail-transport.service';
import { RenderService } from '../templates/render.service';
import type { RenderedMessage, RenderRecipient } from '../templates/render.types';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { senderHeaders, senderOf } from '../mail/sender';
import { KindRegistry } from '../kinds/kind-registry';
import { CampaignsService } from './campaigns.service';

export interface CampaignPreview extends Omit<RenderedMessage, 'token' | 'unsubscribeUrl'> {
  links: string[];
}

/** A campaign rendered for one real or sample subscriber, and test sends of it. */
@Injectable()
export class CampaignPreviewService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly renderer: RenderService,
    private readonly transport: MailTransport,
    @InjectRepository(Subscriber) private readonly subscribers: Repository<Subscriber>,
    @InjectConfig() private readonly config: AppConfig,
    private readonly kinds: KindRegistry,
  ) {}

  async preview(campaignId: number, subscriberId?: number): Promise<CampaignPreview> {
    const campaign = await this.campaigns.get(campaignId);
    const recipient = await this.recipient(subscriberId);
    const compiled = await this.renderer.compile(campaign);
    const { subject, html, text } = this.renderer.render(compiled, { ...recipient, campaignId: campaign.id });
    return { subject, html, text, links: compiled.links };
  }

  async sendTest(campaignId: number, to: string[]): Promise<{ sent: string[]; messageIds: string[] }> {
    const campaign = await this.campaigns.get(campaignId);
    const compiled = await this.renderer.compile(campaign);
    const messageIds: string[] = [];
    for (const address of to) {
      const known = await this.subscribers.findOneBy({ email: address });
      const recipient = known ? this.toRecipient(known) : this.sample(address);
      const rendered = this.renderer.render(compiled, { ...recipient, campaignId: campaign.id });
      const info = await this.transport.send(
        {
          ...senderHeaders(senderOf(campaign, this.config.mailFrom)),
          to: address,
          subject: `[Test] ${rendered.subject}`,
          html: rendered.html,
          text: rendered.text,
          headers: { 'X-Valuemail-Test': 'yes', 'X-Valuemail-Campaign': String(campaign.id) },
        },
        campaign.transport,
      );
      messageIds.push(String(info.messageId));
    }
    return { sent: to, messageIds };
  }

  private async recipient(subscriberId?: number): Promise<RenderRecipient> {
    if (subscriberId === undefined) return this.sample('sample@example.com');
    const subscriber = await this.subscribers.findOneBy({ id: subscriberId });
    if (!subscriber || !subscriber.email) throw new NotFoundException('Subscriber', subscriberId);
    return this.toRecipient(subscriber);
  }

  private toRecipient(s: Subscriber): RenderRecipient {
    return {
      deliveryId: 0,
      subscriber: {
        id: s.id,
        email: s.email ?? '',
        name: s.name,
        firstName: s.firstName,
        lastName: s.lastName,
        attributes: s.attributes,
      },
      kindData: this.kinds.previewKindData(),
    };
  }

  private sample(email: string): RenderRecipient {
    return {
      deliveryId: 0,
      subscriber: { id: 0, email, name: 'Sample Subscriber', attributes: {} },
      kindData: this.kinds.previewKindData(),
    };
  }
}
