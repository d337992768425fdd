import { describe, expect, it } from 'vitest';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, SCORE_NAMES, SUBSCRIBER_STATUSES } from '../api/types';
import { FIELDS } from '../features/audience/segment-model';
import { fieldKey } from '../features/audience/SegmentBuilder';
import { defaultContent } from '../kinds/registry';
import { en } from './en';
import { nl } from './nl';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const EN = leaves(en as Tree);
const NL = leaves(nl as Tree);
/** A key exists when it or its plural forms do. */
const has = (map: Map<string, string>, key: string) =>
  map.has(key) || (map.has(`${key}_one`) && map.has(`${key}_other`));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// Every source file, to find the keys the code asks for.
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../i18n/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('EN and NL translations', () => {
  it('have exactly the same keys', () => {
    expect([...NL.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect([...EN.keys()].filter((k) => !NL.has(k))).toEqual([]);
  });

  it('use the same {{placeholders}} in both languages, and no Dutch string is left empty', () => {
    const mismatched = [...EN].filter(
      ([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(NL.get(key) ?? '')),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
    expect([...NL].filter(([, text]) => !text.trim()).map(([k]) => k)).toEqual([]);
  });

  it('contain every literal key the code uses', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bkey: '([a-z]+\.problems\.[\w.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(400);
    expect([...used].filter((k) => !has(EN, k))).toEqual([]);
  });

  it('contain the keys built from enumerations', () => {
    const keys = [
      ...CAMPAIGN_KINDS.flatMap((k) => ['name', 'value', 'does', 'action'].map((p) => `kinds.${k}.${p}`)),
      ...CAMPAIGN_KINDS.map((k) => `report.kindTitle.${k}`),
      ...CAMPAIGN_STATUSES.map((s) => `campaignStatus.${s}`),
      ...SUBSCRIBER_STATUSES.map((s) => `subscriberStatus.${s}`),
      ...SCORE_NAMES.map((s) => `dimensions.${s}`),
      ...FIELDS.map((f) => `segments.fields.${fieldKey(f.name)}`),
      ...FIELDS.flatMap((f) => f.ops.map((op) => `segments.ops.${op}`)),
      ...['field', 'operator', 'value', 'attributeKey', 'topic'].map((w) => `segments.${w}`),
      ...['profile', 'value', 'attributes'].map((g) => `segments.fieldGroups.${g}`),
      ...['promoter', 'passive', 'detractor'].map((c) => `npsClass.${c}`),
      ...['none', 'started', 'converted'].map((c) => `trialStatus.${c}`),
      ...['delivered', 'opened', 'clicked', 'acted', 'openedMachine'].map((s) => `report.funnel.${s}`),
      ...['brand', 'smtp', 'dkim', 'tracking', 'webhooks', 'keys', 'users'].map((s) => `settings.tabs.${s}`),
    ];
    expect(keys.filter((k) => !has(EN, k))).toEqual([]);
  });

  it('label every field of every kind form', () => {
    // Field labels are fields.<kind>.<name> with list indexes dropped (items.0.url → items.url).
    const missing: string[] = [];
    for (const kind of CAMPAIGN_KINDS) {
      const visit = (value: unknown, path: string) => {
        if (Array.isArray(value))
          value.forEach((item) => typeof item === 'object' && item !== null && visit(item, path));
        else if (typeof value === 'object' && value !== null)
          for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
        else if (!has(EN, `fields.${kind}.${path}`)) missing.push(`fields.${kind}.${path}`);
      };
      const content = defaultContent(kind);
      // Poll choices are labelled one by one (fields.poll.choice).
      if (kind === 'poll') delete content.choices;
      visit(content, '');
    }
    expect(missing).toEqual([]);
  });
});
