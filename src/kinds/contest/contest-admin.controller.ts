import { Body, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsOmittable } from '../../common/omittable';
import type { FastifyReply } from 'fastify';
import { AdminController } from '../../common/admin-controller.decorator';
import { IdParam } from '../../common/whole-number';
import { ContestDrawAudit, DrawAuditDocument } from './contest-draw-audit';
import { ContestEntrants, ContestEntrantsPageDto, ContestPageQuery, ContestReferralsPageDto } from './contest-entrants';
import { ContestReport, ContestReportService } from './contest-report';
import { DrawContest } from './draw-contest';

export class DisqualifyDto {
  @ApiProperty({ example: 'Email bounced', description: 'Published in the draw audit file: write no personal details' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class CommitDrawDto {
  @ApiPropertyOptional({
    description:
      'Mix in the drand quicknet round published an hour after entries close, so nobody (the operator included) can know the outcome before then',
  })
  @IsOmittable()
  @IsBoolean()
  useBeacon?: boolean;

  @ApiPropertyOptional({
    example: 12345678,
    description: 'Or name the drand quicknet round yourself; it must be published after entries close',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  beaconRound?: number;
}

export class DrawDto {
  @ApiPropertyOptional({
    description: 'The "randomness" of the beacon round named at commit (64 hex characters), when one was named',
  })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  beaconValue?: string;
}

export class DrawBeaconDto {
  @ApiProperty({ example: 'drand quicknet' }) source: string;
  @ApiProperty() chainHash: string;
  @ApiProperty() round: number;
  @ApiProperty({ description: "When the round's value is published" }) at: Date;
  @ApiProperty({ description: 'Where anyone reads the value' }) url: string;
  @ApiProperty({ nullable: true, type: String }) value: string | null;
}

export class DrawWinnerDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty() position: number;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class DrawCaveatDto {
  @ApiProperty({ enum: ['no_beacon', 'frozen_after_beacon'] }) code: 'no_beacon' | 'frozen_after_beacon';
  @ApiProperty() message: string;
}

export class DrawStateDto {
  @ApiProperty() campaignId: number;
  @ApiProperty() algorithm: string;
  @ApiProperty() seedHash: string;
  @ApiProperty() committedAt: Date;
  @ApiProperty({ nullable: true, type: DrawBeaconDto }) beacon: DrawBeaconDto | null;
  @ApiProperty({ nullable: true, type: Date }) frozenAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) snapshotHash: string | null;
  @ApiProperty({ nullable: true, type: Number }) entries: number | null;
  @ApiProperty({ nullable: true, type: Date }) drawnAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Revealed only once drawn' }) seed: string | null;
  @ApiProperty({ type: [DrawWinnerDto] }) winners: DrawWinnerDto[];
  @ApiProperty({ description: 'The audit file anyone can download and check with scripts/verify-draw.js' })
  auditUrl: string;
  @ApiProperty({ type: [DrawCaveatDto] }) caveats: DrawCaveatDto[];
}

export class DrawVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() seedMatchesCommitment: boolean;
  @ApiProperty() snapshotMatchesHash: boolean;
  @ApiProperty() winnersMatch: boolean;
  @ApiProperty({ type: [String] }) expected: string[];
  @ApiProperty({ type: [String] }) stored: string[];
}

@AdminController('campaigns', 'kinds')
export class ContestAdminController {
  constructor(
    private readonly draws: DrawContest,
    private readonly audits: ContestDrawAudit,
    private readonly reports: ContestReportService,
    private readonly people: ContestEntrants,
  ) {}

  @Post(':id/contest/draw/commit')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Commit to a secret seed (its hash is published) and optionally a future beacon round; once, before entries close',
  })
  @ApiCreatedResponse({ type: DrawStateDto })
  commit(@IdParam() id: number, @Body() dto: CommitDrawDto): Promise<DrawStateDto> {
    return this.draws.commit(id, dto);
  }

  @Get(':id/contest/draw')
  @ApiOkResponse({ type: DrawStateDto })
  state(@IdParam() id: number): Promise<DrawStateDto> {
    return this.draws.state(id);
  }

  @Post(':id/contest/draw/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the entry list after entries close (before the beacon round is published)' })
  @ApiOkResponse({ type: DrawStateDto })
  freeze(@IdParam() id: number): Promise<DrawStateDto> {
    return this.draws.freeze(id);
  }

  @Post(':id/contest/draw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draw the winners (freezes the entry list first if needed)' })
  @ApiOkResponse({ type: DrawStateDto })
  draw(@IdParam() id: number, @Body() dto: DrawDto): Promise<DrawStateDto> {
    return this.draws.draw(id, dto.beaconValue);
  }

  @Get(':id/contest/draw/verify')
  @ApiOkResponse({ type: DrawVerificationDto })
  verify(@IdParam() id: number): Promise<DrawVerificationDto> {
    return this.audits.verify(id);
  }

  @Get(':id/contest/draw/audit')
  @ApiOperation({ summary: 'The draw audit file (no personal data); check it with node scripts/verify-draw.js FILE' })
  async audit(@IdParam() id: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<DrawAuditDocument> {
    const document = await this.audits.document(id);
    void reply.header('content-disposition', `attachment; filename="contest-${id}-draw-audit.json"`);
    return document;
  }

  @Get(':id/contest/draw/log')
  log(@IdParam() id: number): Promise<unknown[]> {
    return this.draws.auditLog(id);
  }

  @Post(':id/contest/winners/:subscriberId/disqualify')
  @HttpCode(200)
  @ApiOkResponse({ type: DrawStateDto })
  disqualify(
    @IdParam() id: number,
    @IdParam('subscriberId') subscriberId: number,
    @Body() dto: DisqualifyDto,
  ): Promise<DrawStateDto> {
    return this.draws.disqualify(id, subscriberId, dto.reason);
  }

  @Get(':id/report/contest')
  @ApiOkResponse({ type: ContestReport })
  report(@IdParam() id: number): Promise<ContestReport> {
    return this.reports.report(id);
  }

  @Get(':id/contest/entrants')
  @ApiOperation({ summary: 'Who entered, in order of entry: chances, referrals and whether drawn' })
  @ApiOkResponse({ type: ContestEntrantsPageDto })
  entrants(@IdParam() id: number, @Query() query: ContestPageQuery): Promise<ContestEntrantsPageDto> {
    return this.people.entrants(id, query.page ?? 1, query.limit ?? 50);
  }

  @Get(':id/contest/referrals')
  @ApiOperation({ summary: 'Who brought whom: pending until the friend confirms, then credited' })
  @ApiOkResponse({ type: ContestReferralsPageDto })
  referrals(@IdParam() id: number, @Query() query: ContestPageQuery): Promise<ContestReferralsPageDto> {
    return this.people.referrals(id, query.page ?? 1, query.limit ?? 50);
  }
}
