import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SecretBox } from '../secrets/secret-box';
import { BrandSettings, resolveBrand } from '../templates/brand';
import { SettingsStore } from './settings.store';

export const IP_MODES = ['truncate', 'hash', 'none'] as const;

export interface TrackingSettings {
  /** How a hit's IP is kept: /24 (IPv4) or /48 (IPv6), HMAC-hashed, or not at all. */
  ipMode: (typeof IP_MODES)[number];
  /** The open pixel in campaign mail. */
  openTracking: boolean;
  /** Web links in campaign mail go through /r/ redirects (knowledge item clicks and interests need it). */
  clickTracking: boolean;
  machineOpenWindowSeconds: number;
  machineClickWindowSeconds: number;
  attributionWindowDays: number;
}

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export const SETTING_KEYS = { brand: 'brand', tracking: 'tracking', dkim: 'dkim' } as const;
export const DKIM_KEY_PURPOSE = 'dkim.privateKey';

/**
 * Settings as they apply right now: what an admin stored in the web app, else
 * the environment (config), else the defaults. Read at use, so a change
 * applies to the next render, message or tracking batch (other processes
 * within SETTINGS_REFRESH_MS) without a restart.
 */
@Injectable()
export class EffectiveSettings {
  private openedDkim: { stored: DkimKey; key: DkimKey } | undefined;

  constructor(
    private readonly store: SettingsStore,
    @InjectConfig() private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  async brand(): Promise<BrandSettings> {
    return resolveBrand(await this.store.get<Partial<BrandSettings>>(SETTING_KEYS.brand));
  }

  async tracking(): Promise<TrackingSettings> {
    const t = this.config.tracking;
    const fromConfig: TrackingSettings = {
      ipMode: t.ipMode,
      openTracking: true,
      clickTracking: true,
      machineOpenWindowSeconds: t.machineOpenWindowMs / 1000,
      machineClickWindowSeconds: t.machineClickWindowMs / 1000,
      attributionWindowDays: t.attributionWindowDays,
    };
    return { ...fromConfig, ...(await this.store.get<Partial<TrackingSettings>>(SETTING_KEYS.tracking)) };
  }

  /** The key set in the web app, which wins over DKIM_* from the environment (stored encrypted). */
  async storedDkim(): Promise<DkimKey | undefined> {
    const stored = await this.store.get<DkimKey>(SETTING_KEYS.dkim);
    if (!stored) return undefined;
    // Asked for every message: decrypted once per stored value (the store hands out the same object until it changes).
    if (this.openedDkim?.stored !== stored)
      this.openedDkim = { stored, key: { ...stored, privateKey: this.box.open(stored.privateKey, DKIM_KEY_PURPOSE) } };
    return this.openedDkim.key;
  }

  async dkim(): Promise<{ key: DkimKey; source: 'settings' | 'environment' } | undefined> {
    const stored = await this.storedDkim();
    if (stored) return { key: stored, source: 'settings' };
    return this.config.dkim ? { key: this.config.dkim, source: 'environment' } : undefined;
  }
}
