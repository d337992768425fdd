import { ensureRedisServer, RedisUnavailableError } from './embedded-redis';

describe('ensureRedisServer', () => {
  it('uses the redis-server it finds', () => {
    expect(ensureRedisServer((binary) => `/opt/bin/${binary}`)).toBe('/opt/bin/redis-server');
  });

  it('never installs anything: without redis-server it says what to install', () => {
    expect(() => ensureRedisServer(() => undefined)).toThrow(RedisUnavailableError);
    expect(() => ensureRedisServer(() => undefined)).toThrow(
      'Install it with: sudo apt-get install -y redis-server (or set REDIS_URL=redis://host:6379)',
    );
  });
});
