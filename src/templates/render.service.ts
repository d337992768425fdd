// INTERIM: replaced by the MJML render service from the templates work.
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { LinkTokenService } from '../links/link-token.service';
import type { RenderableCampaign, RenderedMessage, RenderRecipient } from './render.types';

export interface CompiledCampaign {
  links: string[];
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
}

@Injectable()
export class RenderService {
  constructor(
    private readonly tokens: LinkTokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async compile(campaign: RenderableCampaign): Promise<CompiledCampaign> {
    const hb = Handlebars.create();
    return {
      links: ['https://example.com/'],
      subject: hb.compile(campaign.subject),
      html: hb.compile(`<p>Hello {{subscriber.name}}</p><a href="{{base}}/r/{{token}}/0">link</a><img src="{{base}}/o/{{token}}.gif">`),
      text: hb.compile('Hello {{subscriber.name}} {{base}}/r/{{token}}/0'),
    };
  }

  render(compiled: CompiledCampaign, recipient: RenderRecipient & { campaignId?: number }): RenderedMessage {
    const token = this.tokens.sign({ campaignId: recipient.campaignId ?? 0, deliveryId: recipient.deliveryId, subscriberId: recipient.subscriber.id });
    const ctx = { subscriber: recipient.subscriber, base: this.config.publicUrl, token };
    return { subject: compiled.subject(ctx), html: compiled.html(ctx), text: compiled.text(ctx) };
  }
}
