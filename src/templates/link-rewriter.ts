import { PUBLIC_PATHS } from '../links/public-paths';
import { TOKEN_PLACEHOLDER } from './template-helpers';

export interface RewrittenLinks {
  html: string;
  /** The original URLs, by link index. */
  links: string[];
}

const ANCHOR_HREF = /(<a\b(?:[^>"']|"[^"]*"|'[^']*')*?\shref\s*=\s*)("([^"]*)"|'([^']*)')/gi;
const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(value: string): string {
  return value.replace(ENTITY, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return NAMED[lower] ?? whole;
  });
}

function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rewrites every web link of the compiled HTML to `{base}/r/{token}/{index}`
 * and returns the originals: the redirect only ever goes to a URL in that
 * list, so it cannot be used as an open redirect. Our own public links
 * (poll answers, unsubscribe...) and recipient-stage expressions stay as they are;
 * the same URL twice gets one index.
 */
export function rewriteLinks(html: string, publicUrl: string): RewrittenLinks {
  const links: string[] = [];
  const indexOf = new Map<string, number>();
  const ownPrefix = `${publicUrl}/`;
  const rewritten = html.replace(ANCHOR_HREF, (whole, start: string, _quoted: string, double?: string, single?: string) => {
    const raw = (double ?? single ?? '').trim();
    if (raw.includes('{{')) return whole;
    if (raw.startsWith(ownPrefix) && raw.includes(TOKEN_PLACEHOLDER)) return whole;
    const url = decodeEntities(raw);
    if (!isWebUrl(url)) return whole;
    let index = indexOf.get(url);
    if (index === undefined) {
      index = links.push(url) - 1;
      indexOf.set(url, index);
    }
    return `${start}"${publicUrl}/${PUBLIC_PATHS.redirect}/${TOKEN_PLACEHOLDER}/${index}"`;
  });
  return { html: rewritten, links };
}

const MUSTACHE = /\{\{\{?[^{}]*\}?\}\}/g;

/**
 * Expressions for the recipient stage may have passed through HTML escaping
 * in the campaign stage (a marketer's `{{default subscriber.name "friend"}}`
 * inside a content field); inside a mustache they are code, so decode them.
 */
export function unescapeMustaches(html: string): string {
  return html.replace(MUSTACHE, (m) => (m.includes('&') ? decodeEntities(m) : m));
}
