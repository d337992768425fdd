import { Body, Delete, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController } from '../common/admin-controller.decorator';
import { PreviewResultDto } from '../templates/dto/preview-template.dto';
import { CampaignPreviewService } from './campaign-preview.service';
import { CampaignsService } from './campaigns.service';
import { CampaignDto, CampaignPageDto } from './dto/campaign-response.dto';
import { ReadCampaignProgress } from './progress/read-campaign-progress';
import { StreamCampaignProgress } from './progress/stream-campaign-progress';
import {
  CampaignProgressDto,
  CreateCampaignDto,
  ListCampaignsQuery,
  PreviewCampaignQuery,
  ScheduleCampaignDto,
  TestSendDto,
  TestSendResultDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';
import { IdParam } from '../common/whole-number';

@AdminController('campaigns', 'campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly previews: CampaignPreviewService,
    private readonly progressReader: ReadCampaignProgress,
    private readonly progressStream: StreamCampaignProgress,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CampaignDto })
  async create(@Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.create(dto));
  }

  @Get()
  @ApiOkResponse({ type: CampaignPageDto })
  async list(@Query() query: ListCampaignsQuery): Promise<CampaignPageDto> {
    const page = await this.campaigns.list(query);
    return { ...page, items: page.items.map((c) => CampaignDto.of(c)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: CampaignDto })
  async get(@IdParam() id: number): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.view(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: CampaignDto })
  async update(@IdParam() id: number, @Body() dto: UpdateCampaignDto): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@IdParam() id: number): Promise<void> {
    return this.campaigns.remove(id);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDto })
  async schedule(@IdParam() id: number, @Body() dto: ScheduleCampaignDto): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.schedule(id, dto.scheduledAt));
  }

  @Post(':id/unschedule')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDto })
  async unschedule(@IdParam() id: number): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.act(id, 'unschedule'));
  }

  @Post(':id/send')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDto })
  async sendNow(@IdParam() id: number): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.act(id, 'start'));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDto })
  async pause(@IdParam() id: number): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.act(id, 'pause'));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDto })
  async resume(@IdParam() id: number): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.act(id, 'resume'));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDto })
  async cancel(@IdParam() id: number): Promise<CampaignDto> {
    return CampaignDto.of(await this.campaigns.act(id, 'cancel'));
  }

  @Get(':id/preview')
  @ApiOkResponse({ type: PreviewResultDto })
  preview(@IdParam() id: number, @Query() query: PreviewCampaignQuery): Promise<PreviewResultDto> {
    return this.previews.preview(id, query.subscriberId);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ type: TestSendResultDto })
  sendTest(@IdParam() id: number, @Body() dto: TestSendDto): Promise<TestSendResultDto> {
    return this.previews.sendTest(id, dto.to);
  }

  @Get(':id/progress')
  @ApiOperation({ summary: 'Where a send stands: deliveries per state, rate and ETA (cheap: ask it every second)' })
  @ApiOkResponse({ type: CampaignProgressDto })
  progress(@IdParam() id: number): Promise<CampaignProgressDto> {
    return this.progressReader.execute(id);
  }

  @Get(':id/progress/stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'event: progress, data: CampaignProgressDto (one a second); event: end, data: { campaignId, status }',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary: 'The progress as server-sent events',
    description:
      'One `progress` event a second (data: the JSON of GET …/progress), then `end` ({ campaignId, status }) when the campaign is finished, ' +
      'cancelled or failed, and the response ends: close the EventSource on `end` (a reconnect after the end is answered 204). ' +
      '`unavailable` means the progress could not be read and the stream ended.',
  })
  async progressEvents(
    @IdParam() id: number,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.progressStream.execute(id, reply, lastEventId !== undefined);
  }
}
