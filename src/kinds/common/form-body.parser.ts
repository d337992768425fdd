import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

const FORM = 'application/x-www-form-urlencoded';

/** Public pages post plain HTML forms; Fastify parses only JSON by itself. */
@Injectable()
export class FormBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    // Another module (unsubscribe, subscribe forms) may have registered one already.
    if (!instance || typeof instance.hasContentTypeParser !== 'function' || instance.hasContentTypeParser(FORM)) return;
    instance.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  }
}
