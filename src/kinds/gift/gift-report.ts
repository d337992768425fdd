import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../../common/db/sql-dialect';
import { KindRecipientResolver, rate } from '../common/kind-recipient';
import { ClaimGift } from './claim-gift';

export class GiftReport {
  @ApiProperty() campaignId: number;
  @ApiProperty() sent: number;
  @ApiProperty() claims: number;
  @ApiProperty() claimRate: number;
  @ApiProperty({ nullable: true, type: Number }) stock: number | null;
  @ApiProperty({ nullable: true, type: Number }) stockLeft: number | null;
}

@Injectable()
export class GiftReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
    private readonly gifts: ClaimGift,
  ) {}

  async report(campaignId: number): Promise<GiftReport> {
    const { content } = await this.recipients.campaignOf(campaignId, 'gift');
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(ds, "SELECT COUNT(*) AS n FROM gift_claims WHERE campaign_id = ? AND status = 'claimed'"),
      [campaignId],
    );
    const sent = await this.recipients.sentCount(campaignId);
    const claims = Number(row.n);
    return {
      campaignId,
      sent,
      claims,
      claimRate: rate(claims, sent),
      stock: content.stock ?? null,
      stockLeft: await this.gifts.stockLeft(campaignId, content),
    };
  }
}
