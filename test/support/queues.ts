import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { TestApp } from './test-app';

/** Waits until the named queues have nothing waiting, delayed or running: the work they were given is done. */
export async function queuesIdle(t: TestApp, names: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let busy = 0;
    for (const name of names) {
      const counts = await t.app
        .get<Queue>(getQueueToken(name))
        .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    if (!busy) return;
    if (Date.now() > deadline)
      throw new Error(`queues ${names.join(', ')} still had ${busy} jobs after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
