import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation.pipe';
import type { CampaignKind } from '../campaigns/campaign-kind';
import { ContestContent, contestSample } from './contest/contest.content';
import { DiscountContent, discountSample } from './discount/discount.content';
import { GiftContent, giftSample } from './gift/gift.content';
import { KnowledgeContent, knowledgeSample } from './knowledge/knowledge.content';
import { LoyaltyContent, loyaltySample } from './loyalty/loyalty.content';
import { PollContent, pollSample } from './poll/poll.content';
import { ServiceContent, serviceSample } from './service/service.content';

export interface KindContentTypes {
  discount: DiscountContent;
  loyalty: LoyaltyContent;
  knowledge: KnowledgeContent;
  service: ServiceContent;
  poll: PollContent;
  gift: GiftContent;
  contest: ContestContent;
}

type ContentClass = new () => object;

const SCHEMAS: { [K in CampaignKind]: { type: ContentClass; sample: KindContentTypes[K] } } = {
  discount: { type: DiscountContent, sample: discountSample },
  loyalty: { type: LoyaltyContent, sample: loyaltySample },
  knowledge: { type: KnowledgeContent, sample: knowledgeSample },
  service: { type: ServiceContent, sample: serviceSample },
  poll: { type: PollContent, sample: pollSample },
  gift: { type: GiftContent, sample: giftSample },
  contest: { type: ContestContent, sample: contestSample },
};

export interface ContentFieldProblem {
  field: string;
  problems: string[];
}

export type KindContentValidation<K extends CampaignKind = CampaignKind> =
  | { ok: true; value: KindContentTypes[K] }
  | { ok: false; errors: ContentFieldProblem[] };

/** Validates a campaign's `content` against its kind's schema; unknown fields are refused by name. */
export function validateKindContent<K extends CampaignKind>(kind: K, content: unknown): KindContentValidation<K> {
  const schema = SCHEMAS[kind] as { type: ContentClass } | undefined;
  if (!schema) return { ok: false, errors: [{ field: 'kind', problems: [`kind must be one of ${Object.keys(SCHEMAS).join(', ')}`] }] };
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    return { ok: false, errors: [{ field: 'content', problems: ['content must be an object'] }] };
  }
  const instance = plainToInstance(schema.type, content);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors, 'content') };
  // A plain copy: templates see data, never class instances.
  return { ok: true, value: JSON.parse(JSON.stringify(instance)) as KindContentTypes[K] };
}

/** A realistic example per kind, for previews, tests and the demo. */
export function sampleContent<K extends CampaignKind>(kind: K): KindContentTypes[K] {
  return structuredClone(SCHEMAS[kind].sample);
}
