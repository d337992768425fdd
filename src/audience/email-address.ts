import { createHash } from 'node:crypto';

// Pragmatic RFC 5322 subset: what real mailbox providers accept.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Trimmed, domain lower-cased (the local part is case-sensitive by the RFC); undefined when invalid. */
export function normaliseEmail(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed.length > 254) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return undefined;
  const local = trimmed.slice(0, at);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  const email = `${local}@${trimmed.slice(at + 1).toLowerCase()}`;
  return EMAIL.test(email) ? email : undefined;
}

/** The suppression key: survives erasure of the address itself. */
export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
