import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IMPORT_USAGE, runImportCli } from './audience/imports/import.cli';
import { ApiKeysService } from './auth/api-keys.service';
import { runCreateUserCli, USERS_USAGE } from './auth/users/create-user.cli';
import { AccountsModule } from './auth/accounts.module';
import { CommonModule } from './common/common.module';
import { createDataSource, dataSourceOptions, migrate } from './common/db/data-source-options';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { loadConfigFromProcess } from './config/load-process-config';
import { KindDefinitionsModule } from './kinds/kind-definitions.module';
import { MailModule } from './mail/mail.module';
import { SecretsModule } from './secrets/secrets.module';
import { runSecretsCli, SECRETS_USAGE } from './secrets/secrets.cli';
import { SettingsStoreModule } from './settings/settings-store.module';
import { TestMailService } from './mail/test-mail.service';
import { EventsModule } from './events/events.module';
import { RECOMPUTE_USAGE, runRecomputeCli } from './scores/recompute/recompute.cli';
import { ScoresCoreModule } from './scores/scores-core.module';

const USAGE = `usage: npm run cli -- <command>
  migrate                 apply pending database migrations
  keys:create NAME        create an API key (printed once)
${USERS_USAGE}
  send-test EMAIL         send a test message through the configured SMTP transport
${IMPORT_USAGE}
${RECOMPUTE_USAGE}
${SECRETS_USAGE}`;

function contextModule(config: AppConfig) {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule,
      KindDefinitionsModule,
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
        dataSourceFactory: (options) => createDataSource(options!),
      }),
      AccountsModule,
      SecretsModule,
      SettingsStoreModule,
      MailModule,
      EventsModule,
      ScoresCoreModule,
    ],
  })
  class CliModule {}
  return CliModule;
}

async function withContext<T>(
  config: AppConfig,
  run: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(contextModule(config), { logger: ['error', 'warn'] });
  try {
    return await run((type) => context.get(type));
  } finally {
    await context.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  // The CLI never consumes queues or hosts the dev inbox.
  const config: AppConfig = { ...loadConfigFromProcess(), mode: 'worker' };
  switch (command) {
    case 'migrate': {
      const ran = await migrate(config);
      process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'database is up to date\n');
      return 0;
    }
    case 'keys:create': {
      const name = args.join(' ').trim();
      if (!name) {
        process.stderr.write('keys:create needs a name, e.g. npm run cli -- keys:create crm-sync\n');
        return 2;
      }
      await migrate(config);
      const key = await withContext(config, (get) => get(ApiKeysService).create(name));
      process.stdout.write(`API key "${key.name}" (id ${key.id}); shown only now:\n${key.key}\n`);
      return 0;
    }
    case 'users:create':
      return runCreateUserCli(args, config, withContext, { stdout: process.stdout, stderr: process.stderr });
    case 'send-test': {
      const to = args[0];
      if (!to) {
        process.stderr.write('send-test needs an address, e.g. npm run cli -- send-test you@example.com\n');
        return 2;
      }
      const result = await withContext(config, (get) => get(TestMailService).send(to));
      process.stdout.write(`sent ${result.messageId} to ${result.accepted.join(', ')}: ${result.response}\n`);
      return 0;
    }
    case 'scores:recompute':
      await migrate(config);
      return withContext(config, (get) => runRecomputeCli(get, process.stderr, process.stdout));
    case 'secrets:status':
    case 'secrets:reencrypt':
      await migrate(config);
      return runSecretsCli(command, config, withContext, { stdout: process.stdout, stderr: process.stderr });
    case 'import':
      return runImportCli(args, {
        env: process.env,
        defaultUrl: config.publicUrl,
        stderr: process.stderr,
        stdout: process.stdout,
      });
    default:
      process.stderr.write(`${USAGE}\n`);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`valuemail: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
