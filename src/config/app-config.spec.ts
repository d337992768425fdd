import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const secret = 'x'.repeat(32);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, secret);
    expect(config.mode).toBe('all');
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('sqlite');
    expect(config.database.sqlitePath).toMatch(/var\/valuemail\.sqlite$/);
    expect(config.redisUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.defaultLocale).toBe('en');
    expect(config.mailFrom).toEqual({ name: 'valuemail', address: 'newsletter@valuemail.localhost' });
  });

  it('reads MAIL_FROM as a name and an address, the name optional', () => {
    expect(loadConfig({ MAIL_FROM: '"Green Leaf, Tea" <news@greenleaf.example>' }, secret).mailFrom).toEqual({
      name: 'Green Leaf, Tea',
      address: 'news@greenleaf.example',
    });
    expect(loadConfig({ MAIL_FROM: 'news@greenleaf.example' }, secret).mailFrom).toEqual({
      name: '',
      address: 'news@greenleaf.example',
    });
  });

  it('reads DEFAULT_LOCALE as a canonical tag of a language with texts', () => {
    expect(loadConfig({ DEFAULT_LOCALE: 'nl' }, secret).defaultLocale).toBe('nl');
    expect(loadConfig({ DEFAULT_LOCALE: 'nl-be' }, secret).defaultLocale).toBe('nl-BE');
  });

  it('selects PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/vm' }, secret);
    expect(config.database.kind).toBe('postgres');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number from 1 to 65535 \(got "abc"\)$/],
    [{ MODE: 'both' }, /^MODE must be one of api, worker, all \(got "both"\)$/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a URL starting with postgres:\/\//],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a URL starting with redis:\/\//],
    [{ LOG_FORMAT: 'xml' }, /^LOG_FORMAT must be one of text, json/],
    [{ SMTP_TRANSPORTS: 'bulk:smtp://x' }, /^SMTP_TRANSPORTS must be name=smtp:\/\/\.\.\. pairs/],
    [{ SMTP_TRANSPORTS: 'bulk=http://x' }, /^SMTP_TRANSPORTS \(bulk\) must be a URL starting with smtp:\/\//],
    [
      { DEFAULT_LOCALE: 'de' },
      /^DEFAULT_LOCALE must be en or nl, optionally with a region such as nl-BE \(got "de"\)$/,
    ],
    [{ MAIL_FROM: 'UX Coffee' }, /^MAIL_FROM must be one address, optionally with a name/],
    [{ MAIL_FROM: 'a@x.example, b@x.example' }, /^MAIL_FROM must be one address/],
    [{ LINK_SECRETS: 'short' }, /^LINK_SECRETS must be comma-separated secrets of at least 32 characters/],
  ])('rejects %j with one clear line', (env, message) => {
    expect(() => loadConfig(env, secret)).toThrow(ConfigError);
    expect(() => loadConfig(env, secret)).toThrow(message);
  });

  it('keeps older link secrets for rotation, the first one signing', () => {
    const config = loadConfig({ LINK_SECRETS: `${'a'.repeat(32)},${'b'.repeat(40)}` });
    expect(config.linkSecrets).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
  });
});

describe('tracking settings', () => {
  const base = { LINK_SECRETS: 'a'.repeat(32) };

  it('defaults to truncated IPs, 1 s / 2 s machine windows, an 8 s link-burst window, a 10 s act settle, a 1 h click repeat and a 7-day attribution window', () => {
    expect(loadConfig(base).tracking).toEqual({
      ipMode: 'truncate',
      machineOpenWindowMs: 1000,
      machineClickWindowMs: 2000,
      linkBurstWindowMs: 8000,
      actSettleMs: 10_000,
      clickRepeatWindowMs: 3_600_000,
      drainBatchSize: 100,
      attributionWindowDays: 7,
    });
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      ...base,
      TRACKING_IP_MODE: 'hash',
      MACHINE_OPEN_WINDOW_SECONDS: '0.5',
      MACHINE_CLICK_WINDOW_SECONDS: '3',
      ATTRIBUTION_WINDOW_DAYS: '30',
    });
    expect(config.tracking).toMatchObject({
      ipMode: 'hash',
      machineOpenWindowMs: 500,
      machineClickWindowMs: 3000,
      attributionWindowDays: 30,
    });
  });

  it.each([
    ['TRACKING_IP_MODE', 'full', /TRACKING_IP_MODE must be one of truncate, hash, none/],
    ['MACHINE_CLICK_WINDOW_SECONDS', '-1', /MACHINE_CLICK_WINDOW_SECONDS must be a number of seconds/],
    ['ATTRIBUTION_WINDOW_DAYS', '0', /ATTRIBUTION_WINDOW_DAYS must be a whole number from 1/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
  });
});

describe('score settings', () => {
  const base = { LINK_SECRETS: 'a'.repeat(32) };

  it('defaults to a 90-day value half-life, 30 days for engagement and interests, LTV as observed revenue in EUR', () => {
    expect(loadConfig(base).scores).toEqual({
      halfLifeDays: 90,
      engagementHalfLifeDays: 30,
      interestHalfLifeDays: 30,
      ltvMargin: 1,
      ltvMonths: 0,
      ltvCurrency: 'EUR',
    });
    expect(loadConfig(base).ltvModel).toEqual({ horizonMonths: 36, minCustomers: 30 });
    expect(loadConfig({ ...base, LTV_HORIZON_MONTHS: '24', LTV_FIT_MIN_CUSTOMERS: '100' }).ltvModel).toEqual({
      horizonMonths: 24,
      minCustomers: 100,
    });
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      ...base,
      SCORES_HALF_LIFE_DAYS: '60',
      SCORES_ENGAGEMENT_HALF_LIFE_DAYS: '14',
      SCORES_INTEREST_HALF_LIFE_DAYS: '45',
      LTV_MARGIN: '0.35',
      LTV_MONTHS: '24',
      LTV_CURRENCY: 'USD',
    });
    expect(config.scores).toEqual({
      halfLifeDays: 60,
      engagementHalfLifeDays: 14,
      interestHalfLifeDays: 45,
      ltvMargin: 0.35,
      ltvMonths: 24,
      ltvCurrency: 'USD',
    });
  });

  it.each([
    ['SCORES_HALF_LIFE_DAYS', '0', /SCORES_HALF_LIFE_DAYS must be a whole number from 1 to 3650 \(got "0"\)/],
    ['LTV_MARGIN', '35%', /LTV_MARGIN must be a fraction from 0 to 1/],
    ['LTV_MONTHS', '-3', /LTV_MONTHS must be a whole number from 0 to 1200/],
    ['LTV_CURRENCY', 'euro', /LTV_CURRENCY must be a three-letter ISO 4217 code/],
    ['LTV_HORIZON_MONTHS', '0', /LTV_HORIZON_MONTHS must be a whole number from 1 to 1200/],
    ['LTV_FIT_MIN_CUSTOMERS', '2', /LTV_FIT_MIN_CUSTOMERS must be a whole number from 5 to 1000000/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
  });
});

describe('webhook settings', () => {
  const base = { LINK_SECRETS: 'a'.repeat(32) };

  it('refuses private targets by default, times out after 10 s and makes 8 attempts from 10 s', () => {
    expect(loadConfig(base).webhooks).toEqual({
      allowPrivate: false,
      allowedCidrs: [],
      timeoutMs: 10_000,
      maxAttempts: 8,
      retryBaseMs: 10_000,
      disableAfterFailures: 10,
      concurrency: 8,
    });
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      ...base,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_ALLOWED_CIDRS: '10.1.2.0/24, fd00::/8',
      WEBHOOKS_TIMEOUT_SECONDS: '2.5',
      WEBHOOKS_RETRY_BASE_SECONDS: '0.2',
    });
    expect(config.webhooks).toMatchObject({
      allowPrivate: true,
      allowedCidrs: ['10.1.2.0/24', 'fd00::/8'],
      timeoutMs: 2500,
      retryBaseMs: 200,
    });
  });

  it.each([
    ['WEBHOOKS_ALLOW_PRIVATE', 'maybe', /^WEBHOOKS_ALLOW_PRIVATE must be true or false \(got "maybe"\)$/],
    [
      'WEBHOOKS_ALLOWED_CIDRS',
      '10.0.0.0/8,intranet',
      /^WEBHOOKS_ALLOWED_CIDRS must be comma-separated IP ranges like 10\.1\.2\.0\/24 or fd00::\/8 \(got "intranet"\)$/,
    ],
    ['WEBHOOKS_ALLOWED_CIDRS', '10.0.0.0/40', /got "10\.0\.0\.0\/40"/],
    ['WEBHOOKS_MAX_ATTEMPTS', '0', /^WEBHOOKS_MAX_ATTEMPTS must be a whole number from 1 to 20/],
    ['WEBHOOKS_TIMEOUT_SECONDS', 'ten', /^WEBHOOKS_TIMEOUT_SECONDS must be a number of seconds/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
  });
});

describe('TRUST_PROXY', () => {
  const read = (value: string | undefined) => loadConfig({ TRUST_PROXY: value }, secret).trustProxy;

  it('trusts no proxy by default', () => {
    expect(read(undefined)).toBe(false);
    expect(read('false')).toBe(false);
    expect(read('0')).toBe(false);
  });

  it('reads a hop count or a list of proxy addresses and ranges', () => {
    expect(read('1')).toBe(1);
    expect(read('127.0.0.1, 10.0.0.0/8,fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(read('loopback')).toEqual(['loopback']);
  });

  it('refuses "true" and anything that is not an address', () => {
    expect(() => read('true')).toThrow(/TRUST_PROXY.*"true" is refused/);
    expect(() => read('10.0.0.0/33')).toThrow(ConfigError);
    expect(() => read('proxy.example')).toThrow(/TRUST_PROXY must be off/);
  });

  it('reads REDIS_TLS_CA_FILE as a PEM certificate and refuses anything else, naming the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vm-config-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
      expect(loadConfig({ REDIS_TLS_CA_FILE: join(dir, 'ca.pem') }, secret).redisTlsCa).toContain('BEGIN CERTIFICATE');
      expect(() => loadConfig({ REDIS_TLS_CA_FILE: join(dir, 'key.pem') }, secret)).toThrow(
        `REDIS_TLS_CA_FILE ${join(dir, 'key.pem')} is not a PEM certificate`,
      );
      expect(() => loadConfig({ REDIS_TLS_CA_FILE: join(dir, 'missing.pem') }, secret)).toThrow(
        'cannot be read (ENOENT)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
