import 'reflect-metadata';
import { join } from 'node:path';
import { createApp, createLogger } from './bootstrap';
import { migrate } from './common/db/data-source-options';
import { runsApi } from './config/app-config';
import { loadConfigFromProcess } from './config/load-process-config';
import { runDemo } from './demo/demo';
import { SecretUnreadableError } from './secrets/secret-box';
import { EmbeddedRedis, RedisUnavailableError, startEmbeddedRedis } from './platform/embedded-redis';

const SHUTDOWN_DEADLINE_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const logger = createLogger(config);
  let embeddedRedis: EmbeddedRedis | undefined;
  if (!config.redisUrl) {
    embeddedRedis = await startEmbeddedRedis(join(config.dataDir, 'redis'), (line) => logger.log(line, 'Redis'));
    config.redisUrl = embeddedRedis.url;
    logger.log(`Private redis-server at ${embeddedRedis.url} (data in ${join(config.dataDir, 'redis')})`, 'Redis');
  }
  if (config.appSecretSource === 'generated' && config.database.kind === 'postgres') {
    logger.warn(
      `APP_SECRET is not set: stored secrets are encrypted with a key generated in ${join(config.dataDir, 'app-secret')}; set APP_SECRET (or APP_SECRET_FILE) so the key does not depend on this folder`,
      'Secrets',
    );
  }
  const ran = await migrate(config);
  if (ran.length > 0) logger.log(`Applied migrations: ${ran.join(', ')}`, 'Database');

  const app = await createApp(config, logger);
  const port = runsApi(config) ? config.port : config.workerPort;
  await app.listen(port, config.host);
  logger.log(`${config.mode} process listening on ${config.host}:${port} (database: ${config.database.kind})`, 'Main');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing in-flight jobs and closing`, 'Main');
    // With Redis or the database gone, closing can wait forever; a stop must still stop.
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting`, 'Main');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.close();
    await embeddedRedis?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (process.argv.includes('--demo')) await runDemo(app, config);
}

main().catch((error: unknown) => {
  const message =
    error instanceof RedisUnavailableError || error instanceof SecretUnreadableError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`valuemail: failed to start: ${message}\n`);
  process.exit(1);
});
