import { Body, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdminController } from '../../common/admin-controller.decorator';
import { sql } from '../../common/db/sql-dialect';
import { KindRecipientResolver } from '../common/kind-recipient';
import { DrawContest, DrawState, DrawVerification } from './draw-contest';

export class DisqualifyDto {
  @ApiProperty({ example: 'Email bounced' }) @IsString() @Length(1, 500)
  reason: string;
}

export interface ContestReport {
  campaignId: number;
  sent: number;
  entries: number;
  bonusEntries: number;
  referralsCredited: number;
  referralsPending: number;
  winners: Array<{ subscriberId: number; position: number; status: string }>;
}

@AdminController('campaigns', 'kinds')
export class ContestAdminController {
  constructor(
    private readonly draws: DrawContest,
    private readonly recipients: KindRecipientResolver,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post(':id/contest/draw/commit')
  @HttpCode(201)
  commit(@Param('id', ParseIntPipe) id: number): Promise<DrawState> {
    return this.draws.commit(id);
  }

  @Get(':id/contest/draw')
  state(@Param('id', ParseIntPipe) id: number): Promise<DrawState> {
    return this.draws.state(id);
  }

  @Post(':id/contest/draw')
  @HttpCode(200)
  draw(@Param('id', ParseIntPipe) id: number): Promise<DrawState> {
    return this.draws.draw(id);
  }

  @Get(':id/contest/draw/verify')
  verify(@Param('id', ParseIntPipe) id: number): Promise<DrawVerification> {
    return this.draws.verify(id);
  }

  @Get(':id/contest/draw/log')
  log(@Param('id', ParseIntPipe) id: number): Promise<unknown[]> {
    return this.draws.auditLog(id);
  }

  @Post(':id/contest/winners/:subscriberId/disqualify')
  @HttpCode(200)
  disqualify(@Param('id', ParseIntPipe) id: number, @Param('subscriberId', ParseIntPipe) subscriberId: number, @Body() dto: DisqualifyDto): Promise<DrawState> {
    return this.draws.disqualify(id, subscriberId, dto.reason);
  }

  @Get(':id/report/contest')
  async report(@Param('id', ParseIntPipe) id: number): Promise<ContestReport> {
    await this.recipients.campaignOf(id, 'contest');
    const ds = this.dataSource;
    const [entries] = await ds.query(sql(ds, 'SELECT COUNT(*) AS n, COALESCE(SUM(bonus_entries), 0) AS bonus FROM contest_entries WHERE campaign_id = ?'), [id]);
    const referrals: Array<{ status: string; n: number }> = await ds.query(sql(ds, 'SELECT status, COUNT(*) AS n FROM contest_referrals WHERE campaign_id = ? GROUP BY status'), [id]);
    const winners: Array<{ subscriber_id: number; position: number; status: string }> = await ds.query(sql(ds, 'SELECT subscriber_id, position, status FROM contest_winners WHERE campaign_id = ? ORDER BY position'), [id]);
    const byStatus = (s: string) => Number(referrals.find((r) => r.status === s)?.n ?? 0);
    return {
      campaignId: id,
      sent: await this.recipients.sentCount(id),
      entries: Number(entries.n),
      bonusEntries: Number(entries.bonus),
      referralsCredited: byStatus('credited'),
      referralsPending: byStatus('pending'),
      winners: winners.map((w) => ({ subscriberId: Number(w.subscriber_id), position: Number(w.position), status: w.status })),
    };
  }
}
