// The engine answers every error as { statusCode, error, message, code?, details? } (src/common/http-exception.filter.ts).
// Validation failures (the global pipe and kind content) carry details: [{ field: 'content.items.0.url', problems: [...] }];
// segment filters carry details: ['all[0].value: ...'].

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly details?: unknown;

  constructor(body: ErrorBody) {
    super(body.message || body.error || `HTTP ${body.statusCode}`);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.details = body.details;
  }

  /** Field path → message, for forms; empty when the error is not about fields. */
  get fieldErrors(): Record<string, string> {
    return fieldErrorsOf(this.details);
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldProblem).field === 'string' &&
    Array.isArray((value as FieldProblem).problems)
  );
}

/**
 * Maps validation details to form paths. Most messages are plain sentences ("Write at least one character"); some
 * repeat the field name ("color must be a hex colour like #0f766e"), which next to the field is noise, so the leading
 * path is cut off. Several problems on one field are joined.
 */
export function fieldErrorsOf(details: unknown, options: { stripPrefix?: string } = {}): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const out: Record<string, string> = {};
  for (const entry of details) {
    if (!isFieldProblem(entry)) continue;
    let field = entry.field;
    if (options.stripPrefix && field.startsWith(options.stripPrefix)) field = field.slice(options.stripPrefix.length);
    const text = entry.problems.map((p) => tidyProblem(p, entry.field)).join('; ');
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  }
  return out;
}

/** "content.items.0.url must be a URL address" → "Must be a URL address". */
export function tidyProblem(problem: string, field: string): string {
  const last = field.split('.').pop() ?? field;
  for (const prefix of [`${field}: `, `${field} `, `${last}: `, `${last} `]) {
    if (problem.startsWith(prefix)) {
      return capitalise(problem.slice(prefix.length));
    }
  }
  return capitalise(problem);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Segment problems ("all[0].any[1].value: expected …") keyed by the clause path before the last key. */
export function segmentProblemsOf(details: unknown): Array<{ path: string; key: string; message: string }> {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is string => typeof d === 'string')
    .map((d) => {
      const colon = d.indexOf(': ');
      const where = colon === -1 ? '' : d.slice(0, colon);
      const message = colon === -1 ? d : d.slice(colon + 2);
      const match = /^(.*?)(?:\.)?(field|op|value)$/.exec(where);
      if (match) return { path: match[1] || '(root)', key: match[2], message };
      return { path: where || '(root)', key: '', message };
    });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
