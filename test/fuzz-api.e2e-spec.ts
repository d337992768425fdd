import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience } from './support/fixtures';
import { failureClasses, newTally, runRequests, slowest, summary, TableDigest } from './support/fuzz/fuzz-runner';
import { malformedRequests, OpenApiDocument, routesOf } from './support/fuzz/openapi-inputs';
import { startTestApp, TestApp } from './support/test-app';

// FUZZ_RUNS=n changes the inputs per route (the issue asks for at least 1,000); FUZZ_SEED replays a run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 17_2026);
// FUZZ_ONLY=regex narrows the run to matching "METHOD /path" routes while fixing a finding.
const ONLY = new RegExp(process.env.FUZZ_ONLY ?? '');

describe('fuzz: every /api operation of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // The api role alone: no worker changes tables behind the fuzzer's back.
    t = await startTestApp({ mode: 'api', env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
    doc = (await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // Objects for the well-formed base requests to point at (id 2 of each, so the fuzzer's own key, id 1, is never the target).
    await t.app.get(ApiKeysService).create('decoy');
    const audience = await createAudience(t, 3);
    await createAudience(t, 2);
    for (const name of ['a', 'b']) {
      await t
        .api()
        .post('/api/segments')
        .send({ name, filter: { field: 'name', op: 'eq', value: 'Klant 0' } })
        .expect(201);
      await t
        .api()
        .post('/api/webhooks')
        .send({ name, url: 'http://127.0.0.1:9/hook', events: ['*'] })
        .expect(201);
      await t
        .api()
        .post('/api/users')
        .send({ email: `fuzz-${name}@example.com`, role: 'viewer', password: 'a long enough password' });
    }
    for (const kind of ['poll', 'loyalty', 'contest']) {
      await t
        .api()
        .post('/api/campaigns')
        .send({
          kind,
          name: kind,
          subject: kind,
          audience: { listIds: [audience.listId] },
          content: sampleContent(kind as 'poll'),
        })
        .expect(201);
    }
    await t.api().post('/api/campaigns/3/cancel').expect(200);
    ids.cancelledCampaign = '3';
  });
  afterAll(async () => t?.close());

  it(`answers ${RUNS} malformed inputs per operation with no 5xx, no stack trace and no changed rows when refused`, async () => {
    const routes = routesOf(doc).filter((r) => r.template.startsWith('/api/') || r.template === '/health');
    expect(routes.length).toBeGreaterThan(100);
    const chosen = routes.filter((r) => ONLY.test(`${r.method} ${r.template}`));
    const digest = new TableDigest(t.app.get(DataSource));
    const tally = newTally();
    const started = Date.now();
    for (const [i, route] of chosen.entries()) {
      const path: Record<string, string> = Object.fromEntries(route.pathParams.map((p) => [p, '2']));
      // A stream that is still going never ends; a cancelled campaign's ends at once.
      if (route.template.endsWith('/progress/stream')) path.id = ids.cancelledCampaign;
      if (path.code) path.code = 'FUZZ-CODE';
      if (path.name) path.name = 'default';
      const requests = fc.sample(malformedRequests(route, doc, { path, authorization: `Bearer ${t.apiKey}` }), {
        numRuns: RUNS,
        seed: SEED + i,
      });
      await runRequests({ app: t.app, digest, route: `${route.method} ${route.template}`, requests, tally });
    }
    process.stdout.write(
      `\n${summary('fuzz /api', tally, Date.now() - started)} (seed ${SEED})\nslowest: ${slowest(tally)}\n${failureClasses(tally.failures).join('\n')}\n`,
    );
    expect(tally.inputs).toBe(chosen.length * RUNS);
    expect(failureClasses(tally.failures)).toEqual([]);
  }, 900_000);
});
