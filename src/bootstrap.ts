import multipart from '@fastify/multipart';
import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppModuleOptions } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createOpenApiDocument } from './common/http/openapi-document';
import { registerSecurityHeaders } from './common/http/security-headers';
import { registerBrandedPages } from './settings/branded-pages';
import { EffectiveSettings } from './settings/effective-settings';
import { registerJsonBodyParser } from './common/json-body.parser';
import { refuseNulInApiAddresses } from './common/http/nul-in-address.guard';
import { createValidationPipe } from './common/validation.pipe';
import type { AppConfig } from './config/app-config';
import { runsApi } from './config/app-config';
import { registerWebApp } from './web/web-app';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(config: AppConfig): ConsoleLogger {
  const upTo = LEVELS.indexOf(config.logLevel);
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: LEVELS.slice(0, upTo + 1),
    prefix: 'valuemail',
  });
}

/** Builds the Nest application (not listening yet) for the configured role. */
export async function createApp(
  config: AppConfig,
  logger: ConsoleLogger | false = createLogger(config),
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: logger === false ? false : logger,
    bufferLogs: logger !== false,
  });
  // CSV uploads (POST /api/imports) and multipart one-click unsubscribes; files stream to disk, never into memory.
  await app.register(multipart, {
    limits: { fileSize: 2 * 1024 * 1024 * 1024, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });
  await registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (!runsApi(config)) {
    // A worker-only process answers /health and nothing else.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (request, reply) => {
        if (!request.url.startsWith('/health'))
          await reply.status(404).send({
            statusCode: 404,
            error: 'Not Found',
            message: 'This is a worker process; the API runs in the api process',
          });
      });
  } else {
    const document = createOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
    await registerWebApp(app);
    registerBrandedPages(app.getHttpAdapter().getInstance(), app.get(EffectiveSettings));
  }
  await app.init();
  // After init: Nest registers its own JSON parser there.
  registerJsonBodyParser(app.getHttpAdapter().getInstance());
  refuseNulInApiAddresses(app.getHttpAdapter().getInstance());
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
