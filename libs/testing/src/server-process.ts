import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  base: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the built server as `npm start` runs it (`node dist/apps/server/src/main.js`) with `env`
 * on top of this process's environment (less Jest's NODE_OPTIONS), without waiting.
 */
export function spawnServer(env: Record<string, string | undefined>): ServerProcess {
  const { NODE_OPTIONS: _jestFlags, DATABASE_URL: _ambient, ...inherited } = process.env;
  const child = spawn(process.execPath, [resolve('dist/apps/server/src/main.js')], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return {
    child,
    base: `http://127.0.0.1:${env.PORT}`,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Resolves when `text` has been printed; fails when the process exits first or after `ms`. */
export async function printed(server: ServerProcess, text: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!server.output().includes(text)) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(
        `server exited with ${server.child.exitCode ?? server.child.signalCode} before printing «${text}»:\n${server.output()}`,
      );
    if (Date.now() > deadline) throw new Error(`server did not print «${text}» in ${ms} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the built server and waits until it listens (its banner is printed). */
export async function startServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const server = spawnServer(env);
  await printed(server, 'Tilsyn kører på');
  return server;
}

/** Signs in through the login form, as a browser does (CSRF token, session cookie); returns the Cookie header. */
export async function formLogin(base: string, email: string, password: string): Promise<string> {
  const cookies = new Map<string, string>();
  const take = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${base}/login`);
  take(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on the login page');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ email, password, _csrf: csrf, next: '/' }),
  });
  if (res.status !== 303) throw new Error(`login as ${email} answered ${res.status}`);
  take(res);
  return header();
}
