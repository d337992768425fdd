/** Languages with a message catalogue (src/i18n/messages). */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const MAX_ACCEPT_LANGUAGE = 512;

/** The canonical tag ("nl-BE") when its language has a catalogue, else undefined. */
export function supportedLocale(tag: string | null | undefined): string | undefined {
  if (!tag || tag.length > 35) return undefined;
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'));
  } catch {
    return undefined;
  }
  if (!canonical) return undefined;
  const language = canonical.split('-')[0];
  if (!(LANGUAGES as readonly string[]).includes(language)) return undefined;
  // A region Intl does not know still gets its language's formats.
  return Intl.DateTimeFormat.supportedLocalesOf(canonical).length ? canonical : language;
}

export function languageOf(locale: string): Language {
  const language = locale.split('-')[0];
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en';
}

/** The supported tags of an Accept-Language header, best first (q-values honoured, q=0 means no). */
export function acceptedLocales(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges = header
    .slice(0, MAX_ACCEPT_LANGUAGE)
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1, index };
    });
  return ranges
    .filter((r) => r.q > 0 && r.tag && r.tag !== '*')
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((r) => supportedLocale(r.tag))
    .filter((tag): tag is string => tag !== undefined);
}

/** What a mail or page may know about its reader. */
export interface LocaleSources {
  /** The locale of the campaign the mail or page belongs to. */
  campaign?: string | null;
  /** The subscriber's own locale. */
  subscriber?: string | null;
  /** The browser's Accept-Language header (pages only). */
  acceptLanguage?: string | null;
}

/**
 * The one precedence, for mail and pages alike:
 * 1. a campaign, when the mail or page belongs to one, decides alone: its content is
 *    written in its language, and its mail (compiled once per campaign) cannot follow
 *    each recipient, so its pages must not either (unsupported → the default);
 * 2. otherwise the subscriber's locale (double opt-in mail and page),
 * 3. then the browser's Accept-Language (anonymous pages: forms, forged links),
 * 4. then the configured default (DEFAULT_LOCALE).
 */
export function resolveLocale(sources: LocaleSources, fallback: string): string {
  if (sources.campaign) return supportedLocale(sources.campaign) ?? fallback;
  for (const candidate of [sources.subscriber, ...acceptedLocales(sources.acceptLanguage)]) {
    const locale = supportedLocale(candidate);
    if (locale) return locale;
  }
  return fallback;
}

/** What a campaign's locale may be: a language with texts, optionally with a region ("nl", "nl-BE"). */
export const CAMPAIGN_LOCALE_PATTERN = new RegExp(`^(${LANGUAGES.join('|')})(-[A-Z]{2})?$`);
export const CAMPAIGN_LOCALE_MESSAGE = `locale must be ${LANGUAGES.join(' or ')}, optionally with a region such as nl-BE: the fixed texts of mails and pages exist in those languages`;
