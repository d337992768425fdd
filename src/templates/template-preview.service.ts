import { Injectable } from '@nestjs/common';
import { validateKindContent } from '../kinds/kind-content.registry';
import type { PreviewResultDto, PreviewTemplateDto } from './dto/preview-template.dto';
import { RenderService } from './render.service';
import { InvalidContentException } from './template.exception';

// What a preview shows where the sender would fill in per-recipient data.
const SAMPLE_KIND_DATA = { couponCode: 'PREVIEW-CODE', pointsBalance: 1250 };

/** Renders unsaved content for one sample subscriber: no delivery, campaign id 0 (its links lead nowhere). */
@Injectable()
export class TemplatePreviewService {
  constructor(private readonly renderer: RenderService) {}

  async preview(dto: PreviewTemplateDto): Promise<PreviewResultDto> {
    const validated = validateKindContent(dto.kind, dto.content);
    if (!validated.ok) throw new InvalidContentException(dto.kind, validated.errors);
    const compiled = await this.renderer.compile({
      id: 0,
      kind: dto.kind,
      subject: dto.subject ?? 'Preview',
      preheader: dto.preheader ?? '',
      content: validated.value as unknown as Record<string, unknown>,
      customMjml: dto.customMjml ?? null,
      // No locale: the configured default, like a campaign created without one.
      locale: dto.locale ?? '',
    });
    const message = this.renderer.render(compiled, {
      deliveryId: 0,
      subscriber: { id: 0, email: dto.subscriber?.email ?? 'sample@example.com', name: dto.subscriber?.name ?? 'Sample Subscriber', attributes: dto.subscriber?.attributes ?? {} },
      kindData: { ...SAMPLE_KIND_DATA, ...dto.kindData },
    });
    return { subject: message.subject, html: message.html, text: message.text, links: compiled.links };
  }
}
