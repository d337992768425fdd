import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import Redis from 'ioredis';

export class RedisUnavailableError extends Error {}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/bin', '/usr/sbin', '/usr/local/bin'])) {
    const candidate = `${dir}/${binary}`;
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds redis-server. The engine never installs software itself (that is the
 * demo script's and CI's job): when it is missing it says what to install.
 */
export function ensureRedisServer(lookup: (binary: string) => string | undefined = which): string {
  const found = lookup('redis-server');
  if (found) return found;
  throw new RedisUnavailableError(
    'redis-server is not installed and REDIS_URL is not set. Install it with: sudo apt-get install -y redis-server (or set REDIS_URL=redis://host:6379)',
  );
}

export interface EmbeddedRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs a private redis-server for the embedded default: data under `dir`, AOF on
 * (queued jobs and buffered events survive a crash) and noeviction (BullMQ
 * must never lose keys to memory pressure).
 */
export async function startEmbeddedRedis(
  dir: string,
  log: (line: string) => void = () => undefined,
  port?: number,
): Promise<EmbeddedRedis> {
  const binary = ensureRedisServer();
  mkdirSync(dir, { recursive: true });
  await stopOrphan(join(dir, 'redis.pid'), log);
  port ??= await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--loglevel',
      'warning',
      '--logfile',
      'redis.log',
    ],
    // No inherited pipes: a parent that dies must not be kept waiting on them.
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForRedis(url, child);
  writeFileSync(join(dir, 'redis.pid'), String(child.pid));
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(join(dir, 'redis.pid'), { force: true });
    },
  };
}

// A previous engine killed with SIGKILL leaves its redis-server running on the
// same data dir; two servers appending to one AOF would corrupt it.
async function stopOrphan(pidFile: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = (): boolean => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
    } catch {
      return false;
    }
  };
  if (pid > 0 && alive()) {
    log(`stopping the redis-server (pid ${pid}) left behind by a previous run`);
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(pidFile, { force: true });
}

async function waitForRedis(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new RedisUnavailableError(`redis-server exited with code ${child.exitCode} at start`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // Loading a large AOF answers LOADING until done.
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError('redis-server did not answer within 15 s');
}
