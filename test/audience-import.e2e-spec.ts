import { parse } from 'csv-parse/sync';
import { encode as iconvEncode } from 'iconv-lite';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappingFromFlag, runImportCli } from '../src/audience/imports/import.cli';
import { ImportRun } from '../src/audience/imports/import-run.entity';
import { RunImport } from '../src/audience/imports/run-import';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';

interface Progress {
  id: number;
  status: string;
  rowsRead: number;
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
  percent: number;
}

describe('audience: CSV import and export', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const waitForImport = async (id: number): Promise<Progress> => {
    for (let i = 0; i < 200; i++) {
      const res = await t.api().get(`/api/imports/${id}`).expect(200);
      if (res.body.status === 'finished' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not finish`);
  };

  it('imports good rows and reports each bad row by line and reason', async () => {
    const list = (await t.api().post('/api/lists').send({ name: 'Klanten' }).expect(201)).body;
    const existing = (
      await t
        .api()
        .post('/api/subscribers')
        .send({ email: 'bestaand@example.nl', name: 'Oud', attributes: { plan: 'free', keep: 'yes' } })
        .expect(201)
    ).body;
    const erased = (await t.api().post('/api/subscribers').send({ email: 'vergeten@example.nl' }).expect(201)).body;
    await t.api().delete(`/api/subscribers/${erased.id}?erase=true`).expect(204);

    const csv = Buffer.concat([
      Buffer.from('\uFEFF'),
      Buffer.from('E-mail;Naam;Stad;Abonnement\r\n'), // 1
      Buffer.from('anna@example.nl;"de Vries; Anna";Utrecht;pro\r\n'), // 2
      Buffer.from('"Bram@Example.NL";"Bram ""B"" Jansen";"Den\r\nHaag";free\r\n'), // 3-4
      Buffer.from('geen-email;Niemand;Delft;free\r\n'), // 5
      Buffer.from('ANNA@example.nl;Dubbel;Utrecht;pro\r\n'), // 6
      Buffer.from('cor@example.nl;Cor;Gouda\r\n'), // 7
      Buffer.concat([Buffer.from('dirk@example.nl;D'), Buffer.from([0xe9, 0x72]), Buffer.from('k;Delft;pro\r\n')]), // 8
      Buffer.from('vergeten@example.nl;Weg;Leiden;free\r\n'), // 9
      Buffer.from('\r\n'), // 10
      Buffer.from('bestaand@example.nl;Nieuw;Zwolle;pro\r\n'), // 11
      Buffer.from('eva@example.nl;Eva;Breda;free'), // 12, no final newline
    ]);
    const res = await t
      .api()
      .post('/api/imports')
      .field('listId', String(list.id))
      .field('mode', 'upsert')
      .field(
        'mapping',
        JSON.stringify({ email: 'E-mail', name: 'Naam', attributes: { city: 'Stad', plan: 'Abonnement' } }),
      )
      .attach('file', csv, { filename: 'klanten.csv', contentType: 'text/csv' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'queued', fileName: 'klanten.csv', listId: list.id, mode: 'upsert' });
    const done = await waitForImport(res.body.id);
    expect(done).toMatchObject({
      status: 'finished',
      rowsRead: 9,
      imported: 3,
      updated: 1,
      skipped: 0,
      failed: 5,
      percent: 100,
    });

    const errors = await t.api().get(`/api/imports/${res.body.id}/errors.csv`).expect(200);
    expect(errors.headers['content-type']).toContain('text/csv');
    const rows: string[][] = parse(errors.text);
    expect(rows).toEqual([
      ['line', 'reason', 'email'],
      ['5', 'invalid email address', 'geen-email'],
      ['6', 'duplicate email address in this file', 'ANNA@example.nl'],
      ['7', 'wrong column count: expected 4, found 3', 'cor@example.nl'],
      ['8', 'invalid UTF-8 (the file starts as UTF-8 but this line is not; save the file as UTF-8)', 'dirk@example.nl'],
      ['9', 'erased address (GDPR erasure): may not be re-added', 'vergeten@example.nl'],
    ]);

    const all = await t.api().get('/api/subscribers?q=example.nl&limit=100').expect(200);
    const byEmail = new Map(all.body.items.map((s: { email: string }) => [s.email, s]));
    expect(byEmail.get('anna@example.nl')).toMatchObject({
      name: 'de Vries; Anna',
      attributes: { city: 'Utrecht', plan: 'pro' },
    });
    expect(byEmail.get('Bram@example.nl')).toMatchObject({
      name: 'Bram "B" Jansen',
      attributes: { city: 'Den\r\nHaag' },
    });
    expect(byEmail.get('eva@example.nl')).toMatchObject({ name: 'Eva' });
    expect(byEmail.get(existing.email)).toMatchObject({
      id: existing.id,
      name: 'Nieuw',
      attributes: { plan: 'pro', keep: 'yes', city: 'Zwolle' },
    });
    expect(byEmail.has('dirk@example.nl')).toBe(false);
    const members = await t.api().get(`/api/lists/${list.id}/members?limit=100`).expect(200);
    expect(members.body.total).toBe(4);
    const consent = await t.api().get(`/api/subscribers/${existing.id}/consent`).expect(200);
    expect(consent.body).toEqual([
      expect.objectContaining({
        action: 'subscribe',
        method: 'import',
        source: `import:${res.body.id}`,
        listId: list.id,
      }),
    ]);
    // The upload holds personal data: it is removed once processed.
    expect(readdirSync(join(t.config.dataDir, 'imports'))).toEqual([]);
  });

  it('honours mode add (existing rows skipped) and guesses a mapping from "," headers', async () => {
    await t.api().post('/api/subscribers').send({ email: 'skip.me@example.org', name: 'Blijft' }).expect(201);
    const csv = 'email,name,city\nskip.me@example.org,Overschreven,Assen\nnew.one@example.org,Nieuw,Emmen\n';
    const res = await t
      .api()
      .post('/api/imports')
      .field('mode', 'add')
      .attach('file', Buffer.from(csv), 'people.csv')
      .expect(201);
    const done = await waitForImport(res.body.id);
    expect(done).toMatchObject({ status: 'finished', rowsRead: 2, imported: 1, skipped: 1, failed: 0 });
    const found = await t.api().get('/api/subscribers?q=example.org').expect(200);
    expect(
      found.body.items.map((s: { name: string; attributes: { city?: string } }) => [s.name, s.attributes.city ?? null]),
    ).toEqual([
      ['Blijft', null],
      ['Nieuw', 'Emmen'],
    ]);
  });

  it('imports a Windows-1252 ";" file from Dutch Excel with accented names intact', async () => {
    const names = ['José Peña', 'Zoë Müller', 'François Dupré', 'Ånne Ørsted'];
    const lines = ['E-mail;Naam;Stad'];
    for (let i = 1; i <= 51; i++)
      lines.push(`klant${i}@cp1252.example;${names[i % names.length]} ${i};'s-Hertogenbosch €${i}`);
    const csv = iconvEncode(lines.join('\r\n') + '\r\n', 'windows-1252');
    expect(csv.includes(Buffer.from('é'))).toBe(false); // really not UTF-8
    const res = await t.api().post('/api/imports').attach('file', csv, 'excel.csv').expect(201);
    const done = await waitForImport(res.body.id);
    expect(done).toMatchObject({ status: 'finished', rowsRead: 51, imported: 51, failed: 0 });
    const found = await t.api().get('/api/subscribers?q=cp1252.example&limit=100').expect(200);
    expect(found.body.items).toHaveLength(51);
    const byEmail = new Map(
      found.body.items.map((s: { email: string; name: string; attributes: Record<string, string> }) => [s.email, s]),
    );
    expect(byEmail.get('klant1@cp1252.example')).toMatchObject({
      name: 'Zoë Müller 1',
      attributes: { Stad: "'s-Hertogenbosch €1" },
    });
    expect(byEmail.get('klant4@cp1252.example')).toMatchObject({ name: 'José Peña 4' });
    expect(byEmail.get('klant51@cp1252.example')).toMatchObject({ name: 'Ånne Ørsted 51' });
  });

  it('imports a Mailchimp export without a mapping: 196 of 200 rows, the 4 bad ones reported by line', async () => {
    const lines = ['Email Address,First Name,Last Name,Address,Phone Number,MEMBER_RATING,OPTIN_TIME,TAGS'];
    const bad = new Map([
      [37, 'not-an-address,Bad,Row,,,2,2024-01-01 10:00:00,'],
      [88, ',No,Email,,,2,2024-01-01 10:00:00,'],
      [120, 'lid3@mailchimp.example,Twee,Keer,,,2,2024-01-01 10:00:00,'],
      [171, 'kort@mailchimp.example,Te,Kort'],
    ]);
    for (let line = 2; line <= 201; line++) {
      lines.push(
        bad.get(line) ??
          `lid${line}@mailchimp.example,Anna,de Vries ${line},"Straat 1, Utrecht",,${line % 5},2024-01-01 10:00:00,"vip,nl"`,
      );
    }
    const res = await t
      .api()
      .post('/api/imports')
      .attach('file', Buffer.from(lines.join('\n') + '\n'), 'members_export.csv')
      .expect(201);
    const done = await waitForImport(res.body.id);
    expect(done).toMatchObject({ status: 'finished', rowsRead: 200, imported: 196, failed: 4 });
    const errors: string[][] = parse((await t.api().get(`/api/imports/${res.body.id}/errors.csv`).expect(200)).text);
    expect(errors.slice(1).map(([line, reason]) => [line, reason])).toEqual([
      ['37', 'invalid email address'],
      ['88', 'missing email address'],
      ['120', 'duplicate email address in this file'],
      ['171', 'wrong column count: expected 8, found 3'],
    ]);
    const found = await t.api().get('/api/subscribers?q=lid42@mailchimp.example').expect(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        email: 'lid42@mailchimp.example',
        name: 'Anna de Vries 42',
        firstName: 'Anna',
        lastName: 'de Vries 42',
        // attribute names as the exporter wrote them; segments match them without regard to case
        attributes: expect.objectContaining({ MEMBER_RATING: '2', TAGS: 'vip,nl' }),
      }),
    ]);
  });

  it('imports a listmonk export with its JSON attributes column, refusing a row whose JSON is broken', async () => {
    const csv =
      'email,name,attributes\n' +
      'lm1@listmonk.example,Lia,"{""city"": ""Utrecht"", ""age"": 41}"\n' +
      'lm2@listmonk.example,Bo,{}\n' +
      'lm3@listmonk.example,Kapot,"{city"\n';
    const res = await t.api().post('/api/imports').attach('file', Buffer.from(csv), 'subscribers.csv').expect(201);
    expect(await waitForImport(res.body.id)).toMatchObject({ status: 'finished', imported: 2, failed: 1 });
    const errors: string[][] = parse((await t.api().get(`/api/imports/${res.body.id}/errors.csv`).expect(200)).text);
    expect(errors.slice(1)).toEqual([['4', expect.stringContaining('not a JSON object'), 'lm3@listmonk.example']]);
    const found = await t.api().get('/api/subscribers?q=listmonk.example').expect(200);
    expect(found.body.items.map((s: { name: string; attributes: object }) => [s.name, s.attributes])).toEqual([
      ['Lia', { city: 'Utrecht', age: '41' }],
      ['Bo', {}],
    ]);
  });

  it('refuses a bad upload with a clear 4xx and keeps no file', async () => {
    const noEmail = await t
      .api()
      .post('/api/imports')
      .attach('file', Buffer.from('naam,stad\nA,B\n'), 'x.csv')
      .expect(400);
    expect(noEmail.body.message).toContain('no email column');
    const badColumn = await t
      .api()
      .post('/api/imports')
      .field('mapping', '{"email":"Mail"}')
      .attach('file', Buffer.from('email\na@b.nl\n'), 'x.csv')
      .expect(400);
    expect(badColumn.body.message).toBe('mapping.email: column "Mail" is not in the header (email)');
    await t
      .api()
      .post('/api/imports')
      .field('listId', '9999')
      .attach('file', Buffer.from('email\na@b.nl\n'), 'x.csv')
      .expect(404);
    await t
      .api()
      .post('/api/imports')
      .field('mode', 'merge')
      .attach('file', Buffer.from('email\na@b.nl\n'), 'x.csv')
      .expect(400);
    await t.api().post('/api/imports').send({ nope: 1 }).expect(400);
    const dir = join(t.config.dataDir, 'imports');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('exports a list and a segment as CSV with formulas neutralised', async () => {
    const list = (await t.api().post('/api/lists').send({ name: 'Export' }).expect(201)).body;
    const evil = (
      await t
        .api()
        .post('/api/subscribers')
        .send({
          email: 'evil@export.nl',
          name: '=HYPERLINK("http://x","klik")',
          attributes: { city: '+31 Utrecht', note: '@SUM(A1)' },
        })
        .expect(201)
    ).body;
    const plain = (
      await t
        .api()
        .post('/api/subscribers')
        .send({ email: 'plain@export.nl', name: '-5', attributes: { city: 'Tiel' } })
        .expect(201)
    ).body;
    await t
      .api()
      .post(`/api/lists/${list.id}/members`)
      .send({ subscriberIds: [evil.id, plain.id] })
      .expect(200);
    const res = await t.api().get(`/api/lists/${list.id}/export.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`list-${list.id}.csv`);
    const rows: string[][] = parse(res.text, { bom: true });
    expect(rows[0]).toEqual([
      'email',
      'name',
      'status',
      'external_id',
      'locale',
      'attributes',
      'created_at',
      'list_status',
    ]);
    expect(rows[1].slice(0, 3)).toEqual(['evil@export.nl', `'=HYPERLINK("http://x","klik")`, 'active']);
    expect(rows[2][1]).toBe("'-5");
    expect(rows[1][7]).toBe('confirmed');
    for (const cell of rows.slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const segment = (
      await t
        .api()
        .post('/api/segments')
        .send({
          name: 'Utrecht',
          filter: {
            all: [
              { field: 'attributes.city', op: 'contains', value: 'utrecht' },
              { field: 'email', op: 'contains', value: '@export.nl' },
            ],
          },
        })
        .expect(201)
    ).body;
    const seg = await t.api().get(`/api/segments/${segment.id}/export.csv`).expect(200);
    const segRows: string[][] = parse(seg.text, { bom: true });
    expect(segRows.map((r) => r[0])).toEqual(['email', 'evil@export.nl']);
  });

  it('CLI: uploads through the API and draws progress on stderr', async () => {
    expect(JSON.parse(mappingFromFlag('email=E-mail,name=Naam,city=Stad'))).toEqual({
      email: 'E-mail',
      name: 'Naam',
      attributes: { city: 'Stad' },
    });
    const list = (await t.api().post('/api/lists').send({ name: 'CLI' }).expect(201)).body;
    const file = join(t.config.dataDir, 'cli.csv');
    writeFileSync(file, 'E-mail;Naam;Stad\r\ncli1@cli.nl;Een;Ede\r\ncli2@cli.nl;Twee;Epe\r\nfout;Drie;Ede\r\n');
    let err = '';
    let out = '';
    const code = await runImportCli([file, '--list', String(list.id), '--map', 'email=E-mail,name=Naam,city=Stad'], {
      env: { VALUEMAIL_API_KEY: t.apiKey },
      defaultUrl: t.baseUrl,
      stderr: { write: (s: string) => (err += s) },
      stdout: { write: (s: string) => (out += s) },
      pollMs: 20,
    });
    expect(code).toBe(0);
    expect(err).toMatch(/\[#+\] 100\.0% {2}rows 3 {2}new 2 {2}updated 0 {2}skipped 0 {2}failed 1/);
    expect(out).toMatch(
      /^import \d+ \(utf-8, ";"-separated\): 2 new, 0 updated, 0 skipped, 1 failed \(bad rows: .*errors\.csv\)/,
    );
    const members = await t.api().get(`/api/lists/${list.id}/members`).expect(200);
    expect(members.body.total).toBe(2);
    const refused = await runImportCli([file, '--list', '999'], {
      env: { VALUEMAIL_API_KEY: t.apiKey },
      defaultUrl: t.baseUrl,
      stderr: { write: (s: string) => (err = s) },
      stdout: { write: () => 0 },
    });
    expect(refused).toBe(1);
    expect(err).toBe('import refused (404): List 999 does not exist\n');
    const misspelt = await runImportCli([file, '--lsit', String(list.id)], {
      env: { VALUEMAIL_API_KEY: t.apiKey },
      defaultUrl: t.baseUrl,
      stderr: { write: (s: string) => (err = s) },
      stdout: { write: () => 0 },
    });
    expect(misspelt).toBe(2);
    expect(err).toMatch(/Unknown option '--lsit'[\s\S]*import FILE --list ID/);
  });

  it('imports a "|"-separated file', async () => {
    const csv = 'email|name|city\npipe1@pipe.example|Een|"Ede|Wageningen"\npipe2@pipe.example|Twee|Epe\n';
    const res = await t.api().post('/api/imports').attach('file', Buffer.from(csv), 'pipes.csv').expect(201);
    expect(await waitForImport(res.body.id)).toMatchObject({ status: 'finished', imported: 2, failed: 0 });
    const found = await t.api().get('/api/subscribers?q=pipe.example').expect(200);
    expect(found.body.items.map((s: { attributes: { city: string } }) => s.attributes.city).sort()).toEqual([
      'Ede|Wageningen',
      'Epe',
    ]);
  });

  it('a retried job resumes after the last committed line and a finished one does nothing', async () => {
    const file = join(t.config.dataDir, 'resume.csv');
    writeFileSync(file, 'email\nr1@resume.nl\nr2@resume.nl\nr3@resume.nl\nr4@resume.nl\n');
    const runs = t.app.get(DataSource).getRepository(ImportRun);
    // As left by a crash after committing the batch that ended on line 3.
    const crashed = await runs.save({
      fileName: 'resume.csv',
      storedPath: file,
      listId: null,
      mode: 'upsert',
      mapping: { email: 'email' },
      status: 'running',
      linesDone: 3,
      rowsRead: 2,
      imported: 2,
      startedAt: new Date(),
    });
    await t.app.get(RunImport).execute(crashed.id);
    const done = await t.api().get(`/api/imports/${crashed.id}`).expect(200);
    expect(done.body).toMatchObject({ status: 'finished', rowsRead: 4, imported: 4, failed: 0 });
    const found = await t.api().get('/api/subscribers?q=resume.nl').expect(200);
    expect(found.body.items.map((s: { email: string }) => s.email)).toEqual(['r3@resume.nl', 'r4@resume.nl']);
    await t.app.get(RunImport).execute(crashed.id);
    expect((await t.api().get(`/api/imports/${crashed.id}`)).body.imported).toBe(4);
  });
});
