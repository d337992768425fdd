import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { readDbTime, sql } from '../../common/db/sql-dialect';
import { IsOmittable } from '../../common/omittable';
import { IsWholeNumber } from '../../common/whole-number';
import { KindRecipientResolver } from '../common/kind-recipient';

export class ContestPageQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOmittable() @IsWholeNumber({ min: 1 }) page?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOmittable()
  @IsWholeNumber({ min: 1, max: 200 })
  limit?: number;
}

export class ContestEntrantDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: String, description: 'null once the person had their data erased' })
  email: string | null;
  @ApiProperty() name: string;
  @ApiProperty() enteredAt: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ description: 'Chances in the draw: one for entering plus the referral bonus' }) chances: number;
  @ApiProperty() referralsCredited: number;
  @ApiProperty() referralsPending: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Position among the drawn winners, if drawn' })
  winnerPosition: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['won', 'disqualified'] })
  winnerStatus: string | null;
}

export class ContestEntrantsPageDto {
  @ApiProperty({ type: [ContestEntrantDto] }) items: ContestEntrantDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}

export class ContestReferralDto {
  @ApiProperty() referrerSubscriberId: number;
  @ApiProperty({ nullable: true, type: String }) referrerEmail: string | null;
  @ApiProperty() referredSubscriberId: number;
  @ApiProperty({ nullable: true, type: String }) referredEmail: string | null;
  @ApiProperty({ enum: ['pending', 'credited'], description: 'credited once the friend confirmed' }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) creditedAt: string | null;
}

export class ContestReferralsPageDto {
  @ApiProperty({ type: [ContestReferralDto] }) items: ContestReferralDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}

interface EntrantRow {
  subscriber_id: unknown;
  email: string | null;
  name: string | null;
  entered_at: string | Date;
  answer: string | null;
  bonus_entries: unknown;
  credited: unknown;
  pending: unknown;
  position: unknown;
  status: string | null;
}

/** Who entered a contest and whom they brought, for the contest report: a page at a time. */
@Injectable()
export class ContestEntrants {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
  ) {}

  async entrants(campaignId: number, page: number, limit: number): Promise<ContestEntrantsPageDto> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const ds = this.dataSource;
    const [{ n }] = await ds.query(sql(ds, 'SELECT COUNT(*) AS n FROM contest_entries WHERE campaign_id = ?'), [
      campaignId,
    ]);
    const rows: EntrantRow[] = await ds.query(
      sql(
        ds,
        `SELECT e.subscriber_id, s.email, s.name, e.entered_at, e.answer, e.bonus_entries,
                (SELECT COUNT(*) FROM contest_referrals r WHERE r.campaign_id = e.campaign_id
                   AND r.referrer_subscriber_id = e.subscriber_id AND r.status = 'credited') AS credited,
                (SELECT COUNT(*) FROM contest_referrals r WHERE r.campaign_id = e.campaign_id
                   AND r.referrer_subscriber_id = e.subscriber_id AND r.status = 'pending') AS pending,
                w.position, w.status
           FROM contest_entries e
           LEFT JOIN subscribers s ON s.id = e.subscriber_id
           LEFT JOIN contest_winners w ON w.campaign_id = e.campaign_id AND w.subscriber_id = e.subscriber_id
          WHERE e.campaign_id = ?
          ORDER BY e.entered_at, e.id
          LIMIT ? OFFSET ?`,
      ),
      [campaignId, limit, (page - 1) * limit],
    );
    return {
      items: rows.map((r) => ({
        subscriberId: Number(r.subscriber_id),
        email: r.email,
        name: r.name ?? '',
        enteredAt: readDbTime(r.entered_at).toISOString(),
        answer: r.answer,
        chances: 1 + Number(r.bonus_entries),
        referralsCredited: Number(r.credited),
        referralsPending: Number(r.pending),
        winnerPosition: r.position === null ? null : Number(r.position),
        winnerStatus: r.status,
      })),
      page,
      limit,
      total: Number(n),
    };
  }

  async referrals(campaignId: number, page: number, limit: number): Promise<ContestReferralsPageDto> {
    await this.recipients.campaignOf(campaignId, 'contest');
    const ds = this.dataSource;
    const [{ n }] = await ds.query(sql(ds, 'SELECT COUNT(*) AS n FROM contest_referrals WHERE campaign_id = ?'), [
      campaignId,
    ]);
    const rows: Array<{
      referrer_subscriber_id: unknown;
      referrer_email: string | null;
      referred_subscriber_id: unknown;
      referred_email: string | null;
      status: string;
      created_at: string | Date;
      credited_at: string | Date | null;
    }> = await ds.query(
      sql(
        ds,
        `SELECT r.referrer_subscriber_id, a.email AS referrer_email, r.referred_subscriber_id, b.email AS referred_email,
                r.status, r.created_at, r.credited_at
           FROM contest_referrals r
           LEFT JOIN subscribers a ON a.id = r.referrer_subscriber_id
           LEFT JOIN subscribers b ON b.id = r.referred_subscriber_id
          WHERE r.campaign_id = ?
          ORDER BY r.created_at, r.id
          LIMIT ? OFFSET ?`,
      ),
      [campaignId, limit, (page - 1) * limit],
    );
    return {
      items: rows.map((r) => ({
        referrerSubscriberId: Number(r.referrer_subscriber_id),
        referrerEmail: r.referrer_email,
        referredSubscriberId: Number(r.referred_subscriber_id),
        referredEmail: r.referred_email,
        status: r.status,
        createdAt: readDbTime(r.created_at).toISOString(),
        creditedAt: r.credited_at === null ? null : readDbTime(r.credited_at).toISOString(),
      })),
      page,
      limit,
      total: Number(n),
    };
  }
}
