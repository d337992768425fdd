import { ContestContent, contestSample } from './contest/contest.content';
import { DiscountContent, discountSample } from './discount/discount.content';
import { GiftContent, giftSample } from './gift/gift.content';
import { KnowledgeContent, knowledgeSample } from './knowledge/knowledge.content';
import { LoyaltyContent, loyaltySample } from './loyalty/loyalty.content';
import { PollContent, pollSample } from './poll/poll.content';
import { ServiceContent, serviceSample } from './service/service.content';
import { KindContentValidation, validateContent } from './kind-registry';

// The built-in kinds' content types and samples, for the kinds' own typed routes, the demo and tests.
// The running app knows its kinds from the KindRegistry; a kind added elsewhere (a plug-in) need not appear here.

export interface KindContentTypes {
  discount: DiscountContent;
  loyalty: LoyaltyContent;
  knowledge: KnowledgeContent;
  service: ServiceContent;
  poll: PollContent;
  gift: GiftContent;
  contest: ContestContent;
}

export type BuiltInKind = keyof KindContentTypes;

const SCHEMAS: { [K in BuiltInKind]: { type: new () => KindContentTypes[K]; sample: KindContentTypes[K] } } = {
  discount: { type: DiscountContent, sample: discountSample },
  loyalty: { type: LoyaltyContent, sample: loyaltySample },
  knowledge: { type: KnowledgeContent, sample: knowledgeSample },
  service: { type: ServiceContent, sample: serviceSample },
  poll: { type: PollContent, sample: pollSample },
  gift: { type: GiftContent, sample: giftSample },
  contest: { type: ContestContent, sample: contestSample },
};

export const BUILT_IN_KINDS = Object.keys(SCHEMAS) as BuiltInKind[];

/** Validates content against a built-in kind's schema (the app validates through the KindRegistry). */
export function validateKindContent<K extends BuiltInKind>(kind: K, content: unknown): KindContentValidation<KindContentTypes[K]> {
  return validateContent<KindContentTypes[K]>({ content: SCHEMAS[kind] }, content);
}

/** A realistic example per kind, for previews, tests and the demo. */
export function sampleContent<K extends BuiltInKind>(kind: K): KindContentTypes[K] {
  return structuredClone(SCHEMAS[kind].sample);
}
