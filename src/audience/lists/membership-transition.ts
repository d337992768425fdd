import type { ConsentMethod } from '../consent/consent-record.entity';
import type { MembershipStatus } from '../list-membership.entity';
import type { OptInMode } from '../mailing-list.entity';

export type MembershipEvent =
  { type: 'subscribe'; optIn: OptInMode; method: ConsentMethod } | { type: 'confirm' } | { type: 'unsubscribe' };

/** The next membership status, or undefined when the event changes nothing (or is not allowed). */
export function nextMembershipStatus(
  current: MembershipStatus | undefined,
  event: MembershipEvent,
): MembershipStatus | undefined {
  switch (event.type) {
    case 'subscribe': {
      const joined: MembershipStatus =
        event.optIn === 'double' && event.method !== 'import' ? 'unconfirmed' : 'confirmed';
      if (current === undefined) return joined;
      // Only the person themselves (form, email link) may undo their unsubscribe, never an import or API call.
      if (current === 'unsubscribed')
        return event.method === 'form' || event.method === 'email_link' ? joined : undefined;
      return undefined;
    }
    case 'confirm':
      return current === 'unconfirmed' ? 'confirmed' : undefined;
    case 'unsubscribe':
      return current === 'confirmed' || current === 'unconfirmed' ? 'unsubscribed' : undefined;
    default: {
      const never: never = event;
      throw new Error(`unknown membership event ${JSON.stringify(never)}`);
    }
  }
}
