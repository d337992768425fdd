import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookHttpClient } from './webhook-http.client';

interface Seen {
  host: string | undefined;
  body: string;
  signature: string | undefined;
}

describe('WebhookHttpClient (real node:http receiver)', () => {
  let server: Server;
  let port: number;
  const seen: Seen[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  const client = new WebhookHttpClient();
  const loopback = { address: '127.0.0.1', family: 4 as const };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          host: req.headers.host,
          body: Buffer.concat(chunks).toString(),
          signature: req.headers['x-valuemail-signature'] as string | undefined,
        });
        handler(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => (seen.length = 0));

  it('connects to the checked address, never asking DNS, and keeps the name in the Host header', async () => {
    handler = (_req, res) => res.writeHead(202).end('accepted');
    // .test names never resolve: the request can only arrive through the pinned address.
    const result = await client.post({
      url: new URL(`http://hooks.example.test:${port}/in`),
      address: loopback,
      headers: { 'x-valuemail-signature': 'sha256=ab' },
      body: '{"a":1}',
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({ statusCode: 202, error: null, responseExcerpt: 'accepted' });
    expect(seen).toEqual([{ host: `hooks.example.test:${port}`, body: '{"a":1}', signature: 'sha256=ab' }]);
  });

  it('gives up at the deadline when the receiver does not answer', async () => {
    handler = () => undefined;
    const result = await client.post({
      url: new URL(`http://127.0.0.1:${port}/slow`),
      address: loopback,
      headers: {},
      body: '{}',
      timeoutMs: 300,
    });
    expect(result.statusCode).toBeNull();
    expect(result.error).toBe('no answer within 300 ms');
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('does not follow a redirect and reports where it pointed', async () => {
    handler = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    const result = await client.post({
      url: new URL(`http://127.0.0.1:${port}/moved`),
      address: loopback,
      headers: {},
      body: '{}',
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({ statusCode: 302, location: 'http://169.254.169.254/latest/meta-data' });
    expect(seen).toHaveLength(1);
  });

  it('keeps the first 1000 characters of a long answer', async () => {
    handler = (_req, res) => res.writeHead(500).end('x'.repeat(50_000));
    const result = await client.post({
      url: new URL(`http://127.0.0.1:${port}/big`),
      address: loopback,
      headers: {},
      body: '{}',
      timeoutMs: 2000,
    });
    expect(result.statusCode).toBe(500);
    expect(result.responseExcerpt).toBe('x'.repeat(1000));
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const result = await client.post({
      url: new URL(`http://127.0.0.1:${freePort}/`),
      address: loopback,
      headers: {},
      body: '{}',
      timeoutMs: 2000,
    });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
