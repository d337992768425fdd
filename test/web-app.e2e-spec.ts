import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { isEnginePath, WEB_DIST } from '../src/web/web-app';
import { startTestApp, TestApp } from './support/test-app';

// The api serves the built single-page app (npm test builds it first: pretest → npm run build).
describe('web app at /', () => {
  let t: TestApp;
  let asset: string;

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html')))
      throw new Error(`${WEB_DIST}/index.html is missing: run npm run build:web (npm test does it in pretest)`);
    asset = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'))![1];
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves index.html at / and for every client route, never cached', async () => {
    for (const path of ['/', '/campaigns/12/report', '/audience/subscribers?q=anna', '/settings/users', '/sign-in']) {
      const res = await request(t.baseUrl).get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const res = await request(t.baseUrl).get(asset);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with 404, not the app', async () => {
    const res = await request(t.baseUrl).get('/assets/index-doesnotexist.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
  });

  it('leaves the API, health, the dev inbox and every public token path to the engine', async () => {
    const api = await request(t.baseUrl).get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/nothing-here' });
    for (const path of ['/r/abc', '/u/abc/extra/parts', '/p/x/y/z', '/health/nope', '/public/anything']) {
      const res = await request(t.baseUrl).get(path);
      expect([path, res.status, res.headers['content-type']]).toEqual([path, 404, 'application/json; charset=utf-8']);
    }
    expect((await request(t.baseUrl).get('/health')).body).toMatchObject({ status: expect.any(String) });
    const inbox = await request(t.baseUrl).get('/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.text).not.toContain('<div id="root">');
    // Writes to client routes are not the app either.
    expect((await request(t.baseUrl).post('/campaigns/12').send({})).status).toBe(404);
  });

  it('knows the engine paths by prefix, not by first letter', () => {
    expect(isEnginePath('/r/token/0')).toBe(true);
    expect(isEnginePath('/api')).toBe(true);
    expect(isEnginePath('/settings/smtp')).toBe(false);
    expect(isEnginePath('/campaigns/1')).toBe(false);
    expect(isEnginePath('/reports')).toBe(false);
  });
});
