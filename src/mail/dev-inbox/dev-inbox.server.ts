import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { runsApi } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';

export interface DevInboxEntry {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
}

export function devInboxEnabled(config: AppConfig): boolean {
  return config.smtpUrl === undefined && runsApi(config) && config.devInboxPort > 0;
}

export const outboxDir = (config: AppConfig): string => join(config.dataDir, 'outbox');

/**
 * A real SMTP server on loopback that keeps every message as an .eml file under
 * var/outbox, so development sends through the same SMTP path as production.
 */
@Injectable()
export class DevInboxServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DevInbox');
  private server: SMTPServer | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!devInboxEnabled(this.config)) return;
    const dir = outboxDir(this.config);
    mkdirSync(dir, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 25 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          this.store(
            dir,
            raw,
            session.envelope.rcptTo.map((r) => r.address),
          )
            .then(() => callback())
            .catch((error: Error) => callback(error));
        });
      },
    });
    // A client that dies mid-conversation resets its socket; that is not a server failure.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.devInboxPort, '127.0.0.1', () => resolve());
    });
    this.logger.log(`Dev inbox listening on smtp://127.0.0.1:${this.config.devInboxPort}, mail kept in ${dir}`);
  }

  private async store(dir: string, raw: Buffer, rcptTo: string[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const receivedAt = this.clock.now();
    const id = `${receivedAt.getTime()}-${randomUUID().slice(0, 8)}`;
    writeFileSync(join(dir, `${id}.eml`), raw);
    const entry: DevInboxEntry = {
      id,
      receivedAt: receivedAt.toISOString(),
      from: parsed.from?.text ?? '',
      to: rcptTo,
      subject: parsed.subject ?? '',
    };
    appendFileSync(join(dir, 'index.jsonl'), JSON.stringify(entry) + '\n');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
