import { normaliseEmail } from '../../audience/email-address';

/** Sign-in addresses are compared whole in lower case: nobody expects "Anna@" and "anna@" to be two accounts. */
export function normaliseUserEmail(raw: string): string | undefined {
  return normaliseEmail(raw)?.toLowerCase();
}
