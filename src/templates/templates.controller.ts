import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { AdminController } from '../common/admin-controller.decorator';
import { PreviewResultDto, PreviewTemplateDto } from './dto/preview-template.dto';
import { TemplatePreviewService } from './template-preview.service';

@AdminController('templates', 'templates')
export class TemplatesController {
  constructor(private readonly previews: TemplatePreviewService) {}

  @Post('preview')
  @Roles('viewer') // renders, stores nothing
  @HttpCode(200)
  @ApiOkResponse({ type: PreviewResultDto, description: 'Invalid content: 400 naming the fields; broken MJML: 422 with lines' })
  preview(@Body() dto: PreviewTemplateDto): Promise<PreviewResultDto> {
    return this.previews.preview(dto);
  }
}
