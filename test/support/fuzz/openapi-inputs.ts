import fc from 'fast-check';
import { malformedBodyText, malformedJsonValue, malformedQuery, malformedSegment, oddContentType } from './malformed';

type Schema = {
  $ref?: string;
  type?: string;
  example?: unknown;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  default?: unknown;
  format?: string;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema };
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was malformed, for the failure report. */
  mutations: string[];
}

export interface Route {
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  bodySchema?: Schema;
  bodyType?: string;
}

export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      routes.push({
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodySchema: bodyType ? content[bodyType].schema : undefined,
        bodyType,
      });
    }
  }
  return routes;
}

/** A plausible, well-formed value for a schema (examples first), the base each malformed input changes. */
export function sampleOf(schema: Schema | undefined, doc: OpenApiDocument, depth = 0): unknown {
  if (!schema || depth > 6) return {};
  if (schema.$ref) return sampleOf(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (variant) return sampleOf(variant, doc, depth + 1);
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time'
        ? '2026-01-01T10:00:00Z'
        : schema.format === 'email'
          ? 'fuzz@example.com'
          : 'fuzz';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleOf(schema.items, doc, depth + 1)];
    default:
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, doc, depth + 1)]),
      );
  }
}

type Mutation =
  | { kind: 'path'; param: number; value: string }
  | { kind: 'query'; text: string }
  | { kind: 'field'; field: number; value: string }
  | { kind: 'extraKey'; key: string; value: string }
  | { kind: 'body'; text: string }
  | { kind: 'contentType'; value: string };

/**
 * Malformed requests for one route: each takes the well-formed base and breaks
 * one to three parts of it (a path id, the query, a body field, the whole body,
 * an extra prototype-polluting key, the content type).
 */
export function malformedRequests(
  route: Route,
  doc: OpenApiDocument,
  base: { path: Record<string, string>; authorization?: string },
): fc.Arbitrary<FuzzRequest> {
  const body = route.bodySchema ? sampleOf(route.bodySchema, doc) : undefined;
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body as object) : [];
  const options: fc.Arbitrary<Mutation>[] = [
    malformedQuery(route.queryParams).map((text) => ({ kind: 'query' as const, text })),
  ];
  if (route.pathParams.length)
    options.push(
      fc
        .tuple(fc.nat(route.pathParams.length - 1), malformedSegment)
        .map(([param, value]) => ({ kind: 'path' as const, param, value })),
    );
  if ((route.method !== 'GET' && route.method !== 'DELETE') || route.bodySchema) {
    options.push(malformedBodyText.map((text) => ({ kind: 'body' as const, text })));
    options.push(oddContentType.map((value) => ({ kind: 'contentType' as const, value })));
    options.push(
      fc
        .tuple(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'prototype',
            'isAdmin',
            'role',
            'id',
            '',
            'a'.repeat(300),
            '\u202E',
          ),
          malformedJsonValue,
        )
        .map(([key, value]) => ({ kind: 'extraKey' as const, key, value })),
    );
  }
  if (fields.length) {
    const field = fc
      .tuple(fc.nat(fields.length - 1), malformedJsonValue)
      .map(([f, value]) => ({ kind: 'field' as const, field: f, value }));
    options.push(field, field, field);
  }
  return fc
    .array(fc.oneof(...options), { minLength: 1, maxLength: 3 })
    .map((mutations) => build(route, base, body, fields, mutations));
}

function build(
  route: Route,
  base: { path: Record<string, string>; authorization?: string },
  body: unknown,
  fields: string[],
  mutations: Mutation[],
): FuzzRequest {
  const path = { ...base.path };
  const query: string[] = [];
  let contentType = route.bodyType ?? 'application/json';
  const entries: Array<[string, string]> = fields.map((f) => [
    JSON.stringify(f),
    JSON.stringify((body as Record<string, unknown>)[f]),
  ]);
  let bodyText: string | undefined = body === undefined ? undefined : JSON.stringify(body);
  let wholeBody: string | undefined;
  const described: string[] = [];
  for (const m of mutations) {
    switch (m.kind) {
      case 'path':
        path[route.pathParams[m.param]] = m.value;
        described.push(`path ${route.pathParams[m.param]}=${clip(m.value)}`);
        break;
      case 'query':
        query.push(m.text);
        described.push(`query ${clip(m.text)}`);
        break;
      case 'field':
        entries[m.field] = [entries[m.field][0], m.value];
        described.push(`field ${fields[m.field]}=${clip(m.value)}`);
        break;
      case 'extraKey':
        entries.unshift([JSON.stringify(m.key), m.value]);
        described.push(`extra key ${clip(m.key)}=${clip(m.value)}`);
        break;
      case 'body':
        wholeBody = m.text;
        described.push(`body ${clip(m.text)}`);
        break;
      case 'contentType':
        contentType = m.value;
        described.push(`content-type "${m.value}"`);
        break;
    }
  }
  if (entries.length || mutations.some((m) => m.kind === 'extraKey'))
    bodyText = `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`;
  if (wholeBody !== undefined) bodyText = wholeBody;
  const url =
    route.template.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? '1') +
    (query.length ? `?${query.join('&')}` : '');
  const headers: Record<string, string> = {};
  if (base.authorization) headers.authorization = base.authorization;
  if (bodyText !== undefined && contentType) headers['content-type'] = contentType;
  return { method: route.method, url, headers, payload: bodyText, mutations: described };
}

export function clip(text: string, length = 80): string {
  const shown = JSON.stringify(text.length > length ? `${text.slice(0, length)}…(${text.length} chars)` : text);
  return shown.slice(1, -1);
}
