import { Injectable } from '@nestjs/common';
import { KindRegistry } from '../kinds/kind-registry';
import type { PreviewResultDto, PreviewTemplateDto } from './dto/preview-template.dto';
import { RenderService } from './render.service';
import { InvalidContentException } from './template.exception';

/** Renders unsaved content for one sample subscriber: no delivery, campaign id 0 (its links lead nowhere). */
@Injectable()
export class TemplatePreviewService {
  constructor(
    private readonly renderer: RenderService,
    private readonly kinds: KindRegistry,
  ) {}

  async preview(dto: PreviewTemplateDto): Promise<PreviewResultDto> {
    const validated = this.kinds.validate(dto.kind, dto.content);
    if (!validated.ok) throw new InvalidContentException(dto.kind, validated.errors);
    const compiled = await this.renderer.compile({
      id: 0,
      kind: dto.kind,
      subject: dto.subject ?? 'Preview',
      preheader: dto.preheader ?? '',
      content: validated.value,
      customMjml: dto.customMjml ?? null,
      // No locale: the configured default, like a campaign created without one.
      locale: dto.locale ?? '',
    });
    const message = this.renderer.render(compiled, {
      deliveryId: 0,
      subscriber: { id: 0, email: dto.subscriber?.email ?? 'sample@example.com', name: dto.subscriber?.name ?? 'Sample Subscriber', firstName: dto.subscriber?.firstName, lastName: dto.subscriber?.lastName, attributes: dto.subscriber?.attributes ?? {} },
      kindData: { ...this.kinds.previewKindData(), ...dto.kindData },
    });
    return { subject: message.subject, html: message.html, text: message.text, links: compiled.links };
  }
}
