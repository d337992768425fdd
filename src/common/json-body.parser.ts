import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Deeper than any document we accept (segment rules nest a handful of levels). */
export const MAX_JSON_DEPTH = 64;

export class JsonBodyError extends Error {
  readonly statusCode = HttpStatus.BAD_REQUEST;
  constructor(message: string) {
    super(message);
  }
}

/** Nesting depth of a JSON text, counted without parsing it; stops counting once past `limit`. */
export function jsonDepth(body: Buffer, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return max;
}

// UTF-8 bytes cannot carry a lone surrogate, only a \\uXXXX escape can; validator.js
// (class-validator's @IsEmail, @IsUrl...) throws URIError on one, a 500.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// PostgreSQL text cannot hold NUL (a query with one fails: a 500); no field of ours needs it.
const NUL_ESCAPE = /\\u0000/;
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/;

/** Whether any key or string in a parsed document matches (iterative: depth is already bounded, but no recursion is needed). */
function anyText(value: unknown, pattern: RegExp): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (pattern.test(v)) return true;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (pattern.test(k)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

export const hasLoneSurrogate = (value: unknown): boolean => anyText(value, LONE_SURROGATE);

/**
 * Replaces the JSON parser Nest registers: the nesting depth is checked in one
 * cheap pass before JSON.parse, because class-transformer and class-validator
 * recurse per level and a 100,000-deep body overflowed the stack (a 500).
 * Strings with a lone surrogate or a NUL character are refused too; an empty body reads as {}.
 * Size is Fastify's bodyLimit (413); __proto__ and constructor.prototype keys
 * are refused as before.
 */
export function registerJsonBodyParser(instance: FastifyInstance): void {
  const parse = instance.getDefaultJsonParser('error', 'error');
  instance.removeContentTypeParser('application/json');
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done) => {
      // Clients (and fetch wrappers) send the JSON content type on bodiless POSTs like /campaigns/:id/send:
      // an empty body is {}, and routes that need fields say which ones are missing.
      if (body.length === 0) return done(null, {});
      if (jsonDepth(body) > MAX_JSON_DEPTH)
        return done(new JsonBodyError(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      const text = body.toString('utf8');
      void parse(request, text, (error: Error | null, value?: unknown) => {
        if (error)
          return done(
            new JsonBodyError(
              'The request body is not valid JSON (check quotes, commas and brackets; keys like __proto__ are not allowed)',
            ),
            undefined,
          );
        if (SURROGATE_ESCAPE.test(text) && hasLoneSurrogate(value))
          return done(
            new JsonBodyError(
              'The JSON body contains a broken character (an unpaired \\ud800-\\udfff escape); send text as UTF-8',
            ),
            undefined,
          );
        if (NUL_ESCAPE.test(text) && anyText(value, NUL))
          return done(
            new JsonBodyError('The JSON body contains a NUL character (\\u0000), which no field accepts'),
            undefined,
          );
        done(null, value);
      });
    },
  );
}
