import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash, randomInt } from 'node:crypto';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LinkTokenService } from '../../links/link-token.service';
import { InjectRedis } from '../../queue/redis.provider';

const PURPOSE = 'form-pow';
export const CHALLENGE_TTL_SECONDS = 600;

export interface ProofOfWorkChallenge {
  /** Leading zero bits SHA-256("<challenge>:<nonce>") must have; 0 = nothing to do. */
  bits: number;
  challenge: string | null;
  expiresAt: string | null;
}

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function proofDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

/** What the form's script does in the browser (GET /public/subscribe.js); here for tests and benches. */
export function solveProofOfWork(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(proofDigest(challenge, n.toString(36))) >= bits) return n.toString(36);
}

/**
 * The self-hosted alternative to a captcha service: the form fetches a signed
 * challenge and its script spends a moment of CPU finding a nonce. Each
 * challenge is good for one sign-up within CHALLENGE_TTL_SECONDS.
 */
@Injectable()
export class ProofOfWork {
  constructor(
    private readonly links: LinkTokenService,
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get required(): boolean {
    return this.config.subscribeForm.proofOfWorkBits > 0;
  }

  issue(): ProofOfWorkChallenge {
    const bits = this.config.subscribeForm.proofOfWorkBits;
    if (!bits) return { bits: 0, challenge: null, expiresAt: null };
    const expires = Math.floor(this.clock.now().getTime() / 1000) + CHALLENGE_TTL_SECONDS;
    const challenge = this.links.signPayload(PURPOSE, [randomInt(2 ** 47), expires, bits]);
    return { bits, challenge, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** True for a genuine, unexpired, unused challenge with a nonce that does the work; uses it up. */
  async accept(challenge: string | undefined, nonce: string | undefined): Promise<boolean> {
    if (!challenge || !nonce || !/^[0-9A-Za-z]{1,32}$/.test(nonce)) return false;
    const ids = this.links.verifyPayload(PURPOSE, challenge);
    if (ids?.length !== 3) return false;
    const [id, expires, bits] = ids;
    const left = expires * 1000 - this.clock.now().getTime();
    if (left <= 0 || bits < this.config.subscribeForm.proofOfWorkBits) return false;
    if (leadingZeroBits(proofDigest(challenge, nonce)) < bits) return false;
    const fresh = await this.redis.set(
      `${this.config.queuePrefix}:form-pow:${id}`,
      '1',
      'PX',
      Math.min(left, CHALLENGE_TTL_SECONDS * 1000),
      'NX',
    );
    return fresh === 'OK';
  }
}
