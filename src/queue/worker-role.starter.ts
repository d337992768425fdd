import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { AppConfig } from '../config/app-config';
import { runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

/**
 * Processors are declared with autorun off so that one module graph serves both
 * roles; only a process with the worker role starts consuming. Start-up also
 * refuses two processors for one queue.
 */
@Injectable()
export class WorkerRoleStarter implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    const seen = new Map<string, string>();
    for (const host of hosts) {
      const queue = host.worker.name;
      const owner = seen.get(queue);
      if (owner) throw new Error(`Queue "${queue}" has two processors: ${owner} and ${host.constructor.name}`);
      seen.set(queue, host.constructor.name);
    }
    if (!runsWorker(this.config)) return;
    for (const host of hosts) {
      (host as WorkerHost & { configureWorker?: () => void }).configureWorker?.();
      host.worker.on('failed', (job, error) => {
        const attempts = job ? `attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}` : 'no job';
        this.logger.warn(
          `Job ${job?.name ?? '?'} (${job?.id ?? '?'}) on ${host.worker.name} failed, ${attempts}: ${error.message}`,
        );
      });
      host.worker
        .run()
        .catch((error: unknown) => this.logger.error(`Worker for ${host.worker.name} stopped: ${String(error)}`));
    }
    this.logger.log(`Consuming queues: ${[...seen.keys()].join(', ') || 'none'}`);
  }
}
