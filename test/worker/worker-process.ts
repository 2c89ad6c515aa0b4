import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface WorkerProcess {
  pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Everything the worker logged so far, for failure messages. */
  output(): string;
}

/** Starts the built worker (`npm run worker`) with `env` on top of this process's environment, without waiting. */
export function spawnWorker(env: Record<string, string | undefined>): WorkerProcess {
  const { NODE_OPTIONS: _jestFlags, DATABASE_URL: _ambient, ...inherited } = process.env;
  const child = spawn(process.execPath, [resolve('dist/apps/worker/src/main.js')], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { pid: child.pid!, exited, kill: (signal) => child.kill(signal), output: () => output };
}

/** Resolves once the worker takes jobs; fails with its output when it exits first. */
export async function workerStarted(worker: WorkerProcess, ms = 120_000): Promise<WorkerProcess> {
  let exit: number | null | undefined;
  void worker.exited.then((code) => (exit = code));
  for (const deadline = Date.now() + ms; !worker.output().includes('"msg":"Worker started"'); ) {
    if (exit !== undefined) throw new Error(`worker exited with ${exit} before it started:\n${worker.output()}`);
    if (Date.now() > deadline) throw new Error(`worker did not start in ${ms} ms:\n${worker.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return worker;
}

/** Starts the built worker on `databaseUrl` (and `env`) and waits until it takes jobs. */
export async function startWorker(databaseUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  return workerStarted(spawnWorker({ DATABASE_URL: databaseUrl, ...env }));
}
