// The column names exporters write, in one table used by the server's guess (import-mapping.ts) and
// the web import wizard (web/src/lib/csv-preview.ts). Keep it free of Node APIs: it runs in the browser too.

export type KnownColumn =
  'email' | 'name' | 'firstName' | 'middleName' | 'lastName' | 'externalId' | 'locale' | 'attributesJson';

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
  locale: ['locale', 'language', 'lang', 'taal', 'preferredlanguage'],
  // listmonk and Keila export custom fields as one JSON object column
  attributesJson: ['attributes', 'attribs', 'customfields'],
};

const BY_SPELLING = new Map(
  Object.entries(KNOWN_COLUMNS).flatMap(([role, spellings]) => spellings.map((s) => [s, role as KnownColumn])),
);

/** A header without accents or case: "Prénom" → "prenom", "Straße" → "strasse". */
function fold(header: string): string {
  return header.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

/** What a header names, if an exporter's usual spelling. */
export function knownColumn(header: string): KnownColumn | undefined {
  return BY_SPELLING.get(fold(header).replace(/[^a-z0-9]/g, ''));
}

/**
 * An attribute key for a column: "Woon plaats" → "woon_plaats", "Téléphone" → "telephone";
 * first/middle/last names keep their role's name.
 */
export function attributeKeyOf(header: string): string {
  const role = knownColumn(header);
  if (role === 'firstName' || role === 'middleName' || role === 'lastName') return role;
  return fold(header)
    .replace(/[^a-z0-9_]+/g, '_')
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
