import { Injectable } from '@nestjs/common';
import type { BrandSettings } from '../templates/brand';
import { BrandPatchDto, SettingsDto, TrackingPatchDto, UpdateSettingsDto } from './dto/settings.dto';
import { EffectiveSettings, SETTING_KEYS, TrackingSettings } from './effective-settings';
import { SettingsStore } from './settings.store';

/** Brand and tracking settings: what the app shows and what an admin changes. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly store: SettingsStore,
    private readonly effective: EffectiveSettings,
  ) {}

  async get(): Promise<SettingsDto> {
    const [brand, tracking] = await Promise.all([this.effective.brand(), this.effective.tracking()]);
    return { brand, tracking };
  }

  async update(patch: UpdateSettingsDto): Promise<SettingsDto> {
    if (patch.brand) await this.merge<BrandSettings>(SETTING_KEYS.brand, patch.brand);
    if (patch.tracking) await this.merge<TrackingSettings>(SETTING_KEYS.tracking, patch.tracking);
    return this.get();
  }

  /** Only what was set is stored: a field never set keeps following config and defaults; null resets one. */
  private async merge<T>(key: string, patch: BrandPatchDto | TrackingPatchDto): Promise<void> {
    const next: Record<string, unknown> = { ...(await this.store.get<Partial<T>>(key)) };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete next[field];
      else next[field] = typeof value === 'string' ? value.trim() : value;
    }
    await this.store.set(key, next);
  }
}
