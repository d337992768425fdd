import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, SentMessageInfo, Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { DomainException } from '../common/domain.exception';
import { EffectiveSettings } from '../settings/effective-settings';

// Nodemailer's default list plus List-Unsubscribe-Post (RFC 8058 requires it
// signed for one-click) and Feedback-ID.
const DKIM_SIGNED_HEADERS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-ID',
  'Content-Description',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Help',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'List-Subscribe',
  'List-Post',
  'List-Owner',
  'List-Archive',
  'Feedback-ID',
].join(':');

export const DEFAULT_TRANSPORT = 'default';

export class UnknownTransportException extends DomainException<'unknown_transport'> {
  constructor(name: string, known: string[]) {
    super('unknown_transport', `There is no SMTP transport named "${name}"; configured: ${known.join(', ')}`, 400);
  }
}

/** The SMTP URL the default transport sends through: SMTP_URL, or the built-in dev inbox. */
export function smtpUrlOf(config: AppConfig): string {
  return config.smtpUrl ?? `smtp://127.0.0.1:${config.devInboxPort}`;
}

/** Pooled Nodemailer SMTP transports by name: the only way mail leaves the engine. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporters = new Map<string, Transporter<SentMessageInfo>>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly settings: EffectiveSettings,
  ) {
    const urls = { [DEFAULT_TRANSPORT]: smtpUrlOf(config), ...config.smtpTransports };
    for (const [name, url] of Object.entries(urls))
      this.transporters.set(name, this.create(new URL(url), name === DEFAULT_TRANSPORT && !config.smtpUrl));
  }

  names(): string[] {
    return [...this.transporters.keys()];
  }

  /** Refuses a transport name that is not configured (400 naming the known ones). */
  assertKnown(name: string): void {
    if (!this.transporters.has(name)) throw new UnknownTransportException(name, this.names());
  }

  async send(message: SendMailOptions, transport = DEFAULT_TRANSPORT): Promise<SentMessageInfo> {
    const transporter = this.transporters.get(transport);
    if (!transporter) throw new UnknownTransportException(transport, this.names());
    // A key stored in settings wins over DKIM_* (set on the transporter at start): Nodemailer takes a per-message key.
    const stored = await this.settings.storedDkim();
    return transporter.sendMail(
      stored ? { ...message, dkim: { ...stored, headerFieldNames: DKIM_SIGNED_HEADERS } } : message,
    );
  }

  /** What each transport connects to, without passwords (for the settings page). */
  describe(): Array<{
    name: string;
    url: string;
    host: string;
    port: number;
    secure: boolean;
    username: string | null;
    devInbox: boolean;
  }> {
    const urls = { [DEFAULT_TRANSPORT]: smtpUrlOf(this.config), ...this.config.smtpTransports };
    return Object.entries(urls).map(([name, raw]) => {
      const url = new URL(raw);
      const username = url.username ? decodeURIComponent(url.username) : null;
      if (url.password) url.password = '****';
      return {
        name,
        url: url.toString(),
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
        secure: url.protocol === 'smtps:',
        username,
        devInbox: name === DEFAULT_TRANSPORT && !this.config.smtpUrl,
      };
    });
  }

  /** Connects and greets (EHLO, STARTTLS, AUTH) without sending: one transport, or all of them. */
  async verify(transport?: string): Promise<void> {
    if (transport !== undefined) {
      const transporter = this.transporters.get(transport);
      if (!transporter) throw new UnknownTransportException(transport, this.names());
      await transporter.verify();
      return;
    }
    await Promise.all([...this.transporters.values()].map((t) => t.verify()));
  }

  onApplicationShutdown(): void {
    for (const t of this.transporters.values()) t.close();
  }

  private create(url: URL, devInbox: boolean): Transporter<SentMessageInfo> {
    return createTransport({
      pool: true,
      maxConnections: this.config.smtpPoolSize,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      // The dev inbox has no certificate worth checking.
      ignoreTLS: devInbox,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(this.config.dkim ? { dkim: { ...this.config.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
    });
  }
}
