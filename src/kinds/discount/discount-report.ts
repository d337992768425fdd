import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../../common/db/sql-dialect';
import { KindRecipientResolver, rate } from '../common/kind-recipient';

// The seed article: "about 20% of customers buy a paid account after a trial".
export const TRIAL_TO_PAID_BENCHMARK = 0.2;

// A conversion counts for a trial when it is the same subscriber converting after the
// trial started (for the trial's campaign or unattributed). Count DISTINCT t.id over it.
export const CONVERTED_TRIALS = `trials t JOIN events e ON e.type = 'conversion' AND e.subscriber_id = t.subscriber_id
  AND e.occurred_at >= t.started_at AND (e.campaign_id IS NULL OR e.campaign_id = t.campaign_id)`;

export class DiscountReport {
  @ApiProperty() campaignId: number;
  @ApiProperty() sent: number;
  @ApiProperty() codesIssued: number;
  @ApiProperty() redemptions: number;
  @ApiProperty() redemptionRate: number;
  @ApiProperty() revenue: number;
  @ApiProperty() rolledBack: number;
  @ApiProperty() trialStarts: number;
  @ApiProperty() conversions: number;
  @ApiProperty() trialToPaidRate: number;
  @ApiProperty() trialToPaidBenchmark: number;
}

@Injectable()
export class DiscountReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
  ) {}

  async report(campaignId: number): Promise<DiscountReport> {
    await this.recipients.campaignOf(campaignId, 'discount');
    const ds = this.dataSource;
    const one = async (text: string): Promise<Record<string, unknown>> =>
      (await ds.query(sql(ds, text), [campaignId]))[0];
    const codes = await one('SELECT COUNT(*) AS n FROM coupons WHERE campaign_id = ?');
    const redeemed = await one(
      "SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS revenue FROM coupon_redemptions WHERE campaign_id = ? AND status = 'redeemed'",
    );
    const rolled = await one(
      "SELECT COUNT(*) AS n FROM coupon_redemptions WHERE campaign_id = ? AND status = 'rolled_back'",
    );
    const trials = await one('SELECT COUNT(*) AS n FROM trials WHERE campaign_id = ?');
    const converted = await one(`SELECT COUNT(DISTINCT t.id) AS n FROM ${CONVERTED_TRIALS} WHERE t.campaign_id = ?`);
    const sent = await this.recipients.sentCount(campaignId);
    const trialStarts = Number(trials.n);
    const conversions = Number(converted.n);
    const redemptions = Number(redeemed.n);
    return {
      campaignId,
      sent,
      codesIssued: Number(codes.n),
      redemptions,
      redemptionRate: rate(redemptions, sent),
      revenue: Math.round(Number(redeemed.revenue) * 100) / 100,
      rolledBack: Number(rolled.n),
      trialStarts,
      conversions,
      trialToPaidRate: rate(conversions, trialStarts),
      trialToPaidBenchmark: TRIAL_TO_PAID_BENCHMARK,
    };
  }
}
