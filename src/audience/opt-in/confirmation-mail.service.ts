import { Injectable, Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LinkTokenService } from '../../links/link-token.service';
import { MailTransport } from '../../mail/mail-transport.service';
import type { MailingList } from '../mailing-list.entity';
import type { Subscriber } from '../subscriber.entity';

// src/audience/opt-in and dist/audience/opt-in are both three levels below the repository root.
type Mjml = (source: string, options: { validationLevel: 'soft' }) => Promise<{ html: string; errors?: Array<{ formattedMessage: string }> }>;
// mjml ships no type declarations; typed here rather than with a global ambient module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mjml2html = require('mjml') as Mjml;

const TEMPLATE = join(__dirname, '..', '..', '..', 'templates', 'confirm-subscription.mjml');
export const CONFIRM_PURPOSE = 'confirm';

export function confirmUrl(config: AppConfig, token: string): string {
  return `${config.publicUrl}/public/confirm/${token}`;
}

/** The double opt-in mail: MJML compiled once per process, Handlebars per recipient. */
@Injectable()
export class ConfirmationMailService {
  private readonly logger = new Logger('ConfirmationMail');
  private compiled: Promise<HandlebarsTemplateDelegate> | undefined;

  constructor(
    private readonly transport: MailTransport,
    private readonly links: LinkTokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(subscriber: Subscriber, list: MailingList): Promise<void> {
    if (!subscriber.email) return;
    const template = await (this.compiled ??= this.compile());
    const token = this.links.signPayload(CONFIRM_PURPOSE, [list.id, subscriber.id]);
    const html = template({ name: subscriber.name || subscriber.email, email: subscriber.email, listName: list.name, confirmUrl: confirmUrl(this.config, token) });
    await this.transport.send({
      from: this.config.mailFrom,
      to: subscriber.email,
      subject: `Please confirm your subscription to ${list.name}`,
      html,
      text: convert(html, { wordwrap: 78 }),
    });
  }


  private async compile(): Promise<HandlebarsTemplateDelegate> {
    const source = await readFile(TEMPLATE, 'utf8');
    const result = await mjml2html(source, { validationLevel: 'soft' });
    if (result.errors?.length) this.logger.warn(`confirm-subscription.mjml: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
    return Handlebars.compile(result.html);
  }
}
