import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { configurationReference } from './configuration-reference';
import { ENVIRONMENT_VARIABLES } from './environment-variables';

describe('the configuration reference', () => {
  it('docs/configuration.md is what the catalogue generates (run npm run docs:config after changing it)', () => {
    const committed = readFileSync(join(__dirname, '../../docs/configuration.md'), 'utf8');
    expect(committed).toBe(configurationReference());
  });

  it('the loader reads exactly the variables the catalogue documents', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadConfig(env, 'x'.repeat(32));
    expect([...read].sort()).toEqual(Object.keys(ENVIRONMENT_VARIABLES).sort());
  });
});
