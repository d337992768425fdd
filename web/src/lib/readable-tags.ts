import type { TFunction } from 'i18next';

// {{subscriber.email}}, {{default subscriber.name "there"}}, {{subscriber.attributes.city}}, {{ unsubscribe_url }} …
const TAG = /\{\{\{?\s*(?:default\s+)?([\w.]+)(?:\s+"[^"]*")?\s*\}?\}\}/g;

/**
 * A subject or preheader as a marketer reads it: each personalisation tag becomes its field's name in
 * brackets ("One question, [first name]") instead of template syntax.
 */
export function readableTags(text: string, t: TFunction): string {
  return text.replace(TAG, (_tag, path: string) => {
    const field = path.replace(/^subscriber\./, '');
    const label = field.startsWith('attributes.')
      ? field.slice('attributes.'.length)
      : t(`tagFields.${field}`, { defaultValue: field.replace(/[._]/g, ' ') });
    return `[${label}]`;
  });
}
