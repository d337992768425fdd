import { ConfigError, loadConfig } from './app-config';

const secret = 'x'.repeat(32);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, secret);
    expect(config.mode).toBe('all');
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('sqlite');
    expect(config.database.sqlitePath).toMatch(/var\/valuemail\.sqlite$/);
    expect(config.redisUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('selects PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/vm' }, secret);
    expect(config.database.kind).toBe('postgres');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number from 1 to 65535 \(got "abc"\)$/],
    [{ MODE: 'both' }, /^MODE must be one of api, worker, all \(got "both"\)$/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a URL starting with postgres:\/\//],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a URL starting with redis:\/\//],
    [{ LOG_FORMAT: 'xml' }, /^LOG_FORMAT must be one of text, json/],
    [{ SMTP_TRANSPORTS: 'bulk:smtp://x' }, /^SMTP_TRANSPORTS must be name=smtp:\/\/\.\.\. pairs/],
    [{ SMTP_TRANSPORTS: 'bulk=http://x' }, /^SMTP_TRANSPORTS \(bulk\) must be a URL starting with smtp:\/\//],
    [{ LINK_SECRETS: 'short' }, /^LINK_SECRETS must be comma-separated secrets of at least 32 characters/],
  ])('rejects %j with one clear line', (env, message) => {
    expect(() => loadConfig(env, secret)).toThrow(ConfigError);
    expect(() => loadConfig(env, secret)).toThrow(message);
  });

  it('keeps older link secrets for rotation, the first one signing', () => {
    const config = loadConfig({ LINK_SECRETS: `${'a'.repeat(32)},${'b'.repeat(40)}` });
    expect(config.linkSecrets).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
  });
});
