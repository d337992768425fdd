import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { parseIp, refusalFor, TargetPolicy } from './ip-classification';
import { WebhookException } from './webhook.exception';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** The system resolver, behind a class so a test can answer for names it does not own. */
@Injectable()
export class WebhookDns {
  async lookup(hostname: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(hostname, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
}

export type TargetCheck =
  | { ok: true; url: URL; address: ResolvedAddress }
  | { ok: false; code: 'invalid_url' | 'host_not_found' | 'target_refused'; message: string };

const ALLOW_HINT =
  'Webhooks may only call addresses on the public internet; an operator can allow private targets with WEBHOOKS_ALLOW_PRIVATE=true or WEBHOOKS_ALLOWED_CIDRS.';

/**
 * SSRF protection. A target is resolved once and every address it resolves to
 * must be allowed; the request then connects to that checked address (see
 * WebhookHttpClient), so a DNS answer that changes in between (rebinding) is
 * never used. Checked when an endpoint is saved and again before every attempt.
 */
@Injectable()
export class WebhookTargetGuard {
  private readonly policy: TargetPolicy;

  constructor(
    private readonly dns: WebhookDns,
    @InjectConfig() config: AppConfig,
  ) {
    this.policy = config.webhooks;
  }

  /** For create and update: a 400 a marketer can act on, or the normalised URL. */
  async assertAllowed(raw: string): Promise<string> {
    const check = await this.check(raw);
    if (!check.ok) throw new WebhookException(check.code, check.message);
    return check.url.toString();
  }

  async check(raw: string): Promise<TargetCheck> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, code: 'invalid_url', message: `The webhook URL is not a valid web address (got "${raw}")` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return {
        ok: false,
        code: 'invalid_url',
        message: `The webhook URL must start with http:// or https:// (got "${url.protocol}//…")`,
      };
    }
    const host = url.hostname;
    const literal = parseIp(host);
    let addresses: ResolvedAddress[];
    if (literal) {
      addresses = [{ address: host.replace(/^\[(.*)\]$/, '$1'), family: literal.family }];
    } else {
      try {
        addresses = await this.dns.lookup(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        return {
          ok: false,
          code: 'host_not_found',
          message: `The host ${host} of the webhook URL could not be found (DNS: ${code})`,
        };
      }
      if (addresses.length === 0)
        return { ok: false, code: 'host_not_found', message: `The host ${host} of the webhook URL has no address` };
    }
    for (const { address } of addresses) {
      const refusal = refusalFor(address, this.policy);
      if (refusal) {
        const where = literal
          ? `The webhook URL points to ${address}, ${refusal}`
          : `The host ${host} of the webhook URL resolves to ${address}, ${refusal}`;
        return { ok: false, code: 'target_refused', message: `${where}. ${ALLOW_HINT}` };
      }
    }
    return { ok: true, url, address: addresses[0] };
  }
}
