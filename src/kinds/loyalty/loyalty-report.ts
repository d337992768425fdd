import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dbTime, sql } from '../../common/db/sql-dialect';
import { KindRecipientResolver } from '../common/kind-recipient';

export class LoyaltyReport {
  @ApiProperty() campaignId: number;
  @ApiProperty() sent: number;
  @ApiProperty() bonusCredited: number;
  @ApiProperty() pointsIssued: number;
  @ApiProperty() redemptionsAfter: number;
  @ApiProperty() pointsRedeemedAfter: number;
}

@Injectable()
export class LoyaltyReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
  ) {}

  async report(campaignId: number): Promise<LoyaltyReport> {
    const { campaign } = await this.recipients.campaignOf(campaignId, 'loyalty');
    const ds = this.dataSource;
    const [issued] = await ds.query(
      sql(
        ds,
        "SELECT COUNT(*) AS n, COALESCE(SUM(points), 0) AS p FROM points_ledger WHERE campaign_id = ? AND entry_type = 'earn'",
      ),
      [campaignId],
    );
    // Redemptions carry no campaign: those by recipients after the send are the campaign's.
    const [redeemed] = await ds.query(
      sql(
        ds,
        `SELECT COUNT(*) AS n, COALESCE(SUM(-l.points), 0) AS p FROM points_ledger l
      WHERE l.entry_type = 'redeem' AND l.created_at >= ? AND l.subscriber_id IN (SELECT subscriber_id FROM deliveries WHERE campaign_id = ? AND status = 'sent')`,
      ),
      [dbTime(ds, loyaltySince(campaign)), campaignId],
    );
    return {
      campaignId,
      sent: await this.recipients.sentCount(campaignId),
      bonusCredited: Number(issued.n),
      pointsIssued: Number(issued.p),
      redemptionsAfter: Number(redeemed.n),
      pointsRedeemedAfter: Number(redeemed.p),
    };
  }
}

/** From when a recipient's point redemptions count for a loyalty campaign. */
export function loyaltySince(campaign: { startedAt: Date | null; createdAt: Date }): Date {
  return new Date(campaign.startedAt ?? campaign.createdAt);
}
