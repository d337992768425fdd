import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, SentMessageInfo, Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

// Nodemailer's default list plus List-Unsubscribe-Post (RFC 8058 requires it
// signed for one-click) and Feedback-ID.
const DKIM_SIGNED_HEADERS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type',
  'Content-Transfer-Encoding', 'Content-ID', 'Content-Description', 'In-Reply-To', 'References',
  'List-Id', 'List-Help', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'List-Subscribe', 'List-Post', 'List-Owner', 'List-Archive',
  'Feedback-ID',
].join(':');

/** The SMTP URL the engine sends through: SMTP_URL, or the built-in dev inbox. */
export function smtpUrlOf(config: AppConfig): string {
  return config.smtpUrl ?? `smtp://127.0.0.1:${config.devInboxPort}`;
}

/** A pooled Nodemailer SMTP transport: the only way mail leaves the engine. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter<SentMessageInfo>;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    const url = new URL(smtpUrlOf(config));
    this.transporter = createTransport({
      pool: true,
      maxConnections: config.smtpPoolSize,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      // The dev inbox and local relays have no certificate worth checking.
      ignoreTLS: config.smtpUrl === undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(config.dkim ? { dkim: { ...config.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
    });
  }

  send(message: SendMailOptions): Promise<SentMessageInfo> {
    return this.transporter.sendMail(message);
  }

  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
