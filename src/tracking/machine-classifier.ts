import { isIPv4 } from 'node:net';

export type MachineReason =
  | 'head_request'
  | 'scanner_user_agent'
  | 'apple_privacy_proxy'
  | 'too_soon_after_delivery'
  | 'rapid_multi_link_click'
  | 'link_burst';

export interface HitFacts {
  kind: 'open' | 'click';
  method: 'GET' | 'HEAD';
  /** The raw source IP: the classifier sees it before it is truncated or hashed. */
  ip: string;
  ua: string;
  at: Date;
  /** When the message was handed to SMTP; null when unknown (test send, deleted delivery). */
  sentAt: Date | null;
  /** Clicks only: the link index. */
  index?: number;
  /** Clicks only: other clicks of the same message (earlier or in the same batch). */
  otherClicks?: ReadonlyArray<{ index: number; at: Date }>;
}

export interface Verdict {
  machine: boolean;
  reason: MachineReason | null;
  /** A known human-serving image proxy fetched the pixel for the reader. */
  via?: 'gmail_image_proxy' | 'yahoo_image_proxy';
}

export interface ClassifierWindows {
  openWindowMs: number;
  clickWindowMs: number;
}

export const DEFAULT_WINDOWS: ClassifierWindows = { openWindowMs: 1000, clickWindowMs: 2000 };
const MULTI_LINK_WINDOW_MS = 1000;

// Proxies that fetch images only when a person opens the message.
const HUMAN_PROXIES: Array<[RegExp, NonNullable<Verdict['via']>]> = [
  [/GoogleImageProxy/i, 'gmail_image_proxy'],
  [/YahooMailProxy/i, 'yahoo_image_proxy'],
];

// Security gateways, link scanners, previewers and scripted HTTP clients.
const SCANNER_UA = new RegExp(
  [
    'barracuda',
    'mimecast',
    'proofpoint',
    'bingpreview',
    'safelinks',
    'microsoft defender',
    'messagelabs',
    'symantec',
    'forcepoint',
    'trendmicro',
    'trend micro',
    'sophos',
    'fortiguard',
    'ironport',
    'zscaler',
    'cisco',
    'checkpoint',
    'avanan',
    'abnormal',
    'vade',
    'go-http-client',
    'python-requests',
    'python-urllib',
    'aiohttp',
    'httpx',
    '^curl/',
    '^wget/',
    'libwww-perl',
    '^java/',
    'okhttp',
    'apache-httpclient',
    'node-fetch',
    '^axios/',
    'undici',
    'scrapy',
    'headlesschrome',
    'phantomjs',
    'puppeteer',
    'playwright',
    'slackbot',
    'facebookexternalhit',
    'linkedinbot',
    'twitterbot',
    'whatsapp',
    'skypeuripreview',
    '\\bbot\\b',
    'crawler',
    'spider',
  ].join('|'),
  'i',
);

/** Apple's 17.0.0.0/8; Mail Privacy Protection prefetches from there with a bare "Mozilla/5.0". */
function isAppleAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return isIPv4(v4) && v4.startsWith('17.');
}

/**
 * Decides whether a hit was made by a person. Pure: everything it needs is in
 * the facts, so each rule has a fixture. Machine hits are stored flagged, never
 * dropped, and the first matching rule names the reason.
 */
export function classifyHit(facts: HitFacts, windows: ClassifierWindows = DEFAULT_WINDOWS): Verdict {
  const ua = facts.ua.trim();
  const proxy = HUMAN_PROXIES.find(([pattern]) => pattern.test(ua));
  const flag = (reason: MachineReason): Verdict => ({ machine: true, reason, ...(proxy ? { via: proxy[1] } : {}) });

  if (facts.method === 'HEAD') return flag('head_request');
  if (!proxy && SCANNER_UA.test(ua)) return flag('scanner_user_agent');
  if (isAppleAddress(facts.ip) && (ua === '' || ua === 'Mozilla/5.0')) return flag('apple_privacy_proxy');
  if (facts.sentAt) {
    const window = facts.kind === 'open' ? windows.openWindowMs : windows.clickWindowMs;
    if (facts.at.getTime() - facts.sentAt.getTime() < window) return flag('too_soon_after_delivery');
  }
  if (facts.kind === 'click' && facts.index !== undefined) {
    const at = facts.at.getTime();
    const burst = (facts.otherClicks ?? []).some(
      (o) => o.index !== facts.index && Math.abs(o.at.getTime() - at) <= MULTI_LINK_WINDOW_MS,
    );
    if (burst) return flag('rapid_multi_link_click');
  }
  return { machine: false, reason: null, ...(proxy ? { via: proxy[1] } : {}) };
}
