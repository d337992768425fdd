import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { supportedLocale } from '../i18n/locale';
import { parseCidr } from '../webhooks/ip-classification';
import { ChoiceOf, NameOf, specOf } from './environment-variables';

export type ProcessRole = 'api' | 'worker' | 'all';
export type DatabaseKind = 'sqlite' | 'postgres';

export interface AppConfig {
  mode: ProcessRole;
  host: string;
  port: number;
  /**
   * Which peers may tell us the client's address in X-Forwarded-For (TRUST_PROXY):
   * false = none (the socket's address counts), a hop count, or proxy addresses/CIDRs.
   */
  trustProxy: false | number | string[];
  workerPort: number;
  publicUrl: string;
  dataDir: string;
  database: { kind: DatabaseKind; url: string; sqlitePath: string };
  redisUrl: string | undefined;
  /** PEM of the CA that signed a rediss:// server's certificate (REDIS_TLS_CA_FILE), when it is not a public CA. */
  redisTlsCa: string | undefined;
  queuePrefix: string;
  smtpUrl: string | undefined;
  /** Extra named transports (SMTP_TRANSPORTS="bulk=smtp://...,transactional=smtps://..."); "default" is SMTP_URL. */
  smtpTransports: Record<string, string>;
  devInboxPort: number;
  /** The default sender (MAIL_FROM): what a campaign's empty From name or address falls back to. */
  mailFrom: { name: string; address: string };
  /** Language of mail and pages when nothing more specific is known (see src/i18n/locale.ts). */
  defaultLocale: string;
  /** The first web app admin the demo creates (DEMO_ADMIN_EMAIL). */
  demoAdminEmail: string;
  linkSecrets: string[];
  /**
   * Keys that encrypt secrets at rest (DKIM keys, webhook secrets): the first
   * encrypts, the others (APP_SECRET_PREVIOUS) only decrypt during a rotation.
   * Empty when none is configured: storing a secret is then refused.
   */
  appSecrets: string[];
  /** Where the first app secret came from; "generated" = kept in DATA_DIR/app-secret. */
  appSecretSource: 'APP_SECRET' | 'APP_SECRET_FILE' | 'generated' | 'none';
  /** How long operational records are kept before the scheduled pruning removes them, in days; 0 = forever. */
  retention: {
    webhookDeliveriesDays: number;
    idempotencyKeysDays: number;
    importErrorsDays: number;
  };
  logFormat: 'text' | 'json';
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  sendBatchSize: number;
  sendConcurrency: number;
  smtpPoolSize: number;
  sending: {
    leaseMs: number;
    retryBaseMs: number;
    maxAttempts: number;
    ratePerSecond: number;
    ratePerHour: number;
    schedulerTickMs: number;
    /** While an SMTP transport is down, probes back off up to this long: sending resumes at most this long after it answers again. */
    probeMaxMs: number;
    /** Domain of Message-IDs and the VERP return path. */
    mailDomain: string;
  };
  bounces: {
    /** Port of the inbound SMTP listener for DSNs and complaints; 0 = off. */
    smtpPort: number;
    hardBouncePauseRate: number;
    complaintPauseRate: number;
    /** Messages sent before the auto-pause rates are judged. */
    minSample: number;
  };
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  tracking: {
    /** How a hit's IP is stored: truncated to /24 (IPv4) or /48 (IPv6), HMAC-hashed, or not at all. */
    ipMode: 'truncate' | 'hash' | 'none';
    /** An open this soon after the message was sent is a machine (scanner, prefetch). */
    machineOpenWindowMs: number;
    machineClickWindowMs: number;
    /** Different links of one message followed within this window (3+, or 2 within 2 s) are a scanner. */
    linkBurstWindowMs: number;
    /** A one-click act (poll answer, trial, bonus, service request) counts this long after the click, once the scanner rules have seen the whole message. */
    actSettleMs: number;
    /** A click of the same link of one message again within this window counts once. */
    clickRepeatWindowMs: number;
    /** Hits written per database transaction by the worker-side drain. */
    drainBatchSize: number;
    /** Conversions and purchases are credited to the last campaign acted on within this many days. */
    attributionWindowDays: number;
  };
  webhooks: {
    /** Targets on loopback, private, link-local… networks are refused unless this is on (SSRF). */
    allowPrivate: boolean;
    /** Private ranges allowed anyway, e.g. an internal receiver at 10.1.2.0/24. */
    allowedCidrs: string[];
    timeoutMs: number;
    /** Attempts per delivery before it is failed. */
    maxAttempts: number;
    /** First retry waits about this long; each next one four times longer (with jitter). */
    retryBaseMs: number;
    /** An endpoint is disabled after this many deliveries in a row failed for good. */
    disableAfterFailures: number;
    concurrency: number;
  };
  scores: ScoreSettings;
  subscribeForm: {
    /** At most one confirmation mail per address within this period, whatever asks for it through the form. */
    confirmIntervalMs: number;
    /** Confirmation mails the public forms may cause per clock hour, all lists together; 0 = none. */
    confirmHourlyCap: number;
    /** Leading zero bits of SHA-256 the form's proof of work must find; 0 = no proof of work asked. */
    proofOfWorkBits: number;
  };
  /** The predictive LTV model: read at request time, never baked into stored profiles. */
  ltvModel: LtvModelSettings;
}

export interface LtvModelSettings {
  /** How far ahead the predicted LTV looks, in months (t is capped here). */
  horizonMonths: number;
  /** Customers with orders needed before the model is fitted to this shop; fewer use the published CDNOW parameters. */
  minCustomers: number;
}

/** The value model's settings: what a stored profile depends on besides the events (see src/scores). */
export interface ScoreSettings {
  /** Half-life of the four value dimensions, in days. */
  halfLifeDays: number;
  /** Half-life of engagement (opens and clicks), in days. */
  engagementHalfLifeDays: number;
  /** Half-life of topic interests (knowledge clicks), in days. */
  interestHalfLifeDays: number;
  /** P of LTV = S × C × P × t: the margin as a fraction of the order amount. */
  ltvMargin: number;
  /** t of LTV in months, an explicit override; 0 = t predicted by the BG/NBD model at read time (stored LTV: the observed margin). */
  ltvMonths: number;
  /** Orders in this currency make LTV; others are shown but not counted. */
  ltvCurrency: string;
}

/** Thrown for a bad environment value; its message is the one line printed at start. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function pick<N extends NameOf<'choice'>>(env: Env, name: N): ChoiceOf<N> {
  const { choices, default: fallback } = specOf<'choice'>(name);
  const value = env[name];
  if (value === undefined || value === '') return fallback as ChoiceOf<N>;
  if (!choices.includes(value)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')} (got "${value}")`);
  }
  return value as ChoiceOf<N>;
}

function integer(env: Env, name: NameOf<'integer'>): number {
  const { default: fallback, min, max } = specOf<'integer'>(name);
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function transports(env: Env): Record<string, string> {
  const raw = env.SMTP_TRANSPORTS;
  if (!raw) return {};
  const result: Record<string, string> = {};
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1).trim();
    if (eq <= 0 || !/^[a-z][a-z0-9_-]{0,63}$/.test(name) || name === 'default') {
      throw new ConfigError(
        `SMTP_TRANSPORTS must be name=smtp://... pairs separated by commas, names in lower case and not "default" (got "${entry}")`,
      );
    }
    result[name] = url({ [`SMTP_TRANSPORTS (${name})`]: value }, `SMTP_TRANSPORTS (${name})`, ['smtp://', 'smtps://'])!;
  }
  return result;
}

function mailbox(env: Env, name: string, fallback: string): AppConfig['mailFrom'] {
  const raw = env[name]?.trim() || fallback;
  const parsed = addressparser(raw, { flatten: true });
  if (parsed.length !== 1 || !/^[^\s@]+@[^\s@]+$/.test(parsed[0].address)) {
    throw new ConfigError(
      `${name} must be one address, optionally with a name, e.g. "Green Leaf Tea <news@greenleaf.example>" (got "${raw}")`,
    );
  }
  return { name: parsed[0].name.trim(), address: parsed[0].address };
}

function fraction(env: Env, name: NameOf<'fraction'>): number {
  const fallback = specOf<'fraction'>(name).default;
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw.trim()) || value < 0 || value > 1) {
    throw new ConfigError(`${name} must be a fraction from 0 to 1, e.g. 0.05 for 5% (got "${raw}")`);
  }
  return value;
}

function currency(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[A-Z]{3}$/.test(raw.trim()))
    throw new ConfigError(`${name} must be a three-letter ISO 4217 code such as EUR (got "${raw}")`);
  return raw.trim();
}

function seconds(env: Env, name: NameOf<'seconds'>): number {
  const { default: fallback, max } = specOf<'seconds'>(name);
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1000;
  const value = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw.trim()) || value > max) {
    throw new ConfigError(`${name} must be a number of seconds from 0 to ${max}, e.g. 1.5 (got "${raw}")`);
  }
  return Math.round(value * 1000);
}

function flag(env: Env, name: NameOf<'flag'>): boolean {
  const fallback = specOf<'flag'>(name).default;
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw.trim())) return true;
  if (/^(false|0|no)$/i.test(raw.trim())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function cidrList(env: Env, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!parseCidr(entry))
      throw new ConfigError(`${name} must be comma-separated IP ranges like 10.1.2.0/24 or fd00::/8 (got "${entry}")`);
  }
  return entries;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustProxy(env: Env): AppConfig['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || /^(false|no|off|0)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY as a hop count must be from 0 to 10 (got "${raw}")`);
    return hops;
  }
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!PROXY_NAMES.includes(entry) && !parseCidr(entry)) {
      throw new ConfigError(
        `TRUST_PROXY must be off, a number of proxy hops (e.g. 1) or comma-separated proxy addresses/ranges like 127.0.0.1,10.0.0.0/8 (got "${entry}"); "true" is refused because it lets any client choose its address`,
      );
    }
  }
  return entries;
}

function pemFile(env: Env, name: string): string | undefined {
  const path = env[name];
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new ConfigError(`${name} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new ConfigError(`${name} ${path} is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return text;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')} (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, '') + '://')) {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')} (got "${raw}")`);
  }
  return raw;
}

function dkim(env: Env): AppConfig['dkim'] {
  const domainName = env.DKIM_DOMAIN;
  const keySelector = env.DKIM_SELECTOR;
  let privateKey = env.DKIM_PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!privateKey && env.DKIM_PRIVATE_KEY_FILE) {
    try {
      privateKey = readFileSync(env.DKIM_PRIVATE_KEY_FILE, 'utf8');
    } catch {
      throw new ConfigError(`DKIM_PRIVATE_KEY_FILE must name a readable PEM file (got "${env.DKIM_PRIVATE_KEY_FILE}")`);
    }
  }
  if (!domainName && !keySelector && !privateKey) return undefined;
  if (!domainName || !keySelector || !privateKey) {
    throw new ConfigError(
      'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) must be set together',
    );
  }
  if (!privateKey.includes('PRIVATE KEY-----')) throw new ConfigError('DKIM_PRIVATE_KEY must be a PEM private key');
  return { domainName, keySelector, privateKey };
}

function database(env: Env, dataDir: string): AppConfig['database'] {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') {
    const sqlitePath = resolve(dataDir, 'valuemail.sqlite');
    return { kind: 'sqlite', url: `sqlite:${sqlitePath}`, sqlitePath };
  }
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (!path) throw new ConfigError(`DATABASE_URL must name a file after sqlite: (got "${raw}")`);
    const sqlitePath = path === ':memory:' ? path : resolve(path);
    return { kind: 'sqlite', url: raw, sqlitePath };
  }
  const pg = url(env, 'DATABASE_URL', ['postgres://', 'postgresql://', 'sqlite:']);
  return { kind: 'postgres', url: pg!, sqlitePath: '' };
}

function defaultLocale(env: Env): string {
  const raw = env.DEFAULT_LOCALE;
  if (raw === undefined || raw === '') return 'en';
  const locale = supportedLocale(raw);
  if (!locale)
    throw new ConfigError(`DEFAULT_LOCALE must be en or nl, optionally with a region such as nl-BE (got "${raw}")`);
  return locale;
}

function linkSecrets(env: Env, fallback: string | undefined): string[] {
  const raw = env.LINK_SECRETS;
  if (raw === undefined || raw === '') {
    if (!fallback) {
      throw new ConfigError(
        'LINK_SECRETS must be set to one or more comma-separated secrets of at least 32 characters',
      );
    }
    return [fallback];
  }
  const secrets = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const short = secrets.find((s) => s.length < 32);
  if (secrets.length === 0 || short !== undefined) {
    throw new ConfigError(
      'LINK_SECRETS must be comma-separated secrets of at least 32 characters each (the first signs, the others are still accepted)',
    );
  }
  return secrets;
}

const MIN_APP_SECRET_LENGTH = 32;

function appSecrets(env: Env, generated: string | undefined): Pick<AppConfig, 'appSecrets' | 'appSecretSource'> {
  if (env.APP_SECRET && env.APP_SECRET_FILE) throw new ConfigError('set APP_SECRET or APP_SECRET_FILE, not both');
  let current: string | undefined;
  let source: AppConfig['appSecretSource'] = 'none';
  if (env.APP_SECRET) {
    [current, source] = [env.APP_SECRET.trim(), 'APP_SECRET'];
  } else if (env.APP_SECRET_FILE) {
    try {
      current = readFileSync(resolve(env.APP_SECRET_FILE), 'utf8').trim();
    } catch (error) {
      throw new ConfigError(
        `APP_SECRET_FILE ${env.APP_SECRET_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    source = 'APP_SECRET_FILE';
  } else if (generated) {
    [current, source] = [generated, 'generated'];
  }
  const previous = (env.APP_SECRET_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!current) {
    if (previous.length)
      throw new ConfigError(
        'APP_SECRET_PREVIOUS is set but APP_SECRET is not: the current key encrypts, the previous ones only decrypt',
      );
    return { appSecrets: [], appSecretSource: 'none' };
  }
  const short = [current, ...previous].some((s) => s.length < MIN_APP_SECRET_LENGTH);
  if (short)
    throw new ConfigError(
      `APP_SECRET and each APP_SECRET_PREVIOUS must be at least ${MIN_APP_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`,
    );
  return { appSecrets: [current, ...previous], appSecretSource: source };
}

/**
 * Reads and validates the environment once. `generatedSecret` is the persisted
 * dev secret used when LINK_SECRETS is not set, `generatedAppSecret` the one
 * used when neither APP_SECRET nor APP_SECRET_FILE is (see loadConfigFromProcess).
 */
export function loadConfig(env: Env, generatedSecret?: string, generatedAppSecret?: string): AppConfig {
  const dataDir = resolve(env.DATA_DIR || './var');
  const port = integer(env, 'PORT');
  const publicUrl = (url(env, 'PUBLIC_URL', ['http://', 'https://']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const logLevel = pick(env, 'LOG_LEVEL');
  const mode = pick(env, 'MODE');
  const redisUrl = url(env, 'REDIS_URL', ['redis://', 'rediss://']);
  if (mode !== 'all' && !redisUrl) {
    throw new ConfigError(
      `REDIS_URL must be set when MODE=${mode}: api and worker processes share one Redis (only MODE=all runs a private one)`,
    );
  }
  return {
    mode,
    host: env.HOST || '0.0.0.0',
    port,
    trustProxy: trustProxy(env),
    workerPort: integer(env, 'WORKER_PORT'),
    publicUrl,
    dataDir,
    database: database(env, dataDir),
    redisUrl,
    redisTlsCa: pemFile(env, 'REDIS_TLS_CA_FILE'),
    queuePrefix: env.QUEUE_PREFIX || 'valuemail',
    smtpUrl: url(env, 'SMTP_URL', ['smtp://', 'smtps://']),
    smtpTransports: transports(env),
    devInboxPort: integer(env, 'DEV_INBOX_PORT'),
    mailFrom: mailbox(env, 'MAIL_FROM', 'valuemail <newsletter@valuemail.localhost>'),
    defaultLocale: defaultLocale(env),
    demoAdminEmail: env.DEMO_ADMIN_EMAIL || 'admin@valuemail.local',
    linkSecrets: linkSecrets(env, generatedSecret),
    ...appSecrets(env, generatedAppSecret),
    retention: {
      webhookDeliveriesDays: integer(env, 'RETAIN_WEBHOOK_DELIVERIES_DAYS'),
      idempotencyKeysDays: integer(env, 'RETAIN_IDEMPOTENCY_KEYS_DAYS'),
      importErrorsDays: integer(env, 'RETAIN_IMPORT_ERRORS_DAYS'),
    },
    logFormat: pick(env, 'LOG_FORMAT'),
    logLevel,
    sendBatchSize: integer(env, 'SEND_BATCH_SIZE'),
    sendConcurrency: integer(env, 'SEND_CONCURRENCY'),
    smtpPoolSize: integer(env, 'SMTP_POOL_SIZE'),
    sending: {
      leaseMs: integer(env, 'SEND_LEASE_MS'),
      retryBaseMs: integer(env, 'SEND_RETRY_BASE_MS'),
      maxAttempts: integer(env, 'SEND_MAX_ATTEMPTS'),
      ratePerSecond: integer(env, 'SMTP_RATE_PER_SECOND'),
      ratePerHour: integer(env, 'SMTP_RATE_PER_HOUR'),
      schedulerTickMs: integer(env, 'SCHEDULER_TICK_MS'),
      probeMaxMs: Math.max(500, seconds(env, 'SMTP_PROBE_MAX_SECONDS')),
      mailDomain: env.MAIL_DOMAIN || new URL(publicUrl).hostname || 'valuemail.localhost',
    },
    dkim: dkim(env),
    bounces: {
      smtpPort: integer(env, 'BOUNCE_SMTP_PORT'),
      hardBouncePauseRate: fraction(env, 'AUTO_PAUSE_HARD_BOUNCE_RATE'),
      complaintPauseRate: fraction(env, 'AUTO_PAUSE_COMPLAINT_RATE'),
      minSample: integer(env, 'AUTO_PAUSE_MIN_SENT'),
    },
    tracking: {
      ipMode: pick(env, 'TRACKING_IP_MODE'),
      machineOpenWindowMs: seconds(env, 'MACHINE_OPEN_WINDOW_SECONDS'),
      machineClickWindowMs: seconds(env, 'MACHINE_CLICK_WINDOW_SECONDS'),
      linkBurstWindowMs: seconds(env, 'LINK_BURST_WINDOW_SECONDS'),
      actSettleMs: seconds(env, 'ACT_SETTLE_SECONDS'),
      clickRepeatWindowMs: seconds(env, 'CLICK_REPEAT_WINDOW_SECONDS'),
      drainBatchSize: integer(env, 'TRACKING_DRAIN_BATCH_SIZE'),
      attributionWindowDays: integer(env, 'ATTRIBUTION_WINDOW_DAYS'),
    },
    webhooks: {
      allowPrivate: flag(env, 'WEBHOOKS_ALLOW_PRIVATE'),
      allowedCidrs: cidrList(env, 'WEBHOOKS_ALLOWED_CIDRS'),
      timeoutMs: Math.max(100, seconds(env, 'WEBHOOKS_TIMEOUT_SECONDS')),
      maxAttempts: integer(env, 'WEBHOOKS_MAX_ATTEMPTS'),
      retryBaseMs: Math.max(10, seconds(env, 'WEBHOOKS_RETRY_BASE_SECONDS')),
      disableAfterFailures: integer(env, 'WEBHOOKS_DISABLE_AFTER_FAILURES'),
      concurrency: integer(env, 'WEBHOOKS_CONCURRENCY'),
    },
    subscribeForm: {
      confirmIntervalMs: integer(env, 'SUBSCRIBE_CONFIRM_INTERVAL_HOURS') * 3_600_000,
      confirmHourlyCap: integer(env, 'SUBSCRIBE_CONFIRM_HOURLY_CAP'),
      proofOfWorkBits: integer(env, 'SUBSCRIBE_PROOF_OF_WORK_BITS'),
    },
    scores: {
      halfLifeDays: integer(env, 'SCORES_HALF_LIFE_DAYS'),
      engagementHalfLifeDays: integer(env, 'SCORES_ENGAGEMENT_HALF_LIFE_DAYS'),
      interestHalfLifeDays: integer(env, 'SCORES_INTEREST_HALF_LIFE_DAYS'),
      ltvMargin: fraction(env, 'LTV_MARGIN'),
      ltvMonths: integer(env, 'LTV_MONTHS'),
      ltvCurrency: currency(env, 'LTV_CURRENCY', 'EUR'),
    },
    ltvModel: {
      horizonMonths: integer(env, 'LTV_HORIZON_MONTHS'),
      minCustomers: integer(env, 'LTV_FIT_MIN_CUSTOMERS'),
    },
  };
}

export function runsApi(config: AppConfig): boolean {
  return config.mode === 'api' || config.mode === 'all';
}

export function runsWorker(config: AppConfig): boolean {
  return config.mode === 'worker' || config.mode === 'all';
}
