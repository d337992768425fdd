import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

// OWASP's argon2id floor (19 MiB, 2 passes, 1 lane): about 20 ms here, so a
// sign-in stays quick and the 2-core machines are not starved by a burst.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Same work as a real check, for an email with no account: the answer's timing does not tell which emails exist. */
  async verifyNobody(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummy, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, OPTIONS);
  }

  /** 16 characters from an unambiguous alphabet (about 90 bits): for first passwords and resets. */
  generate(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    const out: string[] = [];
    while (out.length < 16) {
      for (const byte of randomBytes(32)) {
        if (out.length < 16 && byte < 256 - (256 % alphabet.length)) out.push(alphabet[byte % alphabet.length]);
      }
    }
    return out.join('');
  }
}
