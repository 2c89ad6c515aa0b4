import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface WorkerProcess {
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Everything the worker logged so far, for failure messages. */
  output(): string;
}

/** Starts the built worker (`npm run worker`) on `databaseUrl` (and `env`) and waits until it takes jobs. */
export async function startWorker(databaseUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
  const child = spawn(process.execPath, [resolve('dist/apps/worker/src/main.js')], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  await new Promise<void>((ok, fail) => {
    const collect = (d: Buffer) => {
      output += d;
      if (output.includes('"msg":"Worker started"')) ok();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => fail(new Error(`worker exited with ${code} before it started:\n${output}`)));
  });
  return { exited, kill: (signal) => child.kill(signal), output: () => output };
}
