import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, '..', '..', 'dist', 'worker.js');

/** A real worker process (compiled dist/worker.js) on the test app's database and Redis. */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  stderr = '';

  constructor(private readonly env: Record<string, string>) {}

  start(): this {
    this.stderr = '';
    this.child = spawn(process.execPath, [WORKER], {
      env: {
        ...process.env,
        ...this.env,
        MODE: 'worker',
        WORKER_PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'error',
        LOG_FORMAT: 'text',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    return this;
  }

  /** Sends a signal and returns at once (SIGSTOP freezes the process, SIGCONT thaws it). */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async stop(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}
