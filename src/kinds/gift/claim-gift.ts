import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import type { LinkClaims } from '../../links/link-token.service';
import { generateCode } from '../common/code.generator';
import type { ShippingAddress } from './gift-claim.entity';
import type { GiftContent } from './gift.content';

export type ClaimOutcome =
  | { result: 'claimed' | 'already_claimed'; code: string | null }
  | { result: 'expired' | 'out_of_stock' | 'in_progress' };

export const ADDRESS_FIELDS: Array<keyof ShippingAddress> = ['name', 'street', 'postcode', 'city', 'country'];

/** Claim once per recipient; a limited stock is taken by one conditional UPDATE so it never goes below zero. */
@Injectable()
export class ClaimGift {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  isExpired(content: GiftContent): boolean {
    return !!content.claimDeadline && new Date(content.claimDeadline).getTime() <= this.clock.now().getTime();
  }

  async existing(claims: LinkClaims): Promise<{ status: string; code: string | null } | undefined> {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(ds, 'SELECT status, code FROM gift_claims WHERE campaign_id = ? AND subscriber_id = ?'),
      [claims.campaignId, claims.subscriberId],
    );
    return row;
  }

  async stockLeft(campaignId: number, content: GiftContent): Promise<number | null> {
    if (!content.stock) return null;
    const ds = this.dataSource;
    const [row] = await ds.query(sql(ds, 'SELECT stock_left FROM gift_stocks WHERE campaign_id = ?'), [campaignId]);
    return row ? Number(row.stock_left) : content.stock;
  }

  async claim(claims: LinkClaims, content: GiftContent, address: ShippingAddress | null): Promise<ClaimOutcome> {
    const ds = this.dataSource;
    const before = await this.existing(claims);
    if (before?.status === 'claimed') return { result: 'already_claimed', code: before.code };
    if (this.isExpired(content)) return { result: 'expired' };
    const now = this.clock.now();
    // The insert decides who may take stock: of two racing posts by one recipient only one inserts.
    const inserted = await execute(
      ds,
      `INSERT INTO gift_claims (campaign_id, subscriber_id, delivery_id, status, claimed_at) VALUES (?, ?, ?, 'pending', ?)
      ON CONFLICT (campaign_id, subscriber_id) DO NOTHING`,
      [claims.campaignId, claims.subscriberId, claims.deliveryId, dbTime(ds, now)],
    );
    if (inserted !== 1) {
      const current = await this.existing(claims);
      return current?.status === 'claimed'
        ? { result: 'already_claimed', code: current.code }
        : { result: 'in_progress' };
    }
    if (content.stock) {
      await execute(
        ds,
        'INSERT INTO gift_stocks (campaign_id, stock_left) VALUES (?, ?) ON CONFLICT (campaign_id) DO NOTHING',
        [claims.campaignId, content.stock],
      );
      const taken = await execute(
        ds,
        'UPDATE gift_stocks SET stock_left = stock_left - 1 WHERE campaign_id = ? AND stock_left > 0',
        [claims.campaignId],
      );
      if (taken !== 1) {
        await execute(
          ds,
          "DELETE FROM gift_claims WHERE campaign_id = ? AND subscriber_id = ? AND status = 'pending'",
          [claims.campaignId, claims.subscriberId],
        );
        return { result: 'out_of_stock' };
      }
    }
    const code = content.giftType === 'code' ? generateCode(content.codePattern ?? 'GIFT-XXXX-XXXX') : null;
    await execute(
      ds,
      "UPDATE gift_claims SET status = 'claimed', code = ?, address = ? WHERE campaign_id = ? AND subscriber_id = ?",
      [code, address ? JSON.stringify(address) : null, claims.campaignId, claims.subscriberId],
    );
    await this.events.record({
      type: 'gift_claimed',
      ...claims,
      occurredAt: now,
      data: { giftType: content.giftType },
      dedupeKey: `gift:${claims.campaignId}:${claims.subscriberId}`,
    });
    return { result: 'claimed', code };
  }
}
