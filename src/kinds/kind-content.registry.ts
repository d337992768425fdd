import { ContestContent, contestSample } from './contest/contest.content';
import { DiscountContent, discountSample } from './discount/discount.content';
import { GiftContent, giftSample } from './gift/gift.content';
import { KnowledgeContent, knowledgeSample } from './knowledge/knowledge.content';
import { LoyaltyContent, loyaltySample } from './loyalty/loyalty.content';
import { PollContent, pollSample } from './poll/poll.content';
import { ServiceContent, serviceSample } from './service/service.content';
import { ContestKind } from './contest/contest.kind';
import { DiscountKind } from './discount/discount.kind';
import { GiftKind } from './gift/gift.kind';
import { KindContentValidation, KindRegistry, validateContent } from './kind-registry';
import { KnowledgeKind } from './knowledge/knowledge.kind';
import { LoyaltyKind } from './loyalty/loyalty.kind';
import { PollKind } from './poll/poll.kind';
import { ServiceKind } from './service/service.kind';

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
export function validateKindContent<K extends BuiltInKind>(
  kind: K,
  content: unknown,
): KindContentValidation<KindContentTypes[K]> {
  return validateContent<KindContentTypes[K]>({ content: SCHEMAS[kind] }, content);
}

/** A realistic example per kind, for previews, tests and the demo. */
export function sampleContent<K extends BuiltInKind>(kind: K): KindContentTypes[K] {
  return structuredClone(SCHEMAS[kind].sample);
}

/**
 * The built-in kinds for rendering outside the app (benches, unit tests): a kind's
 * template and view model read no database, so its services are left out.
 */
export function renderOnlyKindRegistry(): KindRegistry {
  const none = undefined as never;
  return new KindRegistry(() => [
    new DiscountKind(none, none, none),
    new LoyaltyKind(none, none, none),
    new KnowledgeKind(none, none),
    new ServiceKind(none, none),
    new PollKind(none, none),
    new GiftKind(none, none),
    new ContestKind(none, none),
  ]);
}
