import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sql } from '../src/common/db/sql-dialect';
import { freePort } from '../src/platform/embedded-redis';
import { waitUntil } from './support/fixtures';
import { holdClock } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';
import { Received, Receiver } from './support/webhook-receiver';

const DIST = join(__dirname, '..', 'dist');

/** A receiver's check, written out: any of the comma-separated signatures made with `secret` over "timestamp.body". */
function signedWith(secret: string, r: Received): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(`${r.headers['x-valuemail-timestamp']}.${r.body}`).digest('hex')}`;
  return String(r.headers['x-valuemail-signature']).split(',').includes(expected);
}

describe('secrets at rest and webhook secret rotation (real app, real processes)', () => {
  const keyA = randomBytes(32).toString('base64url');
  const keyB = randomBytes(32).toString('base64url');
  let t: TestApp;
  let ds: DataSource;
  let receiver: Receiver;

  const stored = async () => {
    const hooks: { id: number; secret: string; previous_secret: string | null }[] = await ds.query(
      'SELECT id, secret, previous_secret FROM webhook_endpoints ORDER BY id',
    );
    const [dkim] = await ds.query(sql(ds, 'SELECT value FROM settings WHERE key = ?'), ['dkim']);
    const dkimValue = typeof dkim?.value === 'string' ? JSON.parse(dkim.value) : dkim?.value;
    return { hooks, dkimKey: dkimValue?.privateKey as string | undefined };
  };
  /** The CLI (dist/cli.js) against the same database, with the keys given. */
  const cli = (args: string[], keys: Record<string, string>) =>
    spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], {
      env: { ...process.env, ...t.env, APP_SECRET: '', APP_SECRET_PREVIOUS: '', ...keys },
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(async () => {
    receiver = await new Receiver().start();
    t = await startTestApp({
      env: { APP_SECRET: keyA, WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_RETRY_BASE_SECONDS: '0.2' },
    });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const ping = async (id: number) => {
    const before = receiver.at(`/hook-${id}`).length;
    await t.api().post(`/api/webhooks/${id}/test`).expect(202);
    const all = await waitUntil(
      async () => receiver.at(`/hook-${id}`),
      (r) => r.length > before,
      20_000,
      `ping to webhook ${id}`,
    );
    return all[all.length - 1];
  };

  it('stores the DKIM key and webhook secrets encrypted; mail is still signed and webhooks still verify', async () => {
    const hook = (
      await t
        .api()
        .post('/api/webhooks')
        .send({ name: 'CRM', url: receiver.url('/hook-1'), events: ['*'] })
        .expect(201)
    ).body;
    await t.api().post('/api/settings/dkim/generate').send({ domain: 'shop.example', selector: 'vm1' }).expect(200);

    const { hooks, dkimKey } = await stored();
    expect(hooks[0].secret).toMatch(/^enc:v1:/);
    expect(hooks[0].secret).not.toContain(hook.secret.slice(6));
    expect(dkimKey).toMatch(/^enc:v1:/);
    expect(dkimKey).not.toContain('PRIVATE KEY');

    expect(signedWith(hook.secret, await ping(hook.id))).toBe(true);
    await t.api().post('/api/settings/smtp/default/test').send({ to: 'check@example.com' }).expect(200);
    const mail = await waitUntil(
      async () => t.sink.received.filter((m) => m.envelopeTo.includes('check@example.com')),
      (m) => m.length > 0,
      20_000,
      'test mail',
    );
    // Signed with the stored (decrypted) key; test/settings.e2e-spec.ts verifies such signatures cryptographically.
    expect(mail[0].raw.toString()).toMatch(/^DKIM-Signature:[^\n]*(\n\s[^\n]*)*\bd=shop\.example;[^]*?\bs=vm1;/im);
  });

  it('rotates a webhook secret with an overlap in which both signatures are sent, then only the new one', async () => {
    const hook = (
      await t
        .api()
        .post('/api/webhooks')
        .send({ name: 'Shop', url: receiver.url('/hook-2'), events: ['*'] })
        .expect(201)
    ).body;
    const clock = holdClock(t, Date.now());
    try {
      const rotated = (
        await t.api().post(`/api/webhooks/${hook.id}/rotate-secret`).send({ overlapHours: 2 }).expect(200)
      ).body;
      expect(rotated.secret).not.toBe(hook.secret);
      expect(new Date(rotated.previousSecretUntil).getTime()).toBe(clock.now() + 2 * 3_600_000);
      const shown = (await t.api().get(`/api/webhooks/${hook.id}`).expect(200)).body;
      expect(shown.secretHint).toBe(`whsec_…${rotated.secret.slice(-4)}`);
      expect(shown.previousSecretUntil).toBe(rotated.previousSecretUntil);

      const during = await ping(hook.id);
      expect(signedWith(rotated.secret, during)).toBe(true);
      expect(signedWith(hook.secret, during)).toBe(true);

      clock.advance(2 * 3_600_000 + 1000);
      const after = await ping(hook.id);
      expect(signedWith(rotated.secret, after)).toBe(true);
      expect(signedWith(hook.secret, after)).toBe(false);
      expect(String(after.headers['x-valuemail-signature']).split(',')).toHaveLength(1);

      const atOnce = (
        await t.api().post(`/api/webhooks/${hook.id}/rotate-secret`).send({ overlapHours: 0 }).expect(200)
      ).body;
      expect(atOnce.previousSecretUntil).toBeNull();
      const last = await ping(hook.id);
      expect(signedWith(atOnce.secret, last)).toBe(true);
      expect(signedWith(rotated.secret, last)).toBe(false);
      await t.api().post(`/api/webhooks/${hook.id}/rotate-secret`).send({ overlapHours: 721 }).expect(400);
    } finally {
      clock.release();
    }
  });

  it('refuses to start with a wrong or missing key, saying what to do', async () => {
    const port = await freePort();
    const engine = spawnSync(process.execPath, [join(DIST, 'main.js')], {
      env: { ...process.env, ...t.env, MODE: 'api', PORT: String(port), APP_SECRET: keyB },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(engine.status).toBe(1);
    expect(engine.stderr).toMatch(
      /failed to start: \d+ stored secret\(s\) .* were encrypted with key [0-9a-f]{12}, but APP_SECRET \(APP_SECRET\) is key [0-9a-f]{12}/,
    );
    expect(engine.stderr).toContain('APP_SECRET_PREVIOUS');
    expect(engine.stderr).not.toMatch(/\n\s+at /);

    const wrong = cli(['secrets:status'], { APP_SECRET: keyB });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('were encrypted with key');
  });

  it('encrypts secrets stored before encryption at the next start', async () => {
    await ds.query(sql(ds, 'UPDATE webhook_endpoints SET secret = ? WHERE id = ?'), [
      'whsec_stored_in_plain_text_before_encryption',
      1,
    ]);
    const status = cli(['secrets:status'], { APP_SECRET: keyA });
    expect(status.status).toBe(0);
    const { hooks } = await stored();
    expect(hooks[0].secret).toMatch(/^enc:v1:/);
    expect(status.stdout).not.toContain('not encrypted');
  });

  it('rotates the key: new APP_SECRET with the old as APP_SECRET_PREVIOUS, re-encrypt, then the old key alone is refused', async () => {
    const before = await stored();
    const sealedCount = before.hooks.reduce((n, h) => n + 1 + (h.previous_secret ? 1 : 0), 0) + 1;
    const reencrypt = cli(['secrets:reencrypt'], { APP_SECRET: keyB, APP_SECRET_PREVIOUS: keyA });
    expect(reencrypt.stderr).toBe('');
    expect(reencrypt.status).toBe(0);
    expect(reencrypt.stdout).toContain(`re-encrypted ${sealedCount} of ${sealedCount} stored secret(s)`);

    const after = await stored();
    const keyIds = new Set(
      [...after.hooks.flatMap((h) => [h.secret, h.previous_secret]).filter(Boolean), after.dkimKey].map(
        (v) => v!.split(':')[2],
      ),
    );
    expect(keyIds.size).toBe(1);
    expect(after.hooks[0].secret).not.toBe(before.hooks[0].secret);

    expect(cli(['secrets:status'], { APP_SECRET: keyB }).status).toBe(0);
    const old = cli(['secrets:status'], { APP_SECRET: keyA });
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('were encrypted with key');
  });
});
