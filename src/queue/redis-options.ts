import type { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config';

/**
 * What every Redis connection of ours adds to REDIS_URL: the password and TLS
 * come from the URL (redis://:password@host, rediss://…); a private CA for the
 * server's certificate from REDIS_TLS_CA_FILE.
 */
export function redisOptions(config: AppConfig): RedisOptions {
  return config.redisTlsCa ? { tls: { ca: config.redisTlsCa } } : {};
}
