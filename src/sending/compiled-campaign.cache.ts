import { Injectable } from '@nestjs/common';
import type { Campaign } from '../campaigns/campaign.entity';
import { CompiledCampaign, RenderService } from '../templates/render.service';

/** MJML runs once per campaign per process, never per recipient. */
@Injectable()
export class CompiledCampaignCache {
  private readonly compiled = new Map<number, { stamp: number; value: Promise<CompiledCampaign> }>();

  constructor(private readonly renderer: RenderService) {}

  get(campaign: Campaign): Promise<CompiledCampaign> {
    // A running campaign's content is frozen; updatedAt still guards a re-used id.
    const stamp = campaign.startedAt?.getTime() ?? 0;
    const cached = this.compiled.get(campaign.id);
    if (cached && cached.stamp === stamp) return cached.value;
    const value = this.renderer.compile(campaign);
    value.catch(() => this.compiled.delete(campaign.id));
    this.compiled.set(campaign.id, { stamp, value });
    if (this.compiled.size > 200) this.compiled.delete(this.compiled.keys().next().value!);
    return value;
  }
}
