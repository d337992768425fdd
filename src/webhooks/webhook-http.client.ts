import { Injectable } from '@nestjs/common';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './webhook-target.guard';

export interface WebhookPost {
  url: URL;
  /** The address the SSRF check approved; the connection goes there and nowhere else. */
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookResponse {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** Where a 3xx pointed (never followed). */
  location: string | null;
}

const EXCERPT_CHARS = 1000;
const READ_LIMIT_BYTES = 16 * 1024;

/** Hands the already-checked address to the socket instead of asking DNS again. */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as LookupFunction;
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/**
 * One POST: a fresh connection to the pinned address (the URL's host stays in
 * the Host header and TLS server name, so certificates are checked as usual),
 * no redirects followed, one deadline for connect, answer and body.
 */
@Injectable()
export class WebhookHttpClient {
  post(post: WebhookPost): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const send = post.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<WebhookResponse>((resolve) => {
      let statusCode: number | null = null;
      let location: string | null = null;
      const chunks: Buffer[] = [];
      let read = 0;
      let settled = false;
      const finish = (error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          statusCode,
          durationMs: elapsed(),
          error,
          responseExcerpt: statusCode === null ? null : text.slice(0, EXCERPT_CHARS),
          location,
        });
      };
      const req = send(
        post.url,
        {
          method: 'POST',
          headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
          lookup: pinnedLookup(post.address),
          agent: false,
        },
        (res: IncomingMessage) => {
          statusCode = res.statusCode ?? null;
          location = typeof res.headers.location === 'string' ? res.headers.location.slice(0, 300) : null;
          res.on('data', (chunk: Buffer) => {
            if (read < READ_LIMIT_BYTES) chunks.push(chunk);
            read += chunk.length;
            // Enough to show in the log; the rest of a large answer is not waited for.
            if (read >= READ_LIMIT_BYTES) {
              res.destroy();
              finish(null);
            }
          });
          res.on('end', () => finish(null));
          res.on('error', (error) => finish(statusCode === null ? describe(error) : null));
          res.on('close', () => finish(null));
        },
      );
      const deadline = setTimeout(() => {
        finish(`no ${statusCode === null ? 'answer' : 'complete answer'} within ${post.timeoutMs} ms`);
        req.destroy();
      }, post.timeoutMs);
      req.on('error', (error) => finish(describe(error)));
      req.end(post.body);
    });
  }
}
