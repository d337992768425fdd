import type { FastifyReply } from 'fastify';
import { escapeHtml, messagePage, notFoundPage, publicPage } from '../../common/html-page';
import type { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';

export { escapeHtml, messagePage, notFoundPage };

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'textarea' | 'hidden';
  value?: string;
  required?: boolean;
}

export function formHtml(action: string, button: string, fields: FormField[] = []): string {
  const inputs = fields
    .map((f) => {
      const value = escapeHtml(f.value ?? '');
      const required = f.required ? ' required' : '';
      if (f.type === 'hidden') return `<input type="hidden" name="${escapeHtml(f.name)}" value="${value}">`;
      const control =
        f.type === 'textarea'
          ? `<textarea name="${escapeHtml(f.name)}" rows="4" style="width:100%;box-sizing:border-box"${required}>${value}</textarea>`
          : `<input type="${f.type ?? 'text'}" name="${escapeHtml(f.name)}" value="${value}" style="width:100%;box-sizing:border-box;padding:8px"${required}>`;
      return `<p><label>${escapeHtml(f.label)}<br>${control}</label></p>`;
    })
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">${escapeHtml(button)}</button></form>`;
}

function heading(title: string, paragraphs: string[]): string {
  return `<h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}`;
}

export function formPage(t: Translator, title: string, paragraphs: string[], form: string): string {
  return publicPage(t, title, heading(title, paragraphs) + form);
}

export function sendHtml(reply: FastifyReply, status: number, html: string): void {
  void reply
    .status(status)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store, private',
      'referrer-policy': 'no-referrer',
    })
    .send(html);
}

/** The friendly 404 for a link that leads nowhere: nothing is known but the browser's language. */
export function sendNotFound(reply: FastifyReply, locales: LocaleResolver): void {
  sendHtml(reply, 404, notFoundPage(locales.forRequest(reply.request)));
}

/** A form field from an urlencoded or JSON body, trimmed and capped. */
export function field(body: unknown, name: string, max = 2000): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}
