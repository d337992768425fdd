import type { EntityManager } from 'typeorm';
import { execute } from '../../common/db/sql-dialect';
import type { ScoreSettings } from '../../config/app-config';

/** The settings a stored profile depends on, in a stable form. */
export function settingsFingerprint(settings: ScoreSettings): string {
  return JSON.stringify(Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))));
}

/** Records the settings the stored profiles were built with (inside the recompute's swap). */
export async function recordModelSettings(manager: EntityManager, settings: ScoreSettings): Promise<void> {
  await execute(
    manager,
    `INSERT INTO value_model (name, settings) VALUES ('profiles', ?)
    ON CONFLICT (name) DO UPDATE SET settings = excluded.settings, updated_at = CURRENT_TIMESTAMP`,
    [settingsFingerprint(settings)],
  );
}
