import type { CampaignReport } from './campaign-report.types';

export type ReportRow = [section: string, metric: string, value: string | number];

// Fields that name an element of an array better than its position does.
const ELEMENT_KEYS = ['key', 'hour', 'dimension', 'type', 'value', 'topic', 'index', 'currency', 'position'];

function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

function labels(items: unknown[]): string[] {
  const objects = items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i) && !(i instanceof Date));
  const key = objects
    ? ELEMENT_KEYS.find((k) => items.every((i) => (i as Record<string, unknown>)[k] !== undefined))
    : undefined;
  const named = key ? items.map((i) => String((i as Record<string, unknown>)[key])) : [];
  return key && new Set(named).size === named.length ? named : items.map((_, i) => String(i));
}

function walk(section: string, path: string, value: unknown, out: ReportRow[]): void {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      out.push([section, path, value.map((v) => cell(v)).join('; ')]);
      return;
    }
    const names = labels(value);
    value.forEach((v, i) => walk(section, `${path}[${names[i]}]`, v, out));
    return;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) walk(section, path ? `${path}.${k}` : k, v, out);
    return;
  }
  out.push([section, path, cell(value)]);
}

/**
 * The report as section,metric,value rows: every figure of the JSON under its
 * path (array elements named by their key, hour, dimension...), so the CSV
 * never drifts from what the API answers.
 */
export function reportRows(report: CampaignReport): ReportRow[] {
  const out: ReportRow[] = [];
  walk('campaign', '', report.campaign, out);
  out.push(['campaign', 'generatedAt', report.generatedAt]);
  walk('funnel', '', report.funnel, out);
  out.push(['kind', 'kind', report.kindBlock.kind]);
  walk('kind', '', report.kindBlock.report, out);
  walk('value', '', report.value, out);
  walk('deliverability', '', report.deliverability, out);
  walk('revenue', '', report.revenue, out);
  walk('timeline', '', report.timeline, out);
  return out;
}
