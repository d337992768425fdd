/**
 * Every environment variable the engine reads: its default, what it accepts and what it means.
 * loadConfig (app-config.ts) takes defaults and ranges from here, and docs/configuration.md is
 * generated from it (npm run docs:config), so the three cannot drift apart.
 */
interface Described {
  group: string;
  /** Markdown: what it does, for an operator. */
  meaning: string;
}

export type VariableSpec = Described &
  (
    | { type: 'integer'; default: number; min: number; max: number }
    | { type: 'seconds'; default: number; max: number }
    | { type: 'fraction'; default: number }
    | { type: 'choice'; choices: readonly string[]; default: string }
    | { type: 'flag'; default: boolean }
    /** Parsed by its own rule in app-config.ts; `shownDefault` is what the reference prints. */
    | { type: 'text'; shownDefault: string; accepts: string }
  );

const PROCESSES = 'Processes and addresses';
const STORAGE = 'Database, Redis and files';
const SMTP = 'Sending';
const SECRETS = 'Secrets and retention';
const TRACKING = 'Tracking and attribution';
const SCORES = 'Value scores and LTV';
const WEBHOOKS = 'Outgoing webhooks';
const ABUSE = 'Public forms and proxies';
const LOGS = 'Language and logs';

export const ENVIRONMENT_VARIABLES = {
  MODE: {
    group: PROCESSES,
    type: 'choice',
    choices: ['api', 'worker', 'all'] as const,
    default: 'all',
    meaning: 'which roles this process runs; `all` = api and worker in one process',
  },
  HOST: {
    group: PROCESSES,
    type: 'text',
    shownDefault: '`0.0.0.0`',
    accepts: 'an address',
    meaning: 'address the api role listens on',
  },
  PORT: {
    group: PROCESSES,
    type: 'integer',
    default: 3000,
    min: 1,
    max: 65535,
    meaning: 'HTTP port of the api role',
  },
  WORKER_PORT: {
    group: PROCESSES,
    type: 'integer',
    default: 3001,
    min: 0,
    max: 65535,
    meaning: '`/health` of a worker-only process (0 = any free port)',
  },
  PUBLIC_URL: {
    group: PROCESSES,
    type: 'text',
    shownDefault: '`http://localhost:PORT`',
    accepts: '`http://` or `https://` URL',
    meaning: 'base of every link in mail and of the public pages',
  },
  TRUST_PROXY: {
    group: ABUSE,
    type: 'text',
    shownDefault: 'off',
    accepts: 'a hop count (0–10) or addresses/ranges such as `127.0.0.1,10.0.0.0/8`',
    meaning:
      'which proxies may name the client in `X-Forwarded-For`; `true` is refused because it lets any client choose its address (see [reverse proxy and abuse](reverse-proxy-and-abuse.md))',
  },
  DATA_DIR: {
    group: STORAGE,
    type: 'text',
    shownDefault: '`./var`',
    accepts: 'a directory',
    meaning: 'SQLite file, private Redis data, dev outbox, imports, generated secrets',
  },
  DATABASE_URL: {
    group: STORAGE,
    type: 'text',
    shownDefault: 'SQLite in `DATA_DIR`',
    accepts: '`sqlite:/path/file.sqlite` or `postgres://user:pass@host:5432/db`',
    meaning: 'the database',
  },
  REDIS_URL: {
    group: STORAGE,
    type: 'text',
    shownDefault: 'private `redis-server`',
    accepts: '`redis://` or `rediss://` URL (password in the URL)',
    meaning:
      'required for `MODE=api`/`worker`; without it `MODE=all` runs its own Redis (AOF on, `noeviction`, data in `DATA_DIR/redis`)',
  },
  REDIS_TLS_CA_FILE: {
    group: STORAGE,
    type: 'text',
    shownDefault: 'none',
    accepts: 'a PEM certificate file',
    meaning: "the private CA that signed a `rediss://` server's certificate",
  },
  QUEUE_PREFIX: {
    group: STORAGE,
    type: 'text',
    shownDefault: '`valuemail`',
    accepts: 'a key prefix',
    meaning: 'BullMQ key prefix in Redis',
  },
  SMTP_URL: {
    group: SMTP,
    type: 'text',
    shownDefault: 'dev inbox',
    accepts: '`smtp://user:pass@host:587` or `smtps://…`',
    meaning: 'the relay campaigns go through; unset = the built-in dev inbox',
  },
  SMTP_TRANSPORTS: {
    group: SMTP,
    type: 'text',
    shownDefault: 'none',
    accepts: '`bulk=smtp://…,transactional=smtps://…`',
    meaning: 'more named transports; a campaign picks one by `transport` (`default` = `SMTP_URL`)',
  },
  DEV_INBOX_PORT: {
    group: SMTP,
    type: 'integer',
    default: 2525,
    min: 0,
    max: 65535,
    meaning: 'SMTP port of the dev inbox',
  },
  SMTP_POOL_SIZE: {
    group: SMTP,
    type: 'integer',
    default: 5,
    min: 1,
    max: 100,
    meaning: 'pooled SMTP connections per process (at most this many messages in SMTP at once)',
  },
  SMTP_RATE_PER_SECOND: {
    group: SMTP,
    type: 'integer',
    default: 0,
    min: 0,
    max: 1_000_000,
    meaning: 'messages per second per transport, shared by all workers through Redis; 0 = no limit',
  },
  SMTP_RATE_PER_HOUR: {
    group: SMTP,
    type: 'integer',
    default: 0,
    min: 0,
    max: 1_000_000_000,
    meaning: 'messages per hour per transport, shared by all workers; 0 = no limit',
  },
  SMTP_PROBE_MAX_SECONDS: {
    group: SMTP,
    type: 'seconds',
    default: 20,
    max: 300,
    meaning:
      'while a transport is down (connection refused/reset/timeout, 421, 454) all workers wait and one probes it, backing off up to this; sending resumes at the first probe that connects',
  },
  SEND_BATCH_SIZE: {
    group: SMTP,
    type: 'integer',
    default: 100,
    min: 1,
    max: 5000,
    meaning: 'deliveries claimed per send job',
  },
  SEND_CONCURRENCY: {
    group: SMTP,
    type: 'integer',
    default: 4,
    min: 1,
    max: 256,
    meaning: 'send jobs in flight per worker process',
  },
  SEND_LEASE_MS: {
    group: SMTP,
    type: 'integer',
    default: 120_000,
    min: 1000,
    max: 3_600_000,
    meaning: 'how long a claimed row may stay `sending` before it is `uncertain`',
  },
  SEND_RETRY_BASE_MS: {
    group: SMTP,
    type: 'integer',
    default: 30_000,
    min: 10,
    max: 3_600_000,
    meaning:
      "first retry of a recipient's 4xx; each next one waits twice as long (a relay that is down costs no attempt)",
  },
  SEND_MAX_ATTEMPTS: {
    group: SMTP,
    type: 'integer',
    default: 6,
    min: 1,
    max: 50,
    meaning: 'attempts per recipient before the delivery fails',
  },
  SCHEDULER_TICK_MS: {
    group: SMTP,
    type: 'integer',
    default: 5000,
    min: 100,
    max: 600_000,
    meaning: 'scheduler tick: due campaigns, expired leases, stalled campaigns',
  },
  MAIL_FROM: {
    group: SMTP,
    type: 'text',
    shownDefault: '`valuemail <newsletter@valuemail.localhost>`',
    accepts: 'one address, optionally with a name',
    meaning:
      "default sender: a campaign without its own From address sends from this address (under the campaign's From name when it has one)",
  },
  MAIL_DOMAIN: {
    group: SMTP,
    type: 'text',
    shownDefault: 'host of `PUBLIC_URL`',
    accepts: 'a domain',
    meaning: 'domain of Message-IDs and the VERP return path',
  },
  DKIM_DOMAIN: {
    group: SMTP,
    type: 'text',
    shownDefault: 'off',
    accepts: 'a domain',
    meaning:
      "DKIM signing domain; set together with `DKIM_SELECTOR` and a key; a key set in the web app's settings wins",
  },
  DKIM_SELECTOR: {
    group: SMTP,
    type: 'text',
    shownDefault: 'off',
    accepts: 'a selector',
    meaning: 'DKIM selector',
  },
  DKIM_PRIVATE_KEY: {
    group: SMTP,
    type: 'text',
    shownDefault: 'off',
    accepts: 'a PEM private key (`\\n` for line breaks)',
    meaning: 'DKIM private key',
  },
  DKIM_PRIVATE_KEY_FILE: {
    group: SMTP,
    type: 'text',
    shownDefault: 'off',
    accepts: 'a PEM file',
    meaning: 'DKIM private key read from a file (instead of `DKIM_PRIVATE_KEY`)',
  },
  BOUNCE_SMTP_PORT: {
    group: SMTP,
    type: 'integer',
    default: 0,
    min: 0,
    max: 65535,
    meaning: 'inbound SMTP listener for DSNs and complaints; 0 = off',
  },
  AUTO_PAUSE_HARD_BOUNCE_RATE: {
    group: SMTP,
    type: 'fraction',
    default: 0.05,
    meaning: 'a campaign pauses itself when this share of its sent mail hard-bounces',
  },
  AUTO_PAUSE_COMPLAINT_RATE: {
    group: SMTP,
    type: 'fraction',
    default: 0.003,
    meaning: 'a campaign pauses itself when this share of its sent mail is reported as spam',
  },
  AUTO_PAUSE_MIN_SENT: {
    group: SMTP,
    type: 'integer',
    default: 200,
    min: 1,
    max: 10_000_000,
    meaning: 'messages sent before the auto-pause rates are judged',
  },
  LINK_SECRETS: {
    group: SECRETS,
    type: 'text',
    shownDefault: 'generated into `DATA_DIR/link-secret`',
    accepts: 'comma-separated keys of at least 32 characters',
    meaning: 'HMAC keys of the links in mail: the first signs, the others are still accepted (rotation)',
  },
  APP_SECRET: {
    group: SECRETS,
    type: 'text',
    shownDefault: 'generated into `DATA_DIR/app-secret`',
    accepts: 'a key of at least 32 characters',
    meaning:
      'encrypts the DKIM key and webhook secrets in the database (see [secrets and retention](secrets-and-retention.md))',
  },
  APP_SECRET_FILE: {
    group: SECRETS,
    type: 'text',
    shownDefault: 'none',
    accepts: 'a file holding the key',
    meaning: '`APP_SECRET` read from a file (not both)',
  },
  APP_SECRET_PREVIOUS: {
    group: SECRETS,
    type: 'text',
    shownDefault: 'none',
    accepts: 'comma-separated keys',
    meaning: 'older keys that still decrypt during a rotation (`npm run cli -- secrets:reencrypt`)',
  },
  RETAIN_WEBHOOK_DELIVERIES_DAYS: {
    group: SECRETS,
    type: 'integer',
    default: 30,
    min: 0,
    max: 36_500,
    meaning: 'finished webhook deliveries are pruned after this many days; 0 = keep',
  },
  RETAIN_IDEMPOTENCY_KEYS_DAYS: {
    group: SECRETS,
    type: 'integer',
    default: 30,
    min: 0,
    max: 36_500,
    meaning: 'stored idempotent answers are pruned after this many days; 0 = keep',
  },
  RETAIN_IMPORT_ERRORS_DAYS: {
    group: SECRETS,
    type: 'integer',
    default: 90,
    min: 0,
    max: 36_500,
    meaning: "imports' bad rows are pruned after this many days (the import and its counts stay); 0 = keep",
  },
  TRACKING_IP_MODE: {
    group: TRACKING,
    type: 'choice',
    choices: ['truncate', 'hash', 'none'] as const,
    default: 'truncate',
    meaning: 'IP kept with an event: truncated (/24 IPv4, /48 IPv6), HMAC-hashed with the first link secret, or none',
  },
  MACHINE_OPEN_WINDOW_SECONDS: {
    group: TRACKING,
    type: 'seconds',
    default: 1,
    max: 3600,
    meaning: 'an open this soon after sending is a machine (scanner, prefetch)',
  },
  MACHINE_CLICK_WINDOW_SECONDS: {
    group: TRACKING,
    type: 'seconds',
    default: 2,
    max: 3600,
    meaning: 'a click this soon after sending is a machine',
  },
  LINK_BURST_WINDOW_SECONDS: {
    group: TRACKING,
    type: 'seconds',
    default: 8,
    max: 300,
    meaning:
      '3+ different links of one message followed within this window (or 2 within 2 s) are a scanner (see [value truth](value-truth.md))',
  },
  ACT_SETTLE_SECONDS: {
    group: TRACKING,
    type: 'seconds',
    default: 10,
    max: 3600,
    meaning:
      'a one-click act (answer, trial, bonus, request) counts this long after the click, once the scanner rules have seen the message (never less than the burst window)',
  },
  CLICK_REPEAT_WINDOW_SECONDS: {
    group: TRACKING,
    type: 'seconds',
    default: 3600,
    max: 30 * 86_400,
    meaning: 'the same link of one message clicked again within this window counts once',
  },
  TRACKING_DRAIN_BATCH_SIZE: {
    group: TRACKING,
    type: 'integer',
    default: 100,
    min: 1,
    max: 10_000,
    meaning:
      'hits per database transaction of the tracking drain (small: on SQLite a transaction blocks its process, which in `MODE=all` also answers the pixel)',
  },
  ATTRIBUTION_WINDOW_DAYS: {
    group: TRACKING,
    type: 'integer',
    default: 7,
    min: 1,
    max: 3650,
    meaning: 'conversions and purchases are credited to the last campaign acted on within this many days',
  },
  SCORES_HALF_LIFE_DAYS: {
    group: SCORES,
    type: 'integer',
    default: 90,
    min: 1,
    max: 3650,
    meaning: 'half-life of the four value dimensions',
  },
  SCORES_ENGAGEMENT_HALF_LIFE_DAYS: {
    group: SCORES,
    type: 'integer',
    default: 30,
    min: 1,
    max: 3650,
    meaning: 'half-life of engagement (human opens and clicks)',
  },
  SCORES_INTEREST_HALF_LIFE_DAYS: {
    group: SCORES,
    type: 'integer',
    default: 30,
    min: 1,
    max: 3650,
    meaning: 'half-life of topic interests',
  },
  LTV_MARGIN: {
    group: SCORES,
    type: 'fraction',
    default: 1,
    meaning: 'P of LTV: the margin as a fraction (e.g. `0.35`); 1 = LTV in revenue',
  },
  LTV_MONTHS: {
    group: SCORES,
    type: 'integer',
    default: 0,
    min: 0,
    max: 1200,
    meaning:
      't of LTV in months, an explicit override; 0 = predicted by the model (the stored LTV is then the value already earned)',
  },
  LTV_HORIZON_MONTHS: {
    group: SCORES,
    type: 'integer',
    default: 36,
    min: 1,
    max: 1200,
    meaning: 'how far ahead the predicted LTV looks (t never exceeds it)',
  },
  LTV_FIT_MIN_CUSTOMERS: {
    group: SCORES,
    type: 'integer',
    default: 30,
    min: 5,
    max: 1_000_000,
    meaning:
      'customers with orders needed before the model is fitted to this shop; fewer use the published CDNOW parameters (see [LTV](ltv.md))',
  },
  LTV_CURRENCY: {
    group: SCORES,
    type: 'text',
    shownDefault: '`EUR`',
    accepts: 'an ISO 4217 code',
    meaning: 'orders in this currency make LTV; others are shown in explain, not counted',
  },
  WEBHOOKS_ALLOW_PRIVATE: {
    group: WEBHOOKS,
    type: 'flag',
    default: false,
    meaning: '`true` lets webhooks call loopback, private and link-local addresses (SSRF protection off)',
  },
  WEBHOOKS_ALLOWED_CIDRS: {
    group: WEBHOOKS,
    type: 'text',
    shownDefault: 'none',
    accepts: 'comma-separated ranges, e.g. `10.1.2.0/24,fd00::/8`',
    meaning: 'private ranges webhooks may call anyway',
  },
  WEBHOOKS_TIMEOUT_SECONDS: {
    group: WEBHOOKS,
    type: 'seconds',
    default: 10,
    max: 120,
    meaning: 'per request: connect, answer and body',
  },
  WEBHOOKS_MAX_ATTEMPTS: {
    group: WEBHOOKS,
    type: 'integer',
    default: 8,
    min: 1,
    max: 20,
    meaning: 'attempts per delivery before it fails',
  },
  WEBHOOKS_RETRY_BASE_SECONDS: {
    group: WEBHOOKS,
    type: 'seconds',
    default: 10,
    max: 3600,
    meaning: 'the first retry waits about this long, each next one four times longer (50–100% jitter, at most 12 h)',
  },
  WEBHOOKS_DISABLE_AFTER_FAILURES: {
    group: WEBHOOKS,
    type: 'integer',
    default: 10,
    min: 1,
    max: 10_000,
    meaning: 'an endpoint is disabled after this many deliveries in a row failed for good',
  },
  WEBHOOKS_CONCURRENCY: {
    group: WEBHOOKS,
    type: 'integer',
    default: 8,
    min: 1,
    max: 256,
    meaning: 'webhook requests in flight per worker process',
  },
  SUBSCRIBE_CONFIRM_INTERVAL_HOURS: {
    group: ABUSE,
    type: 'integer',
    default: 24,
    min: 1,
    max: 24 * 365,
    meaning: 'the public forms send at most one confirmation mail per address within this many hours',
  },
  SUBSCRIBE_CONFIRM_HOURLY_CAP: {
    group: ABUSE,
    type: 'integer',
    default: 500,
    min: 0,
    max: 1_000_000,
    meaning:
      'confirmation mails the public forms may cause per hour, all lists together; more shows a dashboard warning',
  },
  SUBSCRIBE_PROOF_OF_WORK_BITS: {
    group: ABUSE,
    type: 'integer',
    default: 0,
    min: 0,
    max: 28,
    meaning: 'the subscribe form asks the browser for a SHA-256 proof of work of this many bits (e.g. 16); 0 = off',
  },
  DEFAULT_LOCALE: {
    group: LOGS,
    type: 'text',
    shownDefault: '`en`',
    accepts: '`en` or `nl`, optionally with a region such as `nl-BE`',
    meaning:
      'language of mail and public pages when nothing more specific is known; also of new campaigns and subscribers created without one',
  },
  DEMO_ADMIN_EMAIL: {
    group: LOGS,
    type: 'text',
    shownDefault: '`admin@valuemail.local`',
    accepts: 'an address',
    meaning: 'the first web app admin `npm run demo` creates',
  },
  LOG_FORMAT: {
    group: LOGS,
    type: 'choice',
    choices: ['text', 'json'] as const,
    default: 'text',
    meaning: '`json` for structured logs',
  },
  LOG_LEVEL: {
    group: LOGS,
    type: 'choice',
    choices: ['error', 'warn', 'log', 'debug', 'verbose'] as const,
    default: 'log',
    meaning: 'the least severe level written',
  },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof ENVIRONMENT_VARIABLES;

type Catalogue = typeof ENVIRONMENT_VARIABLES;
export type NameOf<T extends VariableSpec['type']> = {
  [N in VariableName]: Catalogue[N]['type'] extends T ? N : never;
}[VariableName];
export type ChoiceOf<N extends NameOf<'choice'>> = Catalogue[N] extends { choices: readonly (infer C)[] } ? C : never;

export function specOf<T extends VariableSpec['type']>(name: NameOf<T>): Extract<VariableSpec, { type: T }> {
  return ENVIRONMENT_VARIABLES[name] as unknown as Extract<VariableSpec, { type: T }>;
}
