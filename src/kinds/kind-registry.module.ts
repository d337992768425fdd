import { Global, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { discoverKinds, KindRegistry } from './kind-registry';

// Global and free of any kind: the shared code (campaigns, templates, sending, reports, scores) asks it, the kinds fill it.
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: KindRegistry,
      useFactory: (discovery: DiscoveryService) => new KindRegistry(() => discoverKinds(discovery)),
      inject: [DiscoveryService],
    },
  ],
  exports: [KindRegistry],
})
export class KindRegistryModule {}
