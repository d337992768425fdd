import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LinkTokenService } from '../../links/link-token.service';
import { MailTransport } from '../../mail/mail-transport.service';
import { RenderService } from '../../templates/render.service';
import type { MailingList } from '../mailing-list.entity';
import type { Subscriber } from '../subscriber.entity';

export const CONFIRM_PURPOSE = 'confirm';

export function confirmUrl(config: AppConfig, token: string): string {
  return `${config.publicUrl}/public/confirm/${token}`;
}

/** The double opt-in mail: the shared layout (templates/confirm-subscription.mjml), compiled once per list. */
@Injectable()
export class ConfirmationMailService {
  constructor(
    private readonly transport: MailTransport,
    private readonly links: LinkTokenService,
    private readonly renderer: RenderService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(subscriber: Subscriber, list: MailingList): Promise<void> {
    if (!subscriber.email) return;
    const compiled = await this.renderer.compileConfirmation({ listName: list.name, locale: subscriber.locale });
    const token = this.links.signPayload(CONFIRM_PURPOSE, [list.id, subscriber.id]);
    const message = this.renderer.render(
      compiled,
      {
        deliveryId: 0,
        subscriber: {
          id: subscriber.id,
          email: subscriber.email,
          name: subscriber.name,
          firstName: subscriber.firstName,
          lastName: subscriber.lastName,
          attributes: {},
        },
      },
      { confirmUrl: confirmUrl(this.config, token) },
    );
    await this.transport.send({
      from: this.config.mailFrom,
      to: subscriber.email,
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
  }
}
