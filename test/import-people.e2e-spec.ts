import { sampleContent } from '../src/kinds/kind-content.registry';
import { waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

// Issue 19, "people as people are": names as fields, attribute names as written, timezone and
// locale columns, and the consent basis of an import. Everything counted through the API and the SMTP sink.
describe('imports: people as people are', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (csv: string, fields: Record<string, string> = {}, name = 'people.csv') => {
    let req = t.api().post('/api/imports');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', Buffer.from(csv), { filename: name, contentType: 'text/csv' });
  };
  const finished = (id: number) =>
    waitUntil(
      () =>
        t
          .api()
          .get(`/api/imports/${id}`)
          .then((r) => r.body),
      (p) => p.status === 'finished' || p.status === 'failed',
      30_000,
      `import ${id}`,
    );
  const byEmail = async (email: string) =>
    (await t.api().get('/api/subscribers').query({ q: email }).expect(200)).body.items[0];

  it('maps first/last name, derives the full name, keeps attribute names as written and reads timezone and language', async () => {
    const csv = [
      'E-mailadres;Voornaam;Tussenvoegsel;Achternaam;Stad;Tijdzone;Taal',
      'anna@people.example;Anna;de;Vries;Utrecht;europe/amsterdam;NL',
      'bram@people.example;Bram;;Jansen;Utrecht;;en',
      'cor@people.example;Cor;;;Gouda;Mars/Olympus;nl',
      'dirk@people.example;;;;Delft;America/New_York;nl_be',
    ].join('\r\n');
    const res = await upload(csv).expect(201);
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: 'finished', imported: 3, failed: 1 });
    const errors = (await t.api().get(`/api/imports/${res.body.id}/errors.csv`).expect(200)).text;
    expect(errors).toContain('4,"unknown timezone ""Mars/Olympus""');

    const anna = await byEmail('anna@people.example');
    expect(anna).toMatchObject({
      name: 'Anna de Vries',
      firstName: 'Anna',
      lastName: 'Vries',
      timezone: 'Europe/Amsterdam',
      locale: 'nl',
      importId: res.body.id,
      attributes: { Stad: 'Utrecht', middleName: 'de' },
    });
    expect(await byEmail('bram@people.example')).toMatchObject({
      name: 'Bram Jansen',
      firstName: 'Bram',
      lastName: 'Jansen',
      timezone: null,
      locale: 'en',
    });
    expect(await byEmail('dirk@people.example')).toMatchObject({
      name: '',
      firstName: '',
      timezone: 'America/New_York',
      locale: 'nl-BE',
    });

    // The wizard's link to "the imported people".
    const imported = (await t.api().get('/api/subscribers').query({ importRunId: res.body.id }).expect(200)).body;
    expect(imported.items.map((s: { email: string }) => s.email).sort()).toEqual([
      'anna@people.example',
      'bram@people.example',
      'dirk@people.example',
    ]);

    // Segments and the suggestions match the name written "Stad" without regard to case.
    const values = (await t.api().get('/api/subscribers/attributes/values').query({ key: 'stad' }).expect(200)).body;
    expect(values).toEqual([
      { value: 'Utrecht', count: 2 },
      { value: 'Delft', count: 1 },
    ]);
    const keys = (await t.api().get('/api/subscribers/attributes').expect(200)).body;
    expect(keys).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'Stad', count: 3 })]));
  });

  it('refuses two columns that differ only in case instead of letting one overwrite the other', async () => {
    const res = await upload('email,Stad,stad\nx@people.example,Utrecht,Zeist\n').expect(400);
    expect(res.body.message).toContain('columns "Stad" and "stad" would both be attribute "stad"');
    const mapped = await upload('email,A,B\nx@people.example,1,2\n', {
      mapping: JSON.stringify({ email: 'email', attributes: { Plan: 'A', plan: 'B' } }),
    }).expect(400);
    expect(mapped.body.message).toContain('"Plan" and "plan" differ only in case');
  });

  it('sets first and last name through the API, derives the full name and erases them', async () => {
    const created = (
      await t
        .api()
        .post('/api/subscribers')
        .send({ email: 'eva@people.example', firstName: 'Eva', lastName: 'Smit' })
        .expect(201)
    ).body;
    expect(created).toMatchObject({ name: 'Eva Smit', firstName: 'Eva', lastName: 'Smit' });
    const renamed = (await t.api().patch(`/api/subscribers/${created.id}`).send({ lastName: 'Bakker' }).expect(200))
      .body;
    expect(renamed).toMatchObject({ name: 'Eva Bakker', lastName: 'Bakker' });
    // A full name the marketer wrote stays when a part changes.
    await t.api().patch(`/api/subscribers/${created.id}`).send({ name: 'Dr. E. Bakker' }).expect(200);
    const kept = (await t.api().patch(`/api/subscribers/${created.id}`).send({ firstName: 'Evi' }).expect(200)).body;
    expect(kept).toMatchObject({ name: 'Dr. E. Bakker', firstName: 'Evi' });
    await t.api().delete(`/api/subscribers/${created.id}?erase=true`).expect(204);
    const erased = (await t.api().get(`/api/subscribers/${created.id}`).expect(200)).body;
    expect(erased).toMatchObject({ email: null, name: '', firstName: '', lastName: '', timezone: null });
  });

  it('the First name tag says the first name, or the full name’s first word when there is none', async () => {
    const list = (await t.api().post('/api/lists').send({ name: 'Tag test' }).expect(201)).body;
    const csv = [
      'email;Voornaam;Achternaam;Naam',
      'fay@people.example;Fay;Dijk;Mevrouw F. Dijk',
      'gus@people.example;;;Gus de Wit',
    ].join('\n');
    await finished((await upload(csv, { listId: String(list.id) }).expect(201)).body.id);
    const campaign = (
      await t
        .api()
        .post('/api/campaigns')
        .send({
          kind: 'poll',
          name: 'Greeting',
          subject: 'Hi {{default subscriber.firstName "there"}} ({{subscriber.name}})',
          fromName: 'Shop',
          fromEmail: 'news@shop.example',
          audience: { listIds: [list.id] },
          content: sampleContent('poll'),
        })
        .expect(201)
    ).body;
    const before = t.sink.received.length;
    await t.api().post(`/api/campaigns/${campaign.id}/send`).expect(200);
    await t.sink.waitFor(before + 2);
    expect(t.sink.to('fay@people.example')[0].parsed.subject).toBe('Hi Fay (Mevrouw F. Dijk)');
    expect(t.sink.to('gus@people.example')[0].parsed.subject).toBe('Hi Gus (Gus de Wit)');
  });

  it('records an opted-in file’s date and source on each consent record', async () => {
    const list = (await t.api().post('/api/lists').send({ name: 'Beurs 2024' }).expect(201)).body;
    const bad = await upload('email\nh@people.example\n', {
      listId: String(list.id),
      consentBasis: 'opted-in',
      consentSource: 'trade fair',
    }).expect(400);
    expect(bad.body.message).toContain('consentAt must be the date they opted in');
    await upload('email\nh@people.example\n', {
      listId: String(list.id),
      consentBasis: 'opted-in',
      consentSource: 'trade fair',
      consentAt: '2999-01-01',
    }).expect(400);
    const res = await upload('email\nhan@people.example\nido@people.example\n', {
      listId: String(list.id),
      consentBasis: 'opted-in',
      consentSource: 'sign-up sheet at the trade fair',
      consentAt: '2024-03-01',
    }).expect(201);
    const done = await finished(res.body.id);
    expect(done).toMatchObject({
      imported: 2,
      consentBasis: 'opted-in',
      consentSource: 'sign-up sheet at the trade fair',
    });
    expect(new Date(done.consentAt).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    const han = await byEmail('han@people.example');
    const records = (await t.api().get(`/api/subscribers/${han.id}/consent`).expect(200)).body;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      listId: list.id,
      action: 'subscribe',
      method: 'import',
      source: `import:${res.body.id}: sign-up sheet at the trade fair`,
    });
    expect(new Date(records[0].at).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    const members = (await t.api().get(`/api/lists/${list.id}/members`).expect(200)).body;
    expect(members.items.map((m: { status: string }) => m.status)).toEqual(['confirmed', 'confirmed']);
  });

  it('imports unconfirmed with a double opt-in: one confirmation mail per person, not twice within the interval', async () => {
    const list = (await t.api().post('/api/lists').send({ name: 'Nieuwsbrief' }).expect(201)).body;
    await upload('email\nx@people.example\n', { consentBasis: 'double-opt-in' }).expect(400);
    const before = t.sink.received.length;
    const csv = ['email;Voornaam', 'jet@people.example;Jet', 'kim@people.example;Kim', 'lex@people.example;Lex'].join(
      '\n',
    );
    const res = await upload(csv, { listId: String(list.id), consentBasis: 'double-opt-in' }).expect(201);
    expect(await finished(res.body.id)).toMatchObject({ imported: 3, consentBasis: 'double-opt-in' });
    const mails = (await t.sink.waitFor(before + 3)).slice(before);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'jet@people.example',
      'kim@people.example',
      'lex@people.example',
    ]);
    expect(String(t.sink.to('jet@people.example')[0].parsed.html)).toMatch(/\/public\/confirm\/[A-Za-z0-9_-]+/);
    const members = (await t.api().get(`/api/lists/${list.id}/members`).expect(200)).body;
    expect(members.items.map((m: { status: string }) => m.status)).toEqual([
      'unconfirmed',
      'unconfirmed',
      'unconfirmed',
    ]);

    // The same people imported again into a second double opt-in list within the interval: no second mail.
    const second = (await t.api().post('/api/lists').send({ name: 'Acties' }).expect(201)).body;
    const again = await upload(csv, { listId: String(second.id), consentBasis: 'double-opt-in' }).expect(201);
    await finished(again.body.id);
    const marker = (await t.api().post('/api/lists').send({ name: 'Marker', optIn: 'double' }).expect(201)).body;
    const other = (await t.api().post('/api/subscribers').send({ email: 'marker@people.example' }).expect(201)).body;
    await t
      .api()
      .post(`/api/lists/${marker.id}/members`)
      .send({ subscriberIds: [other.id] })
      .expect(200);
    // The marker's mail arrives after the second import's jobs were handled (one queue, in order).
    await t.sink.waitFor(before + 4);
    await waitUntil(
      async () => t.sink.to('marker@people.example').length,
      (n) => n === 1,
      10_000,
      'the marker mail',
    );
    expect(t.sink.received.length - before).toBe(4);
  });
});
