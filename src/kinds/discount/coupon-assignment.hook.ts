import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { generateCode, patternCapacity } from '../common/code.generator';
import { KindException } from '../common/kind.exception';
import type { DiscountContent } from './discount.content';

export const DEFAULT_CODE_PATTERN = 'XXXX-XXXX-XXXX';
// A pattern must allow far more codes than it hands out, or codes become guessable
// and collisions (each a retry) common.
export const CODE_SAFETY_FACTOR = 1000;
const MAX_ATTEMPTS = 8;

/** Unique per-recipient coupon codes, created and assigned in the fan-out page transaction. */
@Injectable()
export class CouponAssignmentHook {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async beforeStart(campaign: Campaign, content: DiscountContent): Promise<void> {
    if (content.offerType === 'trial') return;
    const ds = this.dataSource;
    if (content.codeMode === 'shared' && content.sharedCode) {
      const code = content.sharedCode.toUpperCase();
      await execute(
        ds,
        'INSERT INTO coupons (campaign_id, subscriber_id, code, created_at) VALUES (?, NULL, ?, ?) ON CONFLICT (code) DO NOTHING',
        [campaign.id, code, dbTime(ds, this.clock.now())],
      );
      const [owner] = await ds.query(sql(ds, 'SELECT campaign_id FROM coupons WHERE code = ?'), [code]);
      if (Number(owner.campaign_id) !== campaign.id)
        throw new KindException(
          'code_capacity',
          `The shared code ${code} already belongs to campaign ${owner.campaign_id}; choose another`,
          409,
        );
      return;
    }
    const pattern = content.codePattern ?? DEFAULT_CODE_PATTERN;
    const listIds = campaign.audience.listIds.length ? campaign.audience.listIds : [-1];
    const [row] = await ds.query(
      sql(
        ds,
        `SELECT COUNT(DISTINCT subscriber_id) AS n FROM list_memberships WHERE status = 'confirmed' AND list_id IN (${listIds.map(() => '?').join(',')})`,
      ),
      listIds,
    );
    const audience = Number(row.n);
    const capacity = patternCapacity(pattern);
    if (capacity < audience * CODE_SAFETY_FACTOR) {
      throw new KindException(
        'code_capacity',
        `The code pattern ${pattern} allows ${capacity} codes; ${audience} recipients need at least ${audience * CODE_SAFETY_FACTOR} (${CODE_SAFETY_FACTOR}× the audience) to stay unguessable. Add more X placeholders.`,
        422,
        { pattern, capacity, audience, safetyFactor: CODE_SAFETY_FACTOR },
      );
    }
  }

  async assign(
    campaign: Campaign,
    content: DiscountContent,
    subscriberIds: number[],
    manager: EntityManager,
  ): Promise<Map<number, Record<string, unknown>>> {
    const assigned = new Map<number, Record<string, unknown>>();
    if (content.offerType === 'trial' || content.codeMode !== 'unique') return assigned;
    const pattern = content.codePattern ?? DEFAULT_CODE_PATTERN;
    const now = dbTime(this.dataSource, this.clock.now());
    for (const subscriberId of subscriberIds) {
      let code: string | undefined;
      // UNIQUE(code) is the judge; a collision just draws again.
      for (let attempt = 0; attempt < MAX_ATTEMPTS && !code; attempt++) {
        const candidate = generateCode(pattern);
        const inserted = await execute(
          manager,
          'INSERT INTO coupons (campaign_id, subscriber_id, code, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING',
          [campaign.id, subscriberId, candidate, now],
        );
        if (inserted === 1) code = candidate;
      }
      if (!code) throw new Error(`Could not find a free code for pattern ${pattern} after ${MAX_ATTEMPTS} attempts`);
      assigned.set(subscriberId, { couponCode: code });
    }
    return assigned;
  }
}
