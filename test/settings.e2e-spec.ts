import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dkimVerify } = require('mailauth/lib/dkim/verify') as {
  dkimVerify: (
    input: Buffer,
    options: unknown,
  ) => Promise<{ results: Array<{ status: { result: string }; signingDomain?: string; selector?: string }> }>;
};
import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience, waitUntil } from './support/fixtures';
import { Browser, signInAs } from './support/sessions';
import { ReceivedMail, rawHeader, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const dnsValue = (publicKey: KeyObject) =>
  `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** Verifies a received message's DKIM signature against one published TXT record. */
async function verifyDkim(mail: ReceivedMail, record: { name: string; value: string }): Promise<string> {
  const result = await dkimVerify(mail.raw, {
    resolver: async (name: string, type: string) => {
      if (type !== 'TXT' || name !== record.name) {
        const error = new Error(`no ${type} record for ${name}`) as Error & { code: string };
        error.code = 'ENOTFOUND';
        throw error;
      }
      return [[record.value]];
    },
  });
  return result.results[0]?.status.result ?? 'none';
}

describe('Settings: brand, tracking, DKIM and SMTP transports (real app, SMTP sinks)', () => {
  let t: TestApp;
  let bulkSink: SmtpSink;
  let admin: Browser;
  let ds: DataSource;
  const envKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    bulkSink = await new SmtpSink().start();
    t = await startTestApp({
      env: {
        SCHEDULER_TICK_MS: '200',
        DKIM_DOMAIN: 'shop.example',
        DKIM_SELECTOR: 'envkey',
        DKIM_PRIVATE_KEY: envKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        SMTP_TRANSPORTS: `bulk=smtp://mailer:s3cret-pass@127.0.0.1:${bulkSink.port}`,
      },
    });
    ds = t.app.get(DataSource);
    admin = await signInAs(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await bulkSink.stop();
  });

  async function createCampaign(listId: number, kind: 'gift' | 'knowledge' = 'gift'): Promise<number> {
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind,
        name: 'Thank you',
        subject: 'A gift for you',
        fromEmail: 'news@shop.example',
        audience: { listIds: [listId] },
        content: sampleContent(kind),
      })
      .expect(201);
    return created.body.id as number;
  }

  async function sendCampaign(): Promise<ReceivedMail> {
    const audience = await createAudience(t, 1);
    const id = await createCampaign(audience.listId);
    await t.api().post(`/api/campaigns/${id}/send`).expect(200);
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      30_000,
      `campaign ${id} to finish`,
    );
    const mails = t.sink.to(audience.emails[0]);
    expect(mails).toHaveLength(1);
    return mails[0];
  }

  describe('brand', () => {
    it('applies a changed brand to the next preview and the next sent email, without a restart', async () => {
      const audience = await createAudience(t, 1);
      const id = await createCampaign(audience.listId);
      const before = (await admin.get(`/api/campaigns/${id}/preview`).expect(200)).body;
      // No address yet: the footer leaves it out rather than print a placeholder into every mail.
      expect(before.html).not.toContain('Postal address not configured');
      expect(before.html).not.toContain('Oudegracht');
      expect(before.html).toContain('#4f46e5');
      // Public pages wear the brand too: a forged link's friendly page, before and after.
      const publicBefore = await t.http().get('/u/not-a-real-token');
      expect(publicBefore.text).toContain('<strong style="font-size:1.15rem;color:var(--brand)">valuemail</strong>');
      expect(publicBefore.text).toContain(':root{--brand:#4f46e5}');

      const brand = {
        name: 'Koffiebar Utrecht',
        color: '#0f766e',
        postalAddress: 'Koffiebar Utrecht\nOudegracht 1\n3511 AA Utrecht',
        website: 'https://koffiebar.example',
        logoUrl: null,
      };
      const saved = await admin.patch('/api/settings').send({ brand }).expect(200);
      expect(saved.body.brand).toEqual(brand);
      expect((await admin.get('/api/settings').expect(200)).body.brand).toEqual(brand);

      const after = (await admin.get(`/api/campaigns/${id}/preview`).expect(200)).body;
      expect(after.html).toContain('Koffiebar Utrecht');
      expect(after.html).toContain('Oudegracht 1<br');
      expect(after.html).toContain('#0f766e');
      expect(after.html).not.toContain('#4f46e5');
      expect(after.html).not.toContain('Postal address not configured');
      expect(after.text).toContain('3511 AA Utrecht');
      const publicAfter = await t.http().get('/u/not-a-real-token');
      expect(publicAfter.text).toContain('Koffiebar Utrecht</strong>');
      expect(publicAfter.text).toContain(':root{--brand:#0f766e}');
      expect(publicAfter.text).not.toContain('<!--vm:brand-->');
      expect(Number(publicAfter.headers['content-length'] ?? publicAfter.text.length)).toBe(
        Buffer.byteLength(publicAfter.text),
      );

      const mail = await sendCampaign();
      const html = String(mail.parsed.html);
      expect(html).toContain('Koffiebar Utrecht');
      expect(html).toContain('#0f766e');
      expect(html).toContain('Oudegracht 1');
      expect(html).not.toContain('Postal address not configured');
    });

    it('keeps fields not sent, resets a field sent as null, and refuses bad values by name', async () => {
      await admin
        .patch('/api/settings')
        .send({ brand: { name: 'Theehuis' } })
        .expect(200);
      let current = (await admin.get('/api/settings').expect(200)).body.brand;
      expect(current).toMatchObject({
        name: 'Theehuis',
        color: '#0f766e',
        postalAddress: 'Koffiebar Utrecht\nOudegracht 1\n3511 AA Utrecht',
      });
      await admin
        .patch('/api/settings')
        .send({ brand: { color: null, website: null } })
        .expect(200);
      current = (await admin.get('/api/settings').expect(200)).body.brand;
      expect(current).toMatchObject({ name: 'Theehuis', color: '#4f46e5', website: null });
      const bad = await admin
        .patch('/api/settings')
        .send({ brand: { color: 'red', logoUrl: 'javascript:alert(1)', slogan: 'x' } })
        .expect(400);
      expect(bad.body.message).toContain('color must be a hex colour like #0f766e');
      expect(bad.body.message).toContain('logoUrl must be an http(s) URL');
      expect(bad.body.message).toContain('brand.slogan is not a known field');
    });
  });

  describe('tracking', () => {
    it('turns the open pixel and link tracking off and on for the next render', async () => {
      const audience = await createAudience(t, 1);
      const id = await createCampaign(audience.listId, 'knowledge');
      const on = (await admin.get(`/api/campaigns/${id}/preview`).expect(200)).body;
      expect(on.html).toMatch(/\/o\/[A-Za-z0-9_-]+\.gif/);
      expect(on.html).toMatch(/\/r\/[A-Za-z0-9_-]+\/0"/);

      const saved = await admin
        .patch('/api/settings')
        .send({ tracking: { openTracking: false, clickTracking: false } })
        .expect(200);
      expect(saved.body.tracking).toMatchObject({ openTracking: false, clickTracking: false, ipMode: 'truncate' });
      const off = (await admin.get(`/api/campaigns/${id}/preview`).expect(200)).body;
      expect(off.html).not.toMatch(/\/o\/[A-Za-z0-9_-]+\.gif/);
      expect(off.html).not.toMatch(/\/r\/[A-Za-z0-9_-]+\/\d+"/);
      expect(off.links).toEqual([]);
      // The knowledge items' links stay, untracked.
      expect(off.html).toContain('href="https://');

      await admin
        .patch('/api/settings')
        .send({ tracking: { openTracking: true, clickTracking: true } })
        .expect(200);
      expect((await admin.get(`/api/campaigns/${id}/preview`).expect(200)).body.html).toMatch(
        /\/o\/[A-Za-z0-9_-]+\.gif/,
      );
    });

    it('stores the next open by the IP mode and machine window set in the app', async () => {
      // Window 0: an open right after sending is human; IP mode none: no IP kept.
      await admin
        .patch('/api/settings')
        .send({ tracking: { ipMode: 'none', machineOpenWindowSeconds: 0 } })
        .expect(200);
      const mail = await sendCampaign();
      const pixel = /http:\/\/127\.0\.0\.1:\d+(\/o\/[A-Za-z0-9_-]+\.gif)/.exec(String(mail.parsed.html))![1];
      await t
        .http()
        .get(pixel)
        .set('User-Agent', 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko)')
        .set('X-Forwarded-For', '203.0.113.77')
        .expect(200);
      const q = (text: string, params: unknown[]) => {
        let n = 0;
        return ds.query(ds.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
      };
      const [{ id: subscriberId }] = await q('SELECT id FROM subscribers WHERE email = ?', [mail.envelopeTo[0]]);
      const opens = await waitUntil(
        () => q("SELECT ip, machine FROM events WHERE type = 'open' AND subscriber_id = ?", [subscriberId]),
        (rows) => rows.length === 1,
        15_000,
        'the open',
      );
      expect(opens[0].ip).toBeNull();
      expect(opens[0].machine === true || Number(opens[0].machine) === 1).toBe(false);
      await admin
        .patch('/api/settings')
        .send({ tracking: { ipMode: 'truncate', machineOpenWindowSeconds: null } })
        .expect(200);
      expect((await admin.get('/api/settings').expect(200)).body.tracking).toEqual({
        ipMode: 'truncate',
        openTracking: true,
        clickTracking: true,
        machineOpenWindowSeconds: 1,
        machineClickWindowSeconds: 2,
        attributionWindowDays: 7,
      });
    });
  });

  describe('DKIM', () => {
    it('shows the key from the environment with the DNS record to publish', async () => {
      const dkim = (await admin.get('/api/settings/dkim').expect(200)).body;
      expect(dkim).toMatchObject({
        enabled: true,
        source: 'environment',
        domain: 'shop.example',
        selector: 'envkey',
        keyBits: 2048,
      });
      expect(dkim.dnsRecord).toEqual({
        name: 'envkey._domainkey.shop.example',
        type: 'TXT',
        value: dnsValue(envKey.publicKey),
      });
      expect(JSON.stringify(dkim)).not.toContain('PRIVATE KEY');
    });

    it("signs the next mail with a generated key, which wins over the environment's", async () => {
      const generated = (
        await admin.post('/api/settings/dkim/generate').send({ domain: 'Shop.example', selector: 'vm2026' }).expect(200)
      ).body;
      expect(generated).toMatchObject({
        enabled: true,
        source: 'settings',
        domain: 'shop.example',
        selector: 'vm2026',
        keyBits: 2048,
      });
      expect(generated.dnsRecord.name).toBe('vm2026._domainkey.shop.example');
      expect(generated.dnsRecord.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}$/);

      const mail = await sendCampaign();
      expect(rawHeader(mail, 'dkim-signature')).toMatch(/s=vm2026/);
      expect(await verifyDkim(mail, generated.dnsRecord)).toBe('pass');
      // Not signed with the environment's key any more.
      expect(
        await verifyDkim(mail, { name: 'vm2026._domainkey.shop.example', value: dnsValue(envKey.publicKey) }),
      ).not.toBe('pass');
    });

    it('signs with a pasted PKCS#1 PEM key, and refuses keys that cannot sign', async () => {
      const own = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = own.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const put = (
        await admin
          .put('/api/settings/dkim')
          .send({ domain: 'mail.shop.example', selector: 'own1', privateKey: pem })
          .expect(200)
      ).body;
      expect(put.dnsRecord).toEqual({
        name: 'own1._domainkey.mail.shop.example',
        type: 'TXT',
        value: dnsValue(own.publicKey),
      });
      const mail = await sendCampaign();
      expect(await verifyDkim(mail, put.dnsRecord)).toBe('pass');

      const garbage = await admin
        .put('/api/settings/dkim')
        .send({ domain: 'shop.example', selector: 'x', privateKey: 'not a key' })
        .expect(400);
      expect(garbage.body.code).toBe('invalid_dkim_key');
      const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      expect(
        (
          await admin
            .put('/api/settings/dkim')
            .send({ domain: 'shop.example', selector: 'x', privateKey: ec })
            .expect(400)
        ).body.message,
      ).toMatch(/must be an RSA key/);
      const small = generateKeyPairSync('rsa', { modulusLength: 512 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      expect(
        (
          await admin
            .put('/api/settings/dkim')
            .send({ domain: 'shop.example', selector: 'x', privateKey: small })
            .expect(400)
        ).body.message,
      ).toMatch(/512 bits/);
      const badSelector = await admin
        .put('/api/settings/dkim')
        .send({ domain: 'shop.example', selector: 'a b', privateKey: pem })
        .expect(400);
      expect(badSelector.body.message).toMatch(/^selector must be/);
      // The refused keys changed nothing.
      expect((await admin.get('/api/settings/dkim').expect(200)).body.selector).toBe('own1');
    });

    it("goes back to the environment's key when the stored one is removed", async () => {
      const removed = (await admin.delete('/api/settings/dkim').expect(200)).body;
      expect(removed).toMatchObject({ source: 'environment', selector: 'envkey' });
      const mail = await sendCampaign();
      expect(
        await verifyDkim(mail, { name: 'envkey._domainkey.shop.example', value: dnsValue(envKey.publicKey) }),
      ).toBe('pass');
    });
  });

  describe('SMTP transports', () => {
    it('lists the transports from the environment with passwords masked', async () => {
      const body = (await admin.get('/api/settings/smtp').expect(200)).body;
      expect(body.transports).toEqual([
        {
          name: 'default',
          url: `smtp://127.0.0.1:${t.sink.port}`,
          host: '127.0.0.1',
          port: t.sink.port,
          secure: false,
          username: null,
          devInbox: false,
        },
        {
          name: 'bulk',
          url: `smtp://mailer:****@127.0.0.1:${bulkSink.port}`,
          host: '127.0.0.1',
          port: bulkSink.port,
          secure: false,
          username: 'mailer',
          devInbox: false,
        },
      ]);
      expect(JSON.stringify(body)).not.toContain('s3cret');
    });

    it('sends a test message through the named transport to its server', async () => {
      const defaultBefore = t.sink.received.length;
      const res = (await admin.post('/api/settings/smtp/bulk/test').send({ to: 'ops@shop.example' }).expect(200)).body;
      expect(res).toMatchObject({ transport: 'bulk', accepted: ['ops@shop.example'] });
      expect(res.response).toMatch(/^250/);
      const [mail] = await bulkSink.waitFor(1);
      expect(mail.envelopeTo).toEqual(['ops@shop.example']);
      expect(mail.parsed.subject).toBe('valuemail test message (transport bulk)');
      expect(mail.parsed.messageId).toBe(res.messageId);
      expect(bulkSink.logins).toEqual(['mailer']);
      expect(t.sink.received.length).toBe(defaultBefore);

      await admin.post('/api/settings/smtp/default/test').send({ to: 'ops@shop.example' }).expect(200);
      await t.sink.waitFor(defaultBefore + 1);
      expect(t.sink.received.at(-1)!.parsed.subject).toBe('valuemail test message');
    });

    it('refuses an unknown transport and a bad address', async () => {
      const unknown = await admin.post('/api/settings/smtp/nope/test').send({ to: 'ops@shop.example' }).expect(400);
      expect(unknown.body.message).toBe('There is no SMTP transport named "nope"; configured: default, bulk');
      await admin.post('/api/settings/smtp/bulk/test').send({ to: 'not an address' }).expect(400);
    });
  });
});
