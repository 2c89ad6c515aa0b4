import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would (`npm run cli -- …`): a separate Node process, so exit codes,
 * stdout and stderr are the real ones. `env` replaces the database settings; the rest is inherited.
 */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const { NODE_OPTIONS: _jestFlags, DATABASE_URL: _ambient, ...inherited } = process.env;
  const child = spawn(process.execPath, [resolve('dist/apps/cli/src/main.js'), ...args], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}
