import { escapeHtml } from '../common/html-page';
import { LocaleFormatters } from './locale-formatters';
import { Language, languageOf } from './locale';
import { en, MessageKey } from './messages/en';
import { nl } from './messages/nl';

export type { MessageKey } from './messages/en';

export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, nl };

/** The base of a plural pair: "x" for the keys "x.one" and "x.other". */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

export type MessageParams = Record<string, string | number>;

// {{name}}, as in the web app's i18next texts: one placeholder style in the repository.
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The texts and formats of one locale: what every public page and mail uses. */
export class Translator {
  readonly language: Language;
  readonly format: LocaleFormatters;
  private readonly catalogue: Record<MessageKey, string>;
  private readonly plurals: Intl.PluralRules;

  constructor(readonly locale: string) {
    this.language = languageOf(locale);
    this.catalogue = CATALOGUES[this.language];
    this.format = new LocaleFormatters(locale);
    this.plurals = new Intl.PluralRules(locale);
  }

  /** Plain text; numbers among the params are formatted for the locale. */
  t(key: MessageKey, params: MessageParams = {}): string {
    return this.fill(this.catalogue[key], params);
  }

  /** "{count} point" / "{count} points" by the locale's plural rule. */
  plural(key: PluralKey, count: number, params: MessageParams = {}): string {
    return this.t(this.pluralKey(key, count), { ...params, count });
  }

  /** HTML: the message escaped, its params inserted as given (callers escape or mark them up). */
  html(key: MessageKey, params: Record<string, string> = {}): string {
    return this.fill(escapeHtml(this.catalogue[key]), params);
  }

  /** For templates, where keys are strings: a plural pair when the key has one and a count is given. Unknown keys throw. */
  message(key: string, params: MessageParams = {}): string {
    if (typeof params.count === 'number' && `${key}.other` in this.catalogue)
      return this.plural(key as PluralKey, params.count, params);
    if (!(key in this.catalogue)) throw new Error(`unknown message key "${key}"`);
    return this.t(key as MessageKey, params);
  }

  private pluralKey(key: PluralKey, count: number): MessageKey {
    const specific = `${key}.${this.plurals.select(count)}` as MessageKey;
    return specific in this.catalogue ? specific : (`${key}.other` as MessageKey);
  }

  private fill(text: string, params: MessageParams): string {
    return text.replace(PLACEHOLDER, (whole, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
      const value = params[name];
      return typeof value === 'number' ? this.format.number(value) : String(value);
    });
  }
}

const translators = new Map<string, Translator>();

/** One shared translator per locale tag (pass a tag from resolveLocale). */
export function translatorFor(locale: string): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    translator = new Translator(locale);
    if (translators.size < 200) translators.set(locale, translator);
  }
  return translator;
}
