import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';

/** Fields of a urlencoded, JSON or multipart/form-data POST (one-click unsubscribes may use either form type). */
export async function formFields(request: FastifyRequest): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (request.isMultipart?.()) {
    try {
      for await (const part of request.parts({ limits: { fields: 20, fieldSize: 4096, files: 0 } })) {
        if (part.type === 'field') out[part.fieldname] = String(part.value);
      }
    } catch {
      // A broken multipart body (no boundary, cut short, a file) counts as the fields read so far: public pages never answer 500.
    }
    return out;
  }
  const body = request.body;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>))
      if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
}

export function wantsHtml(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '');
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}
