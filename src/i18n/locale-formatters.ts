const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;
type DateStyle = (typeof DATE_STYLES)[number];

/** Intl formatters are expensive to build (~20 µs), so each locale keeps its own. */
export class LocaleFormatters {
  private readonly dates = new Map<string, Intl.DateTimeFormat>();
  private readonly numbers = new Map<string, Intl.NumberFormat>();

  constructor(readonly locale: string) {}

  /** A calendar date (mail: no time zone is known for the reader, so UTC). */
  date(value: unknown, style: unknown): string {
    const date = toDate(value);
    if (!date) return '';
    const dateStyle: DateStyle = DATE_STYLES.includes(style as DateStyle) ? (style as DateStyle) : 'medium';
    return this.dateFormat(dateStyle, { dateStyle, timeZone: 'UTC' }).format(date);
  }

  /** A moment with its time, in the campaign's time zone, naming the zone. */
  dateTime(value: unknown, timeZone = 'UTC'): string {
    const date = toDate(value);
    if (!date) return '';
    try {
      return this.dateFormat(`dt:${timeZone}`, { dateStyle: 'long', timeStyle: 'long', timeZone }).format(date);
    } catch {
      return this.dateFormat('dt:UTC', { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }).format(date);
    }
  }

  number(value: unknown, maxFractionDigits?: unknown): string {
    const n = toNumber(value);
    if (n === undefined) return '';
    const digits =
      typeof maxFractionDigits === 'number' && maxFractionDigits >= 0 && maxFractionDigits <= 20
        ? maxFractionDigits
        : 2;
    return this.numberFormat(`n${digits}`, { maximumFractionDigits: digits }).format(n);
  }

  percent(value: unknown): string {
    const n = toNumber(value);
    return n === undefined
      ? ''
      : this.numberFormat('pct', { style: 'percent', maximumFractionDigits: 2 }).format(n / 100);
  }

  currency(value: unknown, currency: unknown): string {
    const n = toNumber(value);
    if (n === undefined) return '';
    const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : undefined;
    if (!code) return this.number(n);
    try {
      return this.numberFormat(`c${code}`, { style: 'currency', currency: code }).format(n);
    } catch {
      return `${this.number(n)} ${code}`;
    }
  }

  private dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    let format = this.dates.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, options);
      this.dates.set(key, format);
    }
    return format;
  }

  private numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    let format = this.numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, options);
      this.numbers.set(key, format);
    }
    return format;
  }
}

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
