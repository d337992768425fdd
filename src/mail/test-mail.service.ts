import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { DEFAULT_TRANSPORT, MailTransport } from './mail-transport.service';

export interface TestMailResult {
  messageId: string;
  accepted: string[];
  response: string;
}

/** Sends a plain test message to check that the transport works end to end. */
@Injectable()
export class TestMailService {
  constructor(
    private readonly transport: MailTransport,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(to: string, transport = DEFAULT_TRANSPORT): Promise<TestMailResult> {
    const domain = new URL(this.config.publicUrl).hostname || 'valuemail.localhost';
    const messageId = `<test-${randomUUID()}@${domain}>`;
    const info = await this.transport.send(
      {
        from: this.config.mailFrom,
        to,
        subject:
          transport === DEFAULT_TRANSPORT
            ? 'valuemail test message'
            : `valuemail test message (transport ${transport})`,
        messageId,
        headers: { 'X-Valuemail-Test': 'yes', 'X-Valuemail-Transport': transport },
        text: `This is a test message from valuemail at ${this.config.publicUrl}.\nIf you can read it, sending works.`,
        html: `<p>This is a test message from <a href="${this.config.publicUrl}">valuemail</a>.</p><p>If you can read it, sending works.</p>`,
      },
      transport,
    );
    return { messageId, accepted: (info.accepted as string[]) ?? [], response: String(info.response ?? '') };
  }
}
