import { generateKeyPairSync } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dkimVerify } = require('mailauth/lib/dkim/verify') as {
  dkimVerify: (
    input: Buffer,
    options: unknown,
  ) => Promise<{ results: Array<{ status: { result: string }; signingHeaders?: { keys: string } }> }>;
};
import { emailHash } from '../src/audience/email-address';
import { arfMessage, dsnMessage } from '../src/bounces/fixtures';
import { freePort } from '../src/platform/embedded-redis';
import { createAudience, waitUntil } from './support/fixtures';
import { rawHeader } from './support/smtp-sink';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { startTestApp, TestApp } from './support/test-app';

describe('DKIM, bounces and complaints (real app, SMTP sink and inbound SMTP)', () => {
  let t: TestApp;
  let bouncePort: number;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  beforeAll(async () => {
    bouncePort = await freePort();
    t = await startTestApp({
      env: {
        DKIM_DOMAIN: 'shop.example',
        DKIM_SELECTOR: 'vm2026',
        DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        MAIL_DOMAIN: 'shop.example',
        BOUNCE_SMTP_PORT: String(bouncePort),
        AUTO_PAUSE_MIN_SENT: '10',
        SCHEDULER_TICK_MS: '200',
        SMTP_RATE_PER_SECOND: '50',
        SEND_CONCURRENCY: '1',
        SEND_BATCH_SIZE: '50',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const ds = () => t.app.get(DataSource);
  const q = (text: string, params: unknown[]) => {
    let n = 0;
    return ds().query(ds().options.type === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
  };
  const finished = (id: number) =>
    waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      60_000,
    );

  async function sendCampaign(count: number): Promise<{ id: number; emails: string[]; subscriberIds: number[] }> {
    const audience = await createAudience(t, count);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'gift',
        name: 'Thank you',
        subject: 'A gift for you',
        fromEmail: 'news@shop.example',
        audience: { listIds: [audience.listId] },
        content: sampleContent('gift'),
      })
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    await finished(created.body.id);
    return { id: created.body.id, emails: audience.emails, subscriberIds: audience.subscriberIds };
  }

  it('signs every message with DKIM covering List-Unsubscribe and List-Unsubscribe-Post', async () => {
    t.sink.received.length = 0;
    await sendCampaign(3);
    const mail = t.sink.received[0];
    const result = await dkimVerify(mail.raw, {
      resolver: async (name: string, type: string) => {
        expect(name).toBe('vm2026._domainkey.shop.example');
        expect(type).toBe('TXT');
        return [[`v=DKIM1; k=rsa; p=${publicKeyBase64}`]];
      },
    });
    expect(result.results[0].status.result).toBe('pass');
    const signed = /\bh=([^;]+)/
      .exec(rawHeader(mail, 'dkim-signature')!.replace(/\s+/g, ''))![1]
      .toLowerCase()
      .split(':');
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']));
  });

  it('applies a hard-bounce DSN posted to the API to delivery, subscriber and suppression list', async () => {
    t.sink.received.length = 0;
    const sent = await sendCampaign(5);
    const mail = t.sink.to(sent.emails[2])[0];
    const res = await t
      .api()
      .post('/api/bounces')
      .send({
        message: dsnMessage({ to: mail.envelopeFrom, recipient: sent.emails[2], messageId: mail.parsed.messageId! }),
      })
      .expect(200);
    expect(res.body).toMatchObject({
      class: 'hard',
      status: '5.1.1',
      campaignId: sent.id,
      subscriberId: sent.subscriberIds[2],
    });
    const [delivery] = await q('SELECT bounce FROM deliveries WHERE id = ?', [res.body.deliveryId]);
    expect(delivery.bounce).toBe('hard');
    const [subscriber] = await q('SELECT status FROM subscribers WHERE id = ?', [sent.subscriberIds[2]]);
    expect(subscriber.status).toBe('bounced');
    const suppressed = await q('SELECT reason FROM suppressions WHERE email_hash = ?', [emailHash(sent.emails[2])]);
    expect(suppressed).toEqual([{ reason: 'bounced' }]);
    const [campaign] = await q('SELECT hard_bounce_count FROM campaigns WHERE id = ?', [sent.id]);
    expect(Number(campaign.hard_bounce_count)).toBe(1);
    // The same report again changes nothing.
    await t
      .api()
      .post('/api/bounces')
      .send({
        message: dsnMessage({ to: mail.envelopeFrom, recipient: sent.emails[2], messageId: mail.parsed.messageId! }),
      })
      .expect(200);
    const [again] = await q('SELECT hard_bounce_count FROM campaigns WHERE id = ?', [sent.id]);
    expect(Number(again.hard_bounce_count)).toBe(1);
  });

  it('refuses reports it cannot match or read, with clear messages', async () => {
    const forged = await t
      .api()
      .post('/api/bounces')
      .send({
        message: dsnMessage({
          to: 'bounces+1-000000000000@shop.example',
          recipient: 'x@example.com',
          messageId: '<d1.c1@shop.example>',
        }),
      })
      .expect(404);
    expect(forged.body.message).toContain('No delivery of ours matches');
    const plain = await t
      .api()
      .post('/api/bounces')
      .send({ message: 'From: a@b.c\r\nSubject: hi\r\n\r\nhello' })
      .expect(422);
    expect(plain.body.message).toContain('neither a delivery status notification');
  });

  it('takes an ARF complaint over inbound SMTP: complained, suppressed, and the campaign auto-paused', async () => {
    t.sink.received.length = 0;
    // 400 recipients at the transport's 50 msg/s limit: still running when the complaints arrive.
    const audience = await createAudience(t, 400);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'gift',
        name: 'Gift',
        subject: 'Gift',
        fromEmail: 'news@shop.example',
        audience: { listIds: [audience.listId] },
        content: sampleContent('gift'),
      })
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    // Counters move per completed batch (50 messages here); rates are judged on them.
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${created.body.id}/progress`)
          .then((r) => r.body),
      (p) => p.sent >= 50,
      20_000,
      'first batch',
    );
    const inbound = createTransport({ host: '127.0.0.1', port: bouncePort, secure: false, ignoreTLS: true });
    for (const mail of t.sink.received.slice(0, 2)) {
      await inbound.sendMail({
        envelope: { from: 'fbl@isp.example', to: mail.envelopeFrom },
        raw: arfMessage({ to: mail.envelopeFrom, recipient: mail.envelopeTo[0], messageId: mail.parsed.messageId! }),
      });
    }
    inbound.close();
    const complained = t.sink.received[0].envelopeTo[0];
    const subscriber = await waitUntil(
      () => q('SELECT status FROM subscribers WHERE email = ?', [complained]),
      (rows) => rows[0]?.status === 'complained',
      10_000,
      'complaint to land',
    );
    expect(subscriber[0].status).toBe('complained');
    expect(await q('SELECT reason FROM suppressions WHERE email_hash = ?', [emailHash(complained)])).toEqual([
      { reason: 'complained' },
    ]);
    const campaign = await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${created.body.id}`)
          .then((r) => r.body),
      (c) => c.status !== 'running',
      10_000,
      'auto-pause',
    );
    expect(campaign.status).toBe('paused');
    expect(campaign.statusReason).toMatch(/^Auto-paused: complaint rate \d+\.\d{2}% passed 0\.30%$/);
    expect(campaign.complaintCount).toBe(2);
    expect(campaign.sentCount).toBeLessThan(400);
  });

  it('unsubscribes a recipient who writes to the List-Unsubscribe mailto address', async () => {
    t.sink.received.length = 0;
    const sent = await sendCampaign(2);
    const mail = t.sink.to(sent.emails[1])[0];
    const mailto = /<mailto:([^?>]+)/.exec(rawHeader(mail, 'list-unsubscribe')!)![1];
    expect(mailto).toMatch(/^unsubscribe\+\d+-[0-9a-f]{12}@shop\.example$/);
    const inbound = createTransport({ host: '127.0.0.1', port: bouncePort, secure: false, ignoreTLS: true });
    await inbound.sendMail({ from: sent.emails[1], to: mailto, subject: 'unsubscribe', text: 'please' });
    const forged = mailto.replace(/-[0-9a-f]{12}@/, '-000000000000@');
    await inbound.sendMail({ from: sent.emails[0], to: forged, subject: 'unsubscribe', text: 'please' });
    inbound.close();
    const rows = await waitUntil(
      () => q('SELECT status FROM subscribers WHERE id = ?', [sent.subscriberIds[1]]),
      (r) => r[0]?.status === 'unsubscribed',
      10_000,
      'mailto unsubscribe',
    );
    expect(rows[0].status).toBe('unsubscribed');
    const [other] = await q('SELECT status FROM subscribers WHERE id = ?', [sent.subscriberIds[0]]);
    expect(other.status).toBe('active');
  });
});
