import { Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { PublicController } from '../../common/admin-controller.decorator';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { DevInboxEntry, devInboxEnabled, outboxDir } from './dev-inbox.server';
import { escapeHtml, page } from '../../common/html-page';

const ID = /^\d+-[0-9a-f]{8}$/;

/** Read-only web view of the dev inbox; it exists only while no SMTP_URL is set. */
@ApiExcludeController()
@PublicController('inbox', 'dev inbox')
export class DevInboxController {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  list(): string {
    if (!devInboxEnabled(this.config)) return this.disabled();
    const entries = this.entries().reverse();
    const rows = entries
      .map(
        (e) =>
          `<tr><td>${escapeHtml(new Date(e.receivedAt).toLocaleString('en-GB'))}</td><td>${escapeHtml(e.to.join(', '))}</td>` +
          `<td><a href="/inbox/${e.id}">${escapeHtml(e.subject || '(no subject)')}</a></td><td>${escapeHtml(e.from)}</td></tr>`,
      )
      .join('');
    return page(
      'Dev inbox',
      `<h1>Dev inbox</h1><p>${entries.length} message(s) caught by the local SMTP server. Nothing here left this machine.</p>` +
        `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>From</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }

  @Get(':id')
  async show(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = this.fileOf(id);
    if (!file)
      return void reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(page('Not found', '<h1>No such message</h1><p><a href="/inbox">Back to the inbox</a></p>'));
    const parsed = await simpleParser(readFileSync(file));
    const headers = [...parsed.headerLines].map((h) => escapeHtml(h.line)).join('\n');
    const html = parsed.html
      ? `<iframe title="HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(parsed.html)}"></iframe>`
      : '<p>(no HTML part)</p>';
    void reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          parsed.subject ?? 'Message',
          `<p><a href="/inbox">← Inbox</a> · <a href="/inbox/${id}/raw">Download .eml</a></p><h1>${escapeHtml(parsed.subject ?? '')}</h1>` +
            `<p><b>From</b> ${escapeHtml(parsed.from?.text ?? '')}<br><b>To</b> ${escapeHtml(Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : (parsed.to?.text ?? ''))}</p>` +
            `${html}<h2>Text part</h2><pre>${escapeHtml(parsed.text ?? '')}</pre><h2>Headers</h2><pre>${headers}</pre>`,
        ),
      );
  }

  @Get(':id/raw')
  raw(@Param('id') id: string, @Res() reply: FastifyReply): void {
    const file = this.fileOf(id);
    if (!file) return void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'No such message' });
    void reply
      .type('message/rfc822')
      .header('content-disposition', `attachment; filename="${id}.eml"`)
      .send(readFileSync(file));
  }

  private fileOf(id: string): string | undefined {
    if (!devInboxEnabled(this.config) || !ID.test(id)) return undefined;
    const file = join(outboxDir(this.config), `${id}.eml`);
    return existsSync(file) ? file : undefined;
  }

  private entries(): DevInboxEntry[] {
    const index = join(outboxDir(this.config), 'index.jsonl');
    if (!existsSync(index)) return [];
    return readFileSync(index, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DevInboxEntry);
  }

  private disabled(): string {
    return page(
      'Dev inbox',
      '<h1>Dev inbox is off</h1><p>SMTP_URL is set, so mail goes to your SMTP server instead.</p>',
    );
  }
}
