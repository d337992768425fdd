import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Setting } from './setting.entity';

/**
 * How long another process may go on using a value changed elsewhere: the
 * process that writes sees its change at once, the others (workers) re-read
 * the table after this many milliseconds.
 */
export const SETTINGS_REFRESH_MS = 5000;

/**
 * The settings table, read whole (a handful of rows) and kept in memory for
 * SETTINGS_REFRESH_MS, so the send path and the tracking drain can ask for a
 * value per batch or message without a query each time.
 */
@Injectable()
export class SettingsStore {
  private snapshot: { loadedAt: number; values: Map<string, unknown> } | undefined;
  private loading: { generation: number; values: Promise<Map<string, unknown>> } | undefined;
  // Bumped by every write here: a read that started before it must not be kept.
  private generation = 0;

  constructor(@InjectRepository(Setting) private readonly settings: Repository<Setting>) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.values()).get(key) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.settings.upsert({ key, value: value as object }, ['key']);
    this.invalidate();
  }

  async delete(key: string): Promise<void> {
    await this.settings.delete({ key });
    this.invalidate();
  }

  private invalidate(): void {
    this.generation++;
    this.snapshot = undefined;
  }

  /** A cache of the table, refreshed by wall time (how stale a copy may be, not a business time). */
  private values(): Promise<Map<string, unknown>> {
    if (this.snapshot && Date.now() - this.snapshot.loadedAt < SETTINGS_REFRESH_MS)
      return Promise.resolve(this.snapshot.values);
    if (this.loading?.generation === this.generation) return this.loading.values;
    const generation = this.generation;
    const values = this.settings.find().then((rows) => {
      const map = new Map(rows.map((r) => [r.key, r.value] as const));
      if (generation === this.generation) this.snapshot = { loadedAt: Date.now(), values: map };
      return map;
    });
    this.loading = { generation, values };
    void values
      .finally(() => {
        if (this.loading?.values === values) this.loading = undefined;
      })
      .catch(() => undefined);
    return values;
  }
}
