import { Global, Module } from '@nestjs/common';
import { MjmlCompiler } from './mjml-compiler';
import { RenderService } from './render.service';
import { TemplateFiles } from './template-files';
import { TemplatePreviewService } from './template-preview.service';
import { TemplatesController } from './templates.controller';

// Global like LinksModule: sending, campaigns (preview, test send) and audience (opt-in mail) all render.
@Global()
@Module({
  controllers: [TemplatesController],
  providers: [{ provide: TemplateFiles, useFactory: () => new TemplateFiles() }, MjmlCompiler, RenderService, TemplatePreviewService],
  exports: [RenderService, TemplateFiles, MjmlCompiler],
})
export class TemplatesModule {}
