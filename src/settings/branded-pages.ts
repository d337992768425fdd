import type { FastifyInstance } from 'fastify';
import { BRAND_SLOT, escapeHtml } from '../common/html-page';
import { EffectiveSettings } from './effective-settings';

/**
 * Public pages (contest, poll, gift, unsubscribe, confirmation, …) wear the sender's brand: its logo or
 * name above the card and its colour on buttons and links. The pages leave a slot; this fills it as the
 * answer leaves, so no page needs to fetch the brand itself, and a brand change shows on the next page.
 */
export function registerBrandedPages(fastify: FastifyInstance, settings: EffectiveSettings): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    // Every answer passes here (pixel, redirects, API JSON): only HTML pages are looked into.
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      return payload;
    if (!payload.includes(BRAND_SLOT)) return payload;
    const brand = await settings.brand();
    const mark = brand.logoUrl
      ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" style="max-height:48px;max-width:240px">`
      : `<strong style="font-size:1.15rem;color:var(--brand)">${escapeHtml(brand.name)}</strong>`;
    const header = `<style>:root{--brand:${brand.color}}</style><header style="margin:0 0 16px">${mark}</header>`;
    reply.removeHeader('content-length');
    return payload.replace(BRAND_SLOT, header);
  });
}
