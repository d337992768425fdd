import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import type { AppConfig } from '../config/app-config';
import { runsApi } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { BounceIngestService } from './bounce-ingest.service';

/** Inbound SMTP for our domain: DSNs and ARF complaints to the VERP return path, and mailto unsubscribes (off unless BOUNCE_SMTP_PORT is set). */
@Injectable()
export class BounceSmtpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BounceSmtp');
  private server: SMTPServer | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly ingest: BounceIngestService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.bounces.smtpPort;
    if (!port || !runsApi(this.config)) return;
    const domain = this.config.sending.mailDomain.toLowerCase();
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 5 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        const ours = address.address.toLowerCase().endsWith(`@${domain}`);
        callback(ours ? undefined : Object.assign(new Error('Relay denied'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          // Accept whatever arrives: a report we cannot match must not bounce back to the reporter.
          this.handle(Buffer.concat(chunks), to)
            .then((o) => this.logger.log(`${o.class} for delivery ${o.deliveryId} (${o.status})`))
            .catch((e: Error) => this.logger.debug(`Ignored inbound message: ${e.message}`))
            .finally(() => callback());
        });
      },
    });
    this.server.on('error', (e) => this.logger.warn(`Bounce SMTP: ${e.message}`));
    await new Promise<void>((resolve) => this.server!.listen(port, this.config.host, () => resolve()));
    this.logger.log(`Receiving bounces and complaints by SMTP on port ${port}`);
  }

  private async handle(raw: Buffer, to: string[]): Promise<{ class: string; deliveryId: number; status: string }> {
    for (const address of to) {
      if (await this.ingest.unsubscribeByMail(address))
        return { class: 'mailto unsubscribe', deliveryId: 0, status: address };
    }
    return this.ingest.ingest(raw, to);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
