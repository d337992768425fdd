import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Removes or anonymises one module's rows about a subscriber, inside the erasure transaction. */
export type ErasureHook = (subscriberId: number, emailHash: string | null, manager: EntityManager) => Promise<void>;

/**
 * Modules that store data about subscribers (deliveries, events, entries...)
 * register here at start-up, so one erasure reaches every table.
 */
@Injectable()
export class ErasureHooks {
  private readonly hooks = new Map<string, ErasureHook>();

  register(owner: string, hook: ErasureHook): void {
    if (this.hooks.has(owner)) throw new Error(`erasure hook "${owner}" registered twice`);
    this.hooks.set(owner, hook);
  }

  async run(subscriberId: number, emailHash: string | null, manager: EntityManager): Promise<void> {
    for (const hook of this.hooks.values()) await hook(subscriberId, emailHash, manager);
  }
}
