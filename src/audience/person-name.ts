// A person's names: the full name is what the marketer gave, or else made from first/middle/last
// ("Anna" "de" "Vries" → "Anna de Vries"); the first name is the field, or else the full name's first word.

const collapse = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ');

/** The full name from its parts, at most 200 characters. */
export function fullNameOf(parts: { firstName?: string; middleName?: string; lastName?: string }): string {
  return [parts.firstName, parts.middleName, parts.lastName].map(collapse).filter(Boolean).join(' ').slice(0, 200);
}

/** What the "First name" tag says: the first name, or the first word of the full name. */
export function greetingNameOf(subscriber: { name: string; firstName?: string | null }): string {
  const first = collapse(subscriber.firstName ?? '');
  if (first) return first;
  return collapse(subscriber.name).split(' ')[0] ?? '';
}
