import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../../app.module';
import { loadConfig } from '../../config/app-config';

/** The OpenAPI document of the REST API, as /api/openapi.json serves it. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('valuemail API')
      .setDescription(
        'Subscriber lists, value campaigns of seven kinds, tracking and value scores. Admin routes need "Authorization: Bearer <API key>" (machines, admin rights) or the web app\'s session cookie (people, by role: viewer, marketer, admin; writes also need the X-CSRF-Token header).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

/**
 * The same document without a database or Redis: Nest's preview mode builds the module graph but instantiates no
 * provider, so nothing connects. Used by `npm run api:types` to generate the web app's types.
 */
export async function openApiDocumentOffline(): Promise<OpenAPIObject> {
  const unused = 'x'.repeat(64);
  const config = loadConfig(
    { MODE: 'api', REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'sqlite::memory:' },
    unused,
    unused,
  );
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: ['error'],
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
