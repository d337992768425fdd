import { Body, Delete, Get, Header, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { Roles } from '../../auth/roles';
import { AdminController } from '../../common/admin-controller.decorator';
import {
  CreateSegmentDto,
  PreviewQueryDto,
  PreviewSegmentDto,
  SegmentDto,
  SegmentPreviewDto,
  UpdateSegmentDto,
} from '../dto/segment.dto';
import { CsvExportService } from '../exports/csv-export.service';
import { SegmentsService } from './segments.service';
import { IdParam } from '../../common/whole-number';

@AdminController('segments', 'segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly exports: CsvExportService,
  ) {}

  @Post()
  @ApiOkResponse({ type: SegmentDto })
  create(@Body() dto: CreateSegmentDto): Promise<SegmentDto> {
    return this.segments.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [SegmentDto] })
  all(): Promise<SegmentDto[]> {
    return this.segments.all();
  }

  @Post('preview')
  @Roles('viewer') // a count and sample, nothing stored
  @HttpCode(200)
  @ApiOkResponse({ type: SegmentPreviewDto })
  preview(@Body() dto: PreviewSegmentDto): Promise<SegmentPreviewDto> {
    return this.segments.preview(dto.filter, dto.limit);
  }

  @Get(':id')
  @ApiOkResponse({ type: SegmentDto })
  get(@IdParam() id: number): Promise<SegmentDto> {
    return this.segments.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SegmentDto })
  update(@IdParam() id: number, @Body() dto: UpdateSegmentDto): Promise<SegmentDto> {
    return this.segments.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@IdParam() id: number): Promise<void> {
    return this.segments.remove(id);
  }

  @Get(':id/preview')
  @ApiOkResponse({ type: SegmentPreviewDto })
  previewSaved(@IdParam() id: number, @Query() query: PreviewQueryDto): Promise<SegmentPreviewDto> {
    return this.segments.previewSaved(id, query.limit);
  }

  @Get(':id/export.csv')
  @ApiProduces('text/csv')
  @Header('cache-control', 'no-store')
  export(@IdParam() id: number): Promise<StreamableFile> {
    return this.exports.segment(id);
  }
}
