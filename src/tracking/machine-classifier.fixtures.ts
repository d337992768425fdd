import type { HitFacts, MachineReason, Verdict } from './machine-classifier';

const SENT = new Date('2026-11-20T09:00:00.000Z');
const later = (ms: number) => new Date(SENT.getTime() + ms);
const MINUTE = 60_000;

export const UA = {
  appleMail: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  iphoneMail:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  chrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  outlook: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
  gmailProxy: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  appleBare: 'Mozilla/5.0',
  barracuda: 'Mozilla/5.0 (compatible; Barracuda Sentinel (EE))',
  mimecast: 'Mimecast-URL-Protect/1.0',
  proofpoint: 'Mozilla/5.0 (compatible; Proofpoint URL Defense)',
  bingPreview: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b',
  goHttp: 'Go-http-client/1.1',
  pythonRequests: 'python-requests/2.31.0',
  curl: 'curl/8.5.0',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.0 Safari/537.36',
};

export interface ClassifierFixture {
  name: string;
  facts: HitFacts;
  expected: { machine: boolean; reason: MachineReason | null; via?: Verdict['via'] };
}

const open = (over: Partial<HitFacts>): HitFacts => ({
  kind: 'open',
  method: 'GET',
  ip: '203.0.113.7',
  ua: UA.chrome,
  at: later(30 * MINUTE),
  sentAt: SENT,
  ...over,
});
const click = (over: Partial<HitFacts>): HitFacts => ({
  ...open({}),
  kind: 'click',
  index: 0,
  otherClicks: [],
  ...over,
});
const human = { machine: false, reason: null };

// One fixture per rule, plus the near misses that must stay human.
export const CLASSIFIER_FIXTURES: ClassifierFixture[] = [
  { name: 'a person opening in Apple Mail half an hour later', facts: open({ ua: UA.appleMail }), expected: human },
  { name: 'a person opening in Outlook', facts: open({ ua: UA.outlook }), expected: human },
  { name: 'a person clicking in Chrome', facts: click({}), expected: human },
  {
    name: 'Gmail image proxy fetching for a reader',
    facts: open({ ua: UA.gmailProxy, ip: '66.249.84.1' }),
    expected: { ...human, via: 'gmail_image_proxy' },
  },
  {
    name: 'Gmail image proxy right after delivery (still timing-checked)',
    facts: open({ ua: UA.gmailProxy, at: later(300) }),
    expected: { machine: true, reason: 'too_soon_after_delivery', via: 'gmail_image_proxy' },
  },
  {
    name: 'Apple Mail Privacy Protection prefetch',
    facts: open({ ua: UA.appleBare, ip: '17.58.101.12' }),
    expected: { machine: true, reason: 'apple_privacy_proxy' },
  },
  {
    name: 'Apple MPP prefetch over IPv4-mapped IPv6',
    facts: open({ ua: UA.appleBare, ip: '::ffff:17.123.4.5' }),
    expected: { machine: true, reason: 'apple_privacy_proxy' },
  },
  {
    name: 'Apple MPP prefetch without a user agent',
    facts: open({ ua: '', ip: '17.1.2.3' }),
    expected: { machine: true, reason: 'apple_privacy_proxy' },
  },
  {
    name: 'a bare Mozilla/5.0 outside Apple space is not MPP',
    facts: open({ ua: UA.appleBare, ip: '203.0.113.7' }),
    expected: human,
  },
  {
    name: 'a detailed Apple Mail UA from 17/8 is a person at Apple',
    facts: open({ ua: UA.iphoneMail, ip: '17.58.101.12' }),
    expected: human,
  },
  {
    name: 'an open 300 ms after delivery',
    facts: open({ at: later(300) }),
    expected: { machine: true, reason: 'too_soon_after_delivery' },
  },
  { name: 'an open 1.5 s after delivery', facts: open({ at: later(1500) }), expected: human },
  {
    name: 'a click 1.5 s after delivery',
    facts: click({ at: later(1500) }),
    expected: { machine: true, reason: 'too_soon_after_delivery' },
  },
  {
    name: 'a hit before the send was even recorded',
    facts: open({ at: later(-200) }),
    expected: { machine: true, reason: 'too_soon_after_delivery' },
  },
  {
    name: 'no known send time (test send): timing not judged',
    facts: click({ sentAt: null, at: later(10) }),
    expected: human,
  },
  { name: 'a HEAD request', facts: click({ method: 'HEAD' }), expected: { machine: true, reason: 'head_request' } },
  {
    name: 'a HEAD request through the Gmail proxy',
    facts: open({ method: 'HEAD', ua: UA.gmailProxy }),
    expected: { machine: true, reason: 'head_request', via: 'gmail_image_proxy' },
  },
  {
    name: 'three links of one message within a second',
    facts: click({
      index: 2,
      otherClicks: [
        { index: 0, at: later(30 * MINUTE - 400) },
        { index: 1, at: later(30 * MINUTE - 200) },
      ],
    }),
    expected: { machine: true, reason: 'rapid_multi_link_click' },
  },
  {
    name: 'the first of a burst, seeing the later clicks in its batch',
    facts: click({ index: 0, otherClicks: [{ index: 1, at: later(30 * MINUTE + 150) }] }),
    expected: { machine: true, reason: 'rapid_multi_link_click' },
  },
  {
    name: 'the same link twice within a second (a double click)',
    facts: click({ index: 1, otherClicks: [{ index: 1, at: later(30 * MINUTE - 300) }] }),
    expected: human,
  },
  {
    name: 'two links a minute apart',
    facts: click({ index: 1, otherClicks: [{ index: 0, at: later(29 * MINUTE) }] }),
    expected: human,
  },
  ...(
    [
      'barracuda',
      'mimecast',
      'proofpoint',
      'bingPreview',
      'goHttp',
      'pythonRequests',
      'curl',
      'headlessChrome',
    ] as const
  ).map((name) => ({
    name: `scanner user agent: ${name}`,
    facts: click({ ua: UA[name] }),
    expected: { machine: true, reason: 'scanner_user_agent' as const },
  })),
];
