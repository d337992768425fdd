import { Module } from '@nestjs/common';
import { MjmlCompiler } from './mjml-compiler';
import { RenderService } from './render.service';
import { TemplateFiles } from './template-files';

@Module({
  providers: [{ provide: TemplateFiles, useFactory: () => new TemplateFiles() }, MjmlCompiler, RenderService],
  exports: [RenderService],
})
export class TemplatesModule {}
