import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { CONFIRM_PURPOSE } from '../src/audience/opt-in/confirmation-mail.service';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { LinkTokenService } from '../src/links/link-token.service';
import { KindRegistry } from '../src/kinds/kind-registry';
import { createAudience, waitUntil } from './support/fixtures';
import { failureClasses, newTally, runRequests, slowest, summary, TableDigest } from './support/fuzz/fuzz-runner';
import { FuzzRequest } from './support/fuzz/openapi-inputs';
import { malformedPublicRequests, PublicRoute } from './support/fuzz/public-inputs';
import { linksIn } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 17_2026);
const ONLY = new RegExp(process.env.FUZZ_ONLY ?? '');

const KINDS: Array<[string, unknown]> = [
  ['poll', sampleContent('poll')],
  ['gift', sampleContent('gift')],
  ['contest', sampleContent('contest')],
  [
    'discount',
    {
      offerType: 'trial',
      trialPlan: 'Pro',
      trialDays: 14,
      codeMode: 'shared',
      sharedCode: 'TRIALPRO',
      headline: 'Try Pro',
      body: 'Free for two weeks.',
    },
  ],
  ['loyalty', sampleContent('loyalty')],
  ['service', sampleContent('service')],
  ['knowledge', sampleContent('knowledge')],
];

describe('fuzz: every public route (pixel, redirect, kind pages, unsubscribe, subscribe, confirm, web app)', () => {
  let t: TestApp;
  const links = new Map<string, string>();
  let listId: number;
  let confirmToken: string;

  beforeAll(async () => {
    // The api role answers; a worker process sends the campaigns and is stopped before fuzzing,
    // so no background job changes tables while refused requests are checked.
    t = await startTestApp({ mode: 'api' });
    const worker = new WorkerProcess(t.env).start();
    try {
      const audience = await createAudience(t, 2);
      listId = audience.listId;
      for (const [kind, content] of KINDS) {
        const created = await t
          .api()
          .post('/api/campaigns')
          .send({
            kind,
            name: kind,
            subject: kind,
            fromEmail: 'news@shop.example',
            audience: { listIds: [listId] },
            content,
          })
          .expect(201);
        await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
        await waitUntil(
          () =>
            t
              .api()
              .get(`/api/campaigns/${created.body.id}/progress`)
              .then((r) => r.body.status),
          (s) => s === 'finished',
          60_000,
          `${kind} campaign to finish`,
        );
      }
      await waitUntil(
        async () => t.sink.to(audience.emails[0]).length,
        (n) => n === KINDS.length,
        30_000,
        'every mail',
      );
      for (const mail of t.sink.to(audience.emails[0])) {
        for (const path of linksIn(t, String(mail.parsed.html), '[a-z]')) {
          const prefix = path.split('/')[1];
          if (!links.has(prefix) || (prefix === 'p' && !links.get(prefix)!.endsWith('/10'))) links.set(prefix, path);
        }
      }
    } finally {
      await worker.stop('SIGTERM');
    }
    const double = (await t.api().post('/api/lists').send({ name: 'Double', optIn: 'double' }).expect(201)).body
      .id as number;
    const subscriber = (await t.api().post('/api/subscribers').send({ email: 'confirm-me@example.com' }).expect(201))
      .body.id as number;
    await t
      .api()
      .post(`/api/lists/${double}/members`)
      .send({ subscriberIds: [subscriber] })
      .expect(200);
    confirmToken = t.app.get(LinkTokenService).signPayload(CONFIRM_PURPOSE, [double, subscriber]);
  }, 180_000);
  afterAll(async () => t?.close());

  const part = (prefix: string, n: number) => links.get(prefix)!.split('/')[n];

  it(`answers ${RUNS} malformed inputs per public route with no 5xx, no stack trace and no changed rows when refused`, async () => {
    // Every link name a mail can carry has a route here (the open pixel is /o/{token}.gif).
    for (const prefix of t.app.get(KindRegistry).publicPaths()) expect([...links.keys(), 'o']).toContain(prefix);
    const token = (prefix: string) => part(prefix, 2);
    const routes: PublicRoute[] = [
      { method: 'GET', template: '/r/{token}/{index}', base: { token: token('r'), index: part('r', 3) } },
      { method: 'GET', template: '/v/{token}', base: { token: token('v') } },
      { method: 'GET', template: '/m/{token}', base: { token: token('m') } },
      { method: 'GET', template: '/u/{token}', base: { token: token('u') }, query: ['list'] },
      {
        method: 'POST',
        template: '/u/{token}',
        base: { token: token('u') },
        query: ['list'],
        fields: ['List-Unsubscribe', 'list', 'all'],
      },
      { method: 'GET', template: '/p/{token}/{value}', base: { token: token('p'), value: part('p', 3) } },
      { method: 'POST', template: '/p/{token}/{value}', base: { token: token('p'), value: part('p', 3) } },
      { method: 'POST', template: '/p/{token}/comment', base: { token: token('p') }, fields: ['comment'] },
      { method: 'GET', template: '/g/{token}', base: { token: token('g') } },
      { method: 'POST', template: '/g/{token}', base: { token: token('g') }, fields: ['address', 'note'] },
      { method: 'GET', template: '/c/{token}', base: { token: token('c') } },
      { method: 'POST', template: '/c/{token}', base: { token: token('c') } },
      { method: 'GET', template: '/c/ref/{code}', base: { code: 'ABCDEFGH' } },
      { method: 'POST', template: '/c/ref/{code}', base: { code: 'ABCDEFGH' }, fields: ['email', 'name'] },
      { method: 'GET', template: '/c/draw/{campaignId}', base: { campaignId: '3' } },
      { method: 'GET', template: '/t/{token}', base: { token: token('t') } },
      { method: 'POST', template: '/t/{token}', base: { token: token('t') } },
      { method: 'GET', template: '/l/{token}', base: { token: token('l') } },
      { method: 'POST', template: '/l/{token}', base: { token: token('l') }, fields: ['reward'] },
      { method: 'GET', template: '/s/{token}/{offer}', base: { token: token('s'), offer: part('s', 3) } },
      { method: 'POST', template: '/s/{token}/{offer}', base: { token: token('s'), offer: part('s', 3) } },
      {
        method: 'POST',
        template: '/s/{token}/{offer}/note',
        base: { token: token('s'), offer: part('s', 3) },
        fields: ['note'],
      },
      { method: 'GET', template: '/public/confirm/{token}', base: { token: confirmToken } },
      { method: 'POST', template: '/public/confirm/{token}', base: { token: confirmToken } },
      {
        method: 'POST',
        template: '/public/lists/{id}/subscribe',
        base: { id: String(listId) },
        fields: ['email', 'name', 'locale'],
      },
      { method: 'GET', template: '/{page}', base: { page: 'campaigns' } },
      { method: 'GET', template: '/assets/{file}', base: { file: 'index.js' } },
    ];
    const pixel: PublicRoute = { method: 'GET', template: '/o/{token}', base: { token: `${token('v')}.gif` } };
    const tokens = [...links.values()].map((l) => l.split('/')[2]);
    const digest = new TableDigest(t.app.get(DataSource));
    const tally = newTally();
    const started = Date.now();
    for (const [i, route] of [...routes, pixel].entries()) {
      if (!ONLY.test(`${route.method} ${route.template}`)) continue;
      const requests = fc.sample(malformedPublicRequests(route, tokens), { numRuns: RUNS, seed: SEED + i });
      // The pixel answers on the raw HTTP listener, in front of Fastify: it gets real requests.
      const send = route === pixel ? (r: FuzzRequest) => overHttp(t.baseUrl, r) : undefined;
      await runRequests({
        app: t.app,
        digest,
        route: `${route.method} ${route.template}`,
        requests,
        tally,
        send,
        deliberate: /The web app has not been built/,
      });
    }
    process.stdout.write(
      `\n${summary('fuzz public', tally, Date.now() - started)} (seed ${SEED})\nslowest: ${slowest(tally)}\n${failureClasses(tally.failures).join('\n')}\n`,
    );
    expect(failureClasses(tally.failures)).toEqual([]);
  }, 900_000);
});

function overHttp(base: string, r: FuzzRequest): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${r.url}`, { method: r.method, headers: r.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
    });
    req.on('error', reject);
    req.end(r.payload);
  });
}
