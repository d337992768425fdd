import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../../common/db/sql-dialect';
import { KindRecipientResolver } from '../common/kind-recipient';

export class ContestReportWinner {
  @ApiProperty() subscriberId: number;
  @ApiProperty() position: number;
  @ApiProperty() status: string;
}

export class ContestReport {
  @ApiProperty() campaignId: number;
  @ApiProperty() sent: number;
  @ApiProperty() entries: number;
  @ApiProperty() bonusEntries: number;
  @ApiProperty() referralsCredited: number;
  @ApiProperty() referralsPending: number;
  @ApiProperty({ type: [ContestReportWinner] }) winners: ContestReportWinner[];
}

@Injectable()
export class ContestReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
  ) {}

  async report(campaignId: number): Promise<ContestReport> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const ds = this.dataSource;
    const [entries] = await ds.query(
      sql(
        ds,
        'SELECT COUNT(*) AS n, COALESCE(SUM(bonus_entries), 0) AS bonus FROM contest_entries WHERE campaign_id = ?',
      ),
      [campaignId],
    );
    const referrals: Array<{ status: string; n: number }> = await ds.query(
      sql(ds, 'SELECT status, COUNT(*) AS n FROM contest_referrals WHERE campaign_id = ? GROUP BY status'),
      [campaignId],
    );
    const winners: Array<{ subscriber_id: number; position: number; status: string }> = await ds.query(
      sql(ds, 'SELECT subscriber_id, position, status FROM contest_winners WHERE campaign_id = ? ORDER BY position'),
      [campaignId],
    );
    const byStatus = (s: string) => Number(referrals.find((r) => r.status === s)?.n ?? 0);
    return {
      campaignId,
      sent: await this.recipients.sentCount(campaignId),
      entries: Number(entries.n),
      bonusEntries: Number(entries.bonus),
      referralsCredited: byStatus('credited'),
      referralsPending: byStatus('pending'),
      winners: winners.map((w) => ({
        subscriberId: Number(w.subscriber_id),
        position: Number(w.position),
        status: w.status,
      })),
    };
  }
}
