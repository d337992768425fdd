import type { Translator } from '../i18n/translator';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Where the sender's logo and colour go; filled as the answer leaves (src/settings/branded-pages.ts). */
export const BRAND_SLOT = '<!--vm:brand-->';

export interface PageOptions {
  brandColor?: string;
  lang?: string;
}

/** A small, mobile-friendly server-rendered page shell for public and dev pages. */
export function page(title: string, body: string, options: PageOptions = {}): string {
  const color = /^#[0-9a-fA-F]{3,8}$/.test(options.brandColor ?? '') ? options.brandColor : '#4f46e5';
  return `<!doctype html><html lang="${escapeHtml(options.lang ?? 'en')}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>
:root{--brand:${color}}
body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7fb;color:#1f2937}
main{max-width:960px;margin:0 auto;padding:24px 16px}
h1{font-size:1.5rem;margin:.2em 0 .6em}
a{color:var(--brand)}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:8px;border-bottom:1px solid #e5e7eb;font-size:.95rem;vertical-align:top}
iframe{width:100%;height:70vh;border:1px solid #d1d5db;background:#fff}
pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e5e7eb;overflow:auto}
button,.button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:1rem;cursor:pointer;text-decoration:none;display:inline-block}
.card{background:#fff;border-radius:10px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.share button,.share .button{margin:0 8px 8px 0}
</style></head><body><main>${BRAND_SLOT}${body}</main></body></html>`;
}

/** A customer-facing page in the reader's language: `<html lang>` follows the translator. */
export function publicPage(t: Translator, title: string, cardHtml: string, after = ''): string {
  return page(title, `<div class="card">${cardHtml}</div>${after}`, { lang: t.locale });
}

/** A plain message page: thank-you, closed, out of stock... (`extra` is HTML). */
export function messagePage(t: Translator, title: string, paragraphs: string[], extra = ''): string {
  return publicPage(
    t,
    title,
    `<h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${extra}`,
  );
}

/** The friendly page for a forged, cut-off or unknown link. */
export function notFoundPage(t: Translator, hint?: 'typed'): string {
  return publicPage(
    t,
    t.t('page.notFound.title'),
    `<h1>${escapeHtml(t.t('page.notFound.heading'))}</h1><p>${escapeHtml(t.t('page.notFound.body'))}</p>${hint ? `<p>${escapeHtml(t.t('page.notFound.typed'))}</p>` : ''}`,
  );
}
