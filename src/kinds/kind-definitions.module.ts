import { Global, Module } from '@nestjs/common';
import { renderOnlyKindRegistry } from './kind-content.registry';
import { KindRegistry } from './kind-registry';

/** What the kinds define (names, value weights, templates) without their services: for the CLI and benchmarks, which need no pages or queues. */
@Global()
@Module({ providers: [{ provide: KindRegistry, useFactory: renderOnlyKindRegistry }], exports: [KindRegistry] })
export class KindDefinitionsModule {}
