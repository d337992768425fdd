import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read off a screen and typed at a till.
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PLACEHOLDER = /[X#]/g;

/** How many distinct codes a pattern can make (X and # are random characters). */
export function patternCapacity(pattern: string): number {
  const slots = (pattern.match(PLACEHOLDER) ?? []).length;
  return CODE_ALPHABET.length ** slots;
}

/** One crypto-random code from a pattern like `SPRING-XXXX-XXXX` or `SPRING-####-####`. */
export function generateCode(pattern: string): string {
  return pattern.replace(PLACEHOLDER, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
}

/** Upper-cased, without spaces: what a customer types is compared in this form. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}
