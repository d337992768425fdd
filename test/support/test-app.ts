import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { AppModuleOptions } from '../../src/app.module';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { createApp, createLogger } from '../../src/bootstrap';
import { migrate } from '../../src/common/db/data-source-options';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { freePort } from '../../src/platform/embedded-redis';
import { SmtpSink } from './smtp-sink';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  sink: SmtpSink;
  apiKey: string;
  baseUrl: string;
  env: Record<string, string>;
  /** supertest against the running server, with the API key for admin routes. */
  api(): { get: AuthedCall; post: AuthedCall; put: AuthedCall; patch: AuthedCall; delete: AuthedCall };
  http(): request.Agent;
  close(): Promise<void>;
}

type AuthedCall = (path: string) => request.Test;

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Run only the api role (e.g. when the test spawns worker processes itself). */
  mode?: 'all' | 'api';
  /** Campaign kinds beyond the built-in ones (modules providing a @CampaignKindPlugin()). */
  extraKinds?: AppModuleOptions['extraKinds'];
}

/** Boots the real AppModule on a free port against real Redis, a fresh database and a real SMTP sink. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vm-test-'));
  const sink = await new SmtpSink().start();
  const database: TestDatabase = await createTestDatabase(dataDir);
  const port = await freePort();
  const env: Record<string, string> = {
    MODE: options.mode ?? 'all',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    QUEUE_PREFIX: `vmtest-${randomBytes(4).toString('hex')}`,
    SMTP_URL: sink.url,
    LINK_SECRETS: randomBytes(32).toString('hex'),
    APP_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
    // Tests reach the app from loopback as its reverse proxy would, naming the client in X-Forwarded-For.
    TRUST_PROXY: '127.0.0.1',
    ...options.env,
  };
  const config = loadConfig(env);
  await migrate(config);
  // VM_TEST_LOGS=1 shows the app's own log while debugging a test.
  const app = await createApp(
    config,
    process.env.VM_TEST_LOGS ? createLogger({ ...config, logLevel: 'debug' }) : false,
    { extraKinds: options.extraKinds },
  );
  await app.listen(port, '127.0.0.1');
  const created = await app.get(ApiKeysService).create('test');
  const baseUrl = config.publicUrl;
  const authed =
    (method: 'get' | 'post' | 'put' | 'patch' | 'delete'): AuthedCall =>
    (path) =>
      request(baseUrl)[method](path).set('Authorization', `Bearer ${created.key}`);
  return {
    app,
    config,
    sink,
    apiKey: created.key,
    baseUrl,
    env,
    api: () => ({
      get: authed('get'),
      post: authed('post'),
      put: authed('put'),
      patch: authed('patch'),
      delete: authed('delete'),
    }),
    http: () => request.agent(baseUrl),
    close: async () => {
      await app.close();
      await sink.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
