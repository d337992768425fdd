export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmSettings = Partial<Record<(typeof UTM_KEYS)[number], string>>;

/**
 * Adds utm_* parameters to a link. A parameter the link already carries wins:
 * the marketer who wrote it meant it. The fragment stays at the end.
 */
export function appendUtm(link: string, utm: UtmSettings | null | undefined): string {
  if (!utm) return link;
  const missing = UTM_KEYS.filter((k) => typeof utm[k] === 'string' && utm[k] !== '');
  if (missing.length === 0) return link;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link;
  }
  const additions = missing
    .filter((k) => !url.searchParams.has(`utm_${k}`))
    .map((k) => `utm_${k}=${encodeURIComponent(utm[k]!)}`);
  if (additions.length === 0) return link;
  // Appended as text rather than through searchParams so the existing query keeps its exact encoding.
  const hash = link.indexOf('#');
  const base = hash >= 0 ? link.slice(0, hash) : link;
  const fragment = hash >= 0 ? link.slice(hash) : '';
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${additions.join('&')}${fragment}`;
}
