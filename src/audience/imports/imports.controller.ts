import { Get, Header, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminController } from '../../common/admin-controller.decorator';
import { CreateImportDto, ImportProgressDto } from '../dto/import.dto';
import { ImportsService } from './imports.service';
import { IdParam } from '../../common/whole-number';

@AdminController('imports', 'imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  // The multipart body is streamed to disk by the service, never buffered here.
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: CreateImportDto })
  @ApiOkResponse({ type: ImportProgressDto })
  create(@Req() request: FastifyRequest): Promise<ImportProgressDto> {
    return this.imports.upload(request);
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportProgressDto })
  progress(@IdParam() id: number): Promise<ImportProgressDto> {
    return this.imports.progress(id);
  }

  @Get(':id/errors.csv')
  @ApiProduces('text/csv')
  @Header('cache-control', 'no-store')
  errors(@IdParam() id: number): Promise<StreamableFile> {
    return this.imports.errorsCsv(id);
  }
}
