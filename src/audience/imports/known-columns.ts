// The column names exporters write, in one table used by the server's guess (import-mapping.ts) and
// the web import wizard (web/src/lib/csv-preview.ts). Keep it free of Node APIs: it runs in the browser too.

export type KnownColumn =
  'email' | 'name' | 'firstName' | 'middleName' | 'lastName' | 'externalId' | 'locale' | 'timezone' | 'attributesJson';

/** Header spellings by role, compared without case, spaces or punctuation ("E-mail Address" = "emailaddress"). */
const KNOWN_COLUMNS: Record<KnownColumn, string[]> = {
  // Mailchimp "Email Address", Brevo/Sendinblue "EMAIL", HubSpot "Email", Dutch "E-mailadres", listmonk/Keila "email",
  // MailerLite "Subscriber", German "E-Mail-Adresse", French "Adresse e-mail"/"Courriel"
  email: [
    'email',
    'emailaddress',
    'emailadres',
    'mail',
    'mailadres',
    'emailadresse',
    'mailadresse',
    'adresseemail',
    'adressemail',
    'adressecourriel',
    'courriel',
    'subscriber',
  ],
  name: ['name', 'naam', 'fullname', 'volledigenaam', 'contactname', 'displayname', 'nomcomplet', 'vollername'],
  // Mailchimp "First Name", Brevo "FIRSTNAME"/"PRENOM", HubSpot "First Name", Dutch "Voornaam"
  firstName: ['firstname', 'fname', 'givenname', 'voornaam', 'roepnaam', 'prenom', 'vorname'],
  middleName: ['middlename', 'tussenvoegsel', 'tussenvoegsels', 'infix'],
  lastName: [
    'lastname',
    'lname',
    'surname',
    'familyname',
    'achternaam',
    'nom',
    'nomdefamille',
    'nachname',
    'familienname',
  ],
  // HubSpot "Record ID"/"Contact ID", Brevo "EXT_ID"
  externalId: ['externalid', 'extid', 'customerid', 'klantnummer', 'klantid', 'recordid', 'contactid'],
  locale: ['locale', 'language', 'lang', 'taal', 'preferredlanguage', 'sprache', 'langue'],
  // Dutch "Tijdzone", German "Zeitzone", French "Fuseau horaire"
  timezone: ['timezone', 'tz', 'timezonename', 'tijdzone', 'zeitzone', 'fuseauhoraire'],
  // listmonk and Keila export custom fields as one JSON object column
  attributesJson: ['attributes', 'attribs', 'customfields'],
};

const BY_SPELLING = new Map(
  Object.entries(KNOWN_COLUMNS).flatMap(([role, spellings]) => spellings.map((s) => [s, role as KnownColumn])),
);

/** "Prénom" → "Prenom", "Straße" → "Strasse". */
function withoutAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

/** A header without accents or case: "Prénom" → "prenom", "Straße" → "strasse". */
function fold(header: string): string {
  return withoutAccents(header).toLowerCase();
}

/** What a header names, if an exporter's usual spelling. */
export function knownColumn(header: string): KnownColumn | undefined {
  return BY_SPELLING.get(fold(header).replace(/[^a-z0-9]/g, ''));
}

/**
 * An attribute key for a column, kept as written: "Stad" stays "Stad" (segments match keys without regard
 * to case). Only what the attribute grammar cannot hold changes: accents go ("Téléphone" → "Telephone",
 * "Straße" → "Strasse"), each run of spaces or punctuation becomes one "_" ("Woon plaats" → "Woon_plaats"),
 * at most 64 characters. The middle name keeps its role's name.
 */
export function attributeKeyOf(header: string): string {
  if (knownColumn(header) === 'middleName') return 'middleName';
  return withoutAccents(header)
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

/** The columns that make up the name when there is no name column, in reading order ("Anna" "de" "Vries"). */
export function nameColumns(headers: Array<{ column: string; role: KnownColumn | undefined }>): string[] {
  const order: KnownColumn[] = ['firstName', 'middleName', 'lastName'];
  return order.flatMap((role) =>
    headers
      .filter((h) => h.role === role)
      .slice(0, 1)
      .map((h) => h.column),
  );
}
