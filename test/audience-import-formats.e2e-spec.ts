import { parse } from 'csv-parse/sync';
import { encode } from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImportCli } from '../src/audience/imports/import.cli';
import { startTestApp, TestApp } from './support/test-app';

// The fixtures are the bytes real tools export (test/fixtures/imports/generate.js writes them).
const FIXTURES = join(__dirname, 'fixtures', 'imports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

interface Progress {
  id: number;
  status: string;
  rowsRead: number;
  imported: number;
  updated: number;
  failed: number;
  encoding: string;
  encodingChosen: boolean;
  delimiter: string;
  error: string | null;
}

interface Subscriber {
  email: string;
  name: string | null;
  firstName: string;
  lastName: string;
  timezone: string | null;
  attributes: Record<string, string>;
}

describe('audience: importing the files marketers actually have', () => {
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

  const importFile = async (bytes: Buffer, filename: string, fields: Record<string, string> = {}) => {
    let req = t.api().post('/api/imports');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', bytes, { filename, contentType: 'text/csv' }).expect(201);
    return waitForImport(res.body.id);
  };

  const errorsOf = async (id: number): Promise<string[][]> => {
    const res = await t.api().get(`/api/imports/${id}/errors.csv`).expect(200);
    return (parse(res.text) as string[][]).slice(1).map(([line, reason]) => [line, reason]);
  };

  const subscribers = async (domain: string): Promise<Map<string, Subscriber>> => {
    const res = await t
      .api()
      .get(`/api/subscribers?q=${encodeURIComponent(domain)}&limit=100`)
      .expect(200);
    return new Map((res.body.items as Subscriber[]).map((s) => [s.email, s]));
  };

  const INVALID = 'invalid email address';
  const DUPLICATE = 'duplicate email address in this file';

  it('Mailchimp audience export: names from First/Last Name, every other column an attribute', async () => {
    const done = await importFile(fixture('mailchimp-audience.csv'), 'members_export.csv');
    expect(done).toMatchObject({
      status: 'finished',
      rowsRead: 6,
      imported: 3,
      failed: 3,
      encoding: 'utf-8',
      encodingChosen: false,
      delimiter: ',',
    });
    expect(await errorsOf(done.id)).toEqual([
      ['4', INVALID],
      ['5', DUPLICATE],
      ['6', INVALID],
    ]);
    const got = await subscribers('mc.example');
    expect([...got.keys()].sort()).toEqual(['francoise@mc.example', 'jose@mc.example', 'zoe@mc.example']);
    expect(got.get('jose@mc.example')).toMatchObject({
      name: 'José García',
      firstName: 'José',
      lastName: 'García',
      timezone: 'Europe/Madrid',
      // Attribute names as the exporter wrote them (only spaces and punctuation become "_").
      attributes: {
        Address: 'Calle Mayor 1  Madrid  28013 ES',
        Phone_Number: '+34 600 000 000',
        MEMBER_RATING: '4',
        OPTIN_TIME: '2024-03-01 10:00:00',
        TAGS: '"VIP","Newsletter"',
      },
    });
    expect(got.get('zoe@mc.example')?.name).toBe('Zoë de Vries');
    expect(got.get('francoise@mc.example')?.name).toBe('Françoise Lefèvre');
  });

  it('Brevo contact export: ";"-separated, upper-case headers', async () => {
    const done = await importFile(fixture('brevo-contacts.csv'), 'contacts.csv');
    expect(done).toMatchObject({ status: 'finished', imported: 2, failed: 2, encoding: 'utf-8', delimiter: ';' });
    expect(await errorsOf(done.id)).toEqual([
      ['4', INVALID],
      ['5', DUPLICATE],
    ]);
    const got = await subscribers('brevo.example');
    expect(got.get('anais@brevo.example')).toMatchObject({
      name: 'Anaïs Dupont',
      attributes: { SMS: '+33612345678', DOUBLE_OPT_IN: 'Yes', OPT_IN: '1', DATE_NAISSANCE: '1990-07-14' },
    });
    expect(got.get('lukas@brevo.example')?.name).toBe('Lukas Müller');
  });

  it('listmonk export: the JSON attributes column becomes attributes', async () => {
    const done = await importFile(fixture('listmonk-subscribers.csv'), 'subscribers.csv');
    expect(done).toMatchObject({ status: 'finished', imported: 2, failed: 2, encoding: 'utf-8', delimiter: ',' });
    expect(await errorsOf(done.id)).toEqual([
      ['4', 'the attributes column is not a JSON object, e.g. {"city": "Utrecht"}'],
      ['5', DUPLICATE],
    ]);
    const got = await subscribers('lm.example');
    expect(got.get('ines@lm.example')).toMatchObject({
      name: 'Inês Costa',
      attributes: {
        city: 'Porto',
        plan: 'pro',
        score: '7',
        uuid: '7d2c1a6e-0000-4000-8000-000000000001',
        status: 'enabled',
      },
    });
  });

  it('Excel NL "CSV (gescheiden door lijstscheidingsteken)": Windows-1252, ";"', async () => {
    const done = await importFile(fixture('excel-nl-windows-1252.csv'), 'klanten.csv');
    expect(done).toMatchObject({
      status: 'finished',
      imported: 4,
      failed: 3,
      encoding: 'windows-1252',
      encodingChosen: false,
      delimiter: ';',
    });
    expect(await errorsOf(done.id)).toEqual([
      ['5', INVALID],
      ['6', DUPLICATE],
      ['7', INVALID],
    ]);
    const got = await subscribers('nl.example');
    expect(got.get('jose@nl.example')).toMatchObject({
      name: 'José Martínez',
      firstName: 'José',
      lastName: 'Martínez',
      attributes: { Woonplaats: 'Utrecht', Klant_sinds: '31-12-2024' },
    });
    expect(got.get('zoe@nl.example')?.name).toBe('Zoë Jansen');
    expect(got.get('francoise@nl.example')?.name).toBe('Françoise Müller');
    expect(got.get('euro@nl.example')?.name).toBe('Eurydice €uro');
  });

  it('Excel "Unicode text": UTF-16 LE with BOM, tab-separated, German headers', async () => {
    const done = await importFile(fixture('excel-unicode-text.txt'), 'kontakte.txt');
    expect(done).toMatchObject({ status: 'finished', imported: 2, failed: 2, encoding: 'utf-16le', delimiter: '\t' });
    expect(await errorsOf(done.id)).toEqual([
      ['4', INVALID],
      ['5', DUPLICATE],
    ]);
    const got = await subscribers('de.example');
    expect(got.get('jurgen@de.example')).toMatchObject({ name: 'Jürgen Groß', attributes: { Ort: 'München' } });
    expect(got.get('lukasz@de.example')?.name).toBe('Łukasz Żółć');
  });

  it('Excel "CSV UTF-8": UTF-8 with BOM, French headers', async () => {
    const done = await importFile(fixture('excel-csv-utf8-bom.csv'), 'contacts.csv');
    expect(done).toMatchObject({ status: 'finished', imported: 2, failed: 2, encoding: 'utf-8', delimiter: ',' });
    expect(await errorsOf(done.id)).toEqual([
      ['4', INVALID],
      ['5', DUPLICATE],
    ]);
    const got = await subscribers('fr.example');
    expect(got.get('helene@fr.example')).toMatchObject({
      name: 'Hélène Lefèvre',
      firstName: 'Hélène',
      lastName: 'Lefèvre',
      attributes: { Telephone: '+33 1 23 45 67 89', Ville: 'Paris' },
    });
  });

  it('CLI: MailerLite export with --encoding, "Subscriber" as the address and "Name" as first name', async () => {
    let err = '';
    let out = '';
    const code = await runImportCli([join(FIXTURES, 'mailerlite-subscribers.csv'), '--encoding', 'utf-8'], {
      env: { VALUEMAIL_API_KEY: t.apiKey },
      defaultUrl: t.baseUrl,
      stderr: { write: (s: string) => (err += s) },
      stdout: { write: (s: string) => (out += s) },
      pollMs: 20,
    });
    expect({ code, err: code ? err : '' }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^import (\d+) \(utf-8, ","-separated\): 2 new, 0 updated, 0 skipped, 1 failed/);
    const id = Number(/^import (\d+)/.exec(out)![1]);
    expect(await waitForImport(id)).toMatchObject({ encoding: 'utf-8', encodingChosen: true });
    expect(await errorsOf(id)).toEqual([['4', INVALID]]);
    const got = await subscribers('ml.example');
    expect(got.get('malgorzata@ml.example')).toMatchObject({
      name: 'Małgorzata Wójcik',
      firstName: 'Małgorzata',
      lastName: 'Wójcik',
      attributes: { City: 'Łódź', Z_I_P: '90-001', Company: 'Acme' },
    });
  });

  it('a chosen encoding overrides detection: ISO-8859-15 reads 0xA4 as €', async () => {
    const bytes = encode('email;naam\r\noeuvre@iso.example;Œuvre €\r\n', 'iso-8859-15');
    const detected = await importFile(bytes, 'iso.csv', { mode: 'add' });
    expect(detected).toMatchObject({ imported: 1, encoding: 'windows-1252', encodingChosen: false });
    expect((await subscribers('iso.example')).get('oeuvre@iso.example')?.name).toBe('¼uvre ¤');
    const chosen = await importFile(bytes, 'iso.csv', { encoding: 'ISO-8859-15' });
    expect(chosen).toMatchObject({ updated: 1, encoding: 'iso-8859-15', encodingChosen: true });
    expect((await subscribers('iso.example')).get('oeuvre@iso.example')?.name).toBe('Œuvre €');
  });

  it('reads UTF-16 without a byte-order mark', async () => {
    const bytes = Buffer.from('email\tname\r\nnobom@u16.example\tŽofie\r\n', 'utf16le');
    const done = await importFile(bytes, 'u16.txt');
    expect(done).toMatchObject({ imported: 1, encoding: 'utf-16le', delimiter: '\t' });
    expect((await subscribers('u16.example')).get('nobom@u16.example')?.name).toBe('Žofie');
  });

  it('under a chosen UTF-8, lines with other bytes fail one by one (never replaced silently)', async () => {
    const done = await importFile(fixture('excel-nl-windows-1252.csv'), 'klanten.csv', {
      encoding: 'utf-8',
      mode: 'add',
    });
    const bad =
      'bytes that are not UTF-8 on this line (the file is read as UTF-8 as chosen; pick the encoding the file was saved in)';
    expect(done).toMatchObject({ status: 'finished', imported: 0, failed: 7, encoding: 'utf-8', encodingChosen: true });
    expect(await errorsOf(done.id)).toEqual([
      ['2', bad],
      ['3', bad],
      ['4', bad],
      ['5', INVALID],
      ['6', bad],
      ['7', INVALID],
      ['8', bad],
    ]);
    expect((await subscribers('nl.example')).get('jose@nl.example')?.name).toBe('José Martínez');
  });

  it('refuses an encoding it does not read, with the ones it does', async () => {
    const res = await t
      .api()
      .post('/api/imports')
      .field('encoding', 'ebcdic')
      .attach('file', Buffer.from('email\na@b.example\n'), 'x.csv')
      .expect(400);
    expect(res.body.message).toBe(
      'encoding "ebcdic" is not one we read; use one of utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15 (or leave it out to detect it)',
    );
  });
});
