export const SUBSCRIBE_FORM_QUEUE = 'audience-subscribe-form';

/** One sign-up from a public form, as SubscribeFormService accepted it. */
export interface SubscribeFormJob {
  listId: number;
  /** Normalised. */
  email: string;
  name: string;
  locale: string;
  /** Only a new subscriber takes it: a public form never changes an existing person. */
  timezone?: string | null;
  ip: string;
  userAgent: string | null;
}
