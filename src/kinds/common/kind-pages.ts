import type { FastifyReply } from 'fastify';
import { escapeHtml, page } from '../../common/html-page';

export { escapeHtml };

const card = (inner: string): string => `<div class="card">${inner}</div>`;

export const NOT_FOUND_PAGE = page(
  'Link not found',
  card('<h1>This link does not work</h1><p>The link may have been copied incompletely, or it belongs to an email that no longer exists.</p>'),
);

/** A plain message page: thank-you, closed, out of stock... */
export function messagePage(title: string, paragraphs: string[], extra = ''): string {
  return page(title, card(`<h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${extra}`));
}

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'textarea' | 'hidden';
  value?: string;
  required?: boolean;
}

export function formHtml(action: string, button: string, fields: FormField[] = []): string {
  const inputs = fields.map((f) => {
    const value = escapeHtml(f.value ?? '');
    const required = f.required ? ' required' : '';
    if (f.type === 'hidden') return `<input type="hidden" name="${escapeHtml(f.name)}" value="${value}">`;
    const control = f.type === 'textarea'
      ? `<textarea name="${escapeHtml(f.name)}" rows="4" style="width:100%;box-sizing:border-box"${required}>${value}</textarea>`
      : `<input type="${f.type ?? 'text'}" name="${escapeHtml(f.name)}" value="${value}" style="width:100%;box-sizing:border-box;padding:8px"${required}>`;
    return `<p><label>${escapeHtml(f.label)}<br>${control}</label></p>`;
  }).join('');
  return `<form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">${escapeHtml(button)}</button></form>`;
}

/**
 * The scanner-safe one-click page: a GET only shows the choice; a small script
 * posts it (link scanners fetch but do not run scripts), and the button does
 * the same for browsers without scripts.
 */
export function autoPostPage(title: string, paragraphs: string[], action: string, button: string): string {
  const body = card(`<h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${formHtml(action, button)}`);
  return page(title, `${body}<script>document.forms[0].submit()</script>`);
}

export function formPage(title: string, paragraphs: string[], form: string): string {
  return page(title, card(`<h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${form}`));
}

export function sendHtml(reply: FastifyReply, status: number, html: string): void {
  void reply.status(status).headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store, private', 'referrer-policy': 'no-referrer' }).send(html);
}

/** A form field from an urlencoded or JSON body, trimmed and capped. */
export function field(body: unknown, name: string, max = 2000): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}
