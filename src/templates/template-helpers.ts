import type { HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import { escapeHtml } from '../common/html-page';
import type { LocaleFormatters } from '../i18n/locale-formatters';
import type { Translator } from '../i18n/translator';
import { ActionLink, publicLink } from '../links/public-paths';

/** The pages `link` may name: the engine's own and the kinds'. */
export type ActionLinks = ReadonlyMap<string, ActionLink>;

// The placeholder the recipient stage fills with the one token of the message.
export const TOKEN_PLACEHOLDER = '{{{_token}}}';

/** Helpers a marketer's template may call; anything else is refused at compile time. */
export const RECIPIENT_HELPERS = ['formatDate', 'formatNumber', 'formatCurrency', 'default', 'uppercase', 'lowercase', 'link'] as const;
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

// Handlebars passes its options object last; helpers take optional arguments.
function argsOf(raw: unknown[]): unknown[] {
  return raw.slice(0, -1);
}

function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

type HelperFn = (...args: unknown[]) => unknown;

/** The formatting helpers both stages share. */
function formattingHelpers(formatters: LocaleFormatters): Record<string, HelperFn> {
  return {
    formatDate: (...raw) => {
      const [value, style] = argsOf(raw);
      return formatters.date(value, style);
    },
    formatNumber: (...raw) => {
      const [value, digits] = argsOf(raw);
      return formatters.number(value, digits);
    },
    formatCurrency: (...raw) => {
      const [value, currency] = argsOf(raw);
      return formatters.currency(value, currency);
    },
    default: (...raw) => {
      const [value, fallback] = argsOf(raw);
      return value === null || value === undefined || value === '' ? str(fallback) : value;
    },
    uppercase: (...raw) => str(argsOf(raw)[0]).toLocaleUpperCase(formatters.locale),
    lowercase: (...raw) => str(argsOf(raw)[0]).toLocaleLowerCase(formatters.locale),
  };
}

function linkArguments(links: ActionLinks, raw: unknown[]): { path: string; segment?: string } | undefined {
  const [name, segment] = argsOf(raw);
  const link = typeof name === 'string' ? links.get(name) : undefined;
  if (!link) return undefined;
  if (link.segment && (segment === undefined || segment === null || segment === '')) return undefined;
  return { path: link.path, segment: link.segment ? str(segment) : undefined };
}

/**
 * The sandboxed environment of the recipient stage: its own Handlebars, only
 * whitelisted helpers, prototype access off (the default), and a missing
 * helper renders nothing instead of throwing mid-send.
 */
export function createRecipientEnvironment(formatters: LocaleFormatters, publicUrl: string, links: ActionLinks): typeof Handlebars {
  const env = Handlebars.create();
  // `log` and anything else Handlebars ships go; blockHelperMissing drives {{#section}} blocks.
  for (const name of Object.keys(env.helpers)) {
    if (!(BUILT_IN_HELPERS as readonly string[]).includes(name) && name !== 'blockHelperMissing') env.unregisterHelper(name);
  }
  env.registerHelper(formattingHelpers(formatters));
  env.registerHelper('link', (...raw: unknown[]) => {
    const options = raw[raw.length - 1] as HelperOptions;
    const token = (options.data as { root?: { _token?: unknown } } | undefined)?.root?._token;
    const link = linkArguments(links, raw);
    if (!link || typeof token !== 'string') return '';
    return publicLink(publicUrl, link.path, token, link.segment);
  });
  env.registerHelper('helperMissing', () => '');
  return env;
}

/**
 * The campaign stage (our own template files only): the same formatting, plus
 * `link` writing the token placeholder, `t` for the fixed texts of the
 * campaign's language, and small view helpers.
 */
export function createCampaignEnvironment(translator: Translator, publicUrl: string, partials: Record<string, string>, links: ActionLinks): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper(formattingHelpers(translator.format));
  // {{t "mail.poll.closesOn" date=(formatDate content.closesAt "long")}}; a `count` picks the plural form.
  env.registerHelper('t', (...raw: unknown[]) => {
    const options = raw[raw.length - 1] as HelperOptions;
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(options.hash ?? {})) params[name] = typeof value === 'number' ? value : str(value);
    return translator.message(str(argsOf(raw)[0]), params);
  });
  env.registerHelper('link', (...raw: unknown[]) => {
    const link = linkArguments(links, raw);
    if (!link) {
      const names = [...links].map(([name, l]) => (l.segment ? `${name} (with a value)` : name));
      throw new Error(`link needs one of ${names.join(', ')}`);
    }
    return new env.SafeString(publicLink(publicUrl, link.path, TOKEN_PLACEHOLDER, link.segment));
  });
  env.registerHelper('multiline', (...raw: unknown[]) => new env.SafeString(escapeHtml(str(argsOf(raw)[0])).replace(/\r?\n/g, '<br />')));
  env.registerHelper('concat', (...raw: unknown[]) => argsOf(raw).map(str).join(''));
  env.registerHelper('eq', (...raw: unknown[]) => {
    const [a, b] = argsOf(raw);
    return a === b;
  });
  env.registerHelper('gt', (...raw: unknown[]) => {
    const [a, b] = argsOf(raw);
    return Number(a) > Number(b);
  });
  env.registerPartial(partials);
  return env;
}
