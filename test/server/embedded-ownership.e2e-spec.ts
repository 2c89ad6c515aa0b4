import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import PgBoss from 'pg-boss';
import { freePort, printed, type ServerProcess, spawnServer, startServer } from '#libs/testing';
import { spawnWorker, type WorkerProcess, workerStarted } from '../worker/worker-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => boolean | Promise<boolean>, context: () => string, ms = 60_000) {
  for (const deadline = Date.now() + ms; !(await probe()); await sleep(100))
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${context()}`);
}

const health = (server: ServerProcess) =>
  fetch(`${server.base}/health`)
    .then((r) => r.status)
    .catch(() => 0);

/**
 * Without DATABASE_URL, the server and the worker share the embedded PostgreSQL under DATA_DIR: a
 * file lock decides which one starts it, the other attaches, and only the one that started it stops
 * it — after the other has gone, or at once on a second signal.
 */
describe('one owner of the embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const running: { exited: Promise<number | null>; kill(s: NodeJS.Signals): void }[] = [];
  afterAll(async () => {
    for (const p of running) p.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function freshDataDir() {
    const dir = mkdtempSync(join(tmpdir(), 'tilsyn-owner-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach the dir
    dirs.push(dir);
    return {
      dir,
      env: {
        DATA_DIR: dir,
        EMBEDDED_PG_PORT: String(await freePort()),
        DATABASE_URL: undefined,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
      },
    };
  }
  const members = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'postgres.members.json'), 'utf8')) as {
      owner?: { pid: number; role: string };
      members: { pid: number; role: string }[];
    };
  const server = (env: Record<string, string | undefined>, port: number) => {
    const s = spawnServer({ ...env, PORT: String(port) });
    running.push({ exited: s.exited, kill: (sig) => s.child.kill(sig) });
    return s;
  };
  const worker = (env: Record<string, string | undefined>) => {
    const w = spawnWorker(env);
    running.push(w);
    return w;
  };

  it('server and worker started at the same instant on a fresh data dir, 5 times: one starts it, both are healthy; stopping the worker leaves the server healthy', async () => {
    const owners: string[] = [];
    for (let round = 1; round <= 5; round++) {
      const { dir, env } = await freshDataDir();
      const s = server(env, await freePort());
      const w = worker(env);
      await Promise.all([printed(s, 'Tilsyn kører på'), workerStarted(w)]);
      expect(await health(s)).toBe(200);
      const state = members(dir);
      expect(state.members.map((m) => m.pid).sort()).toEqual([s.child.pid, w.pid].sort());
      expect([s.child.pid, w.pid]).toContain(state.owner?.pid);
      owners.push(state.owner!.role);

      // stop the worker: the server stays healthy, whichever of them started the database
      w.kill('SIGTERM');
      if (state.owner!.role === 'worker')
        await until('the worker to wait for the server', () => w.output().includes('Waiting for server'), w.output);
      else expect(await w.exited).toBe(0);
      await sleep(500);
      expect(await health(s)).toBe(200);
      const login = await fetch(`${s.base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.dk', password: 'not-a-password' }),
      });
      expect(login.status).toBe(401); // answered from the database
      expect(await s.stop()).toBe(0);
      expect(await w.exited).toBe(0);
      expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false); // stopped, by its owner
      expect(members(dir).members).toEqual([]);
    }
    console.log(`owners of the 5 concurrent starts: ${owners.join(', ')}`);
  }, 900_000);

  it('stopping the server that owns it: the worker reports the database gone, stays up, and takes jobs again when it returns', async () => {
    const { dir, env } = await freshDataDir();
    const port = await freePort();
    const first = await startServer({ ...env, PORT: String(port) });
    running.push({ exited: first.exited, kill: (sig) => first.child.kill(sig) });
    const w: WorkerProcess = await workerStarted(worker(env));
    expect(members(dir).owner).toMatchObject({ role: 'server', pid: first.child.pid });

    // a clean stop waits for the attached worker; a second signal stops the database at once
    first.child.kill('SIGTERM');
    await printed(first, 'Waiting for worker');
    expect(w.output()).not.toContain('Database unreachable');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    await until('the worker to report the database gone', () => w.output().includes('Database unreachable'), w.output);
    await sleep(5000);
    let exited = false;
    void w.exited.then(() => (exited = true));
    expect(exited).toBe(false);
    expect(w.output().split('Database unreachable').length - 1).toBe(1); // said once, not in a loop

    // the server comes back (serving only): the worker reconnects and runs a job
    const second = server({ ...env, JOBS_IN_PROCESS: 'false' }, port);
    await printed(second, 'Tilsyn kører på');
    await until('the worker to reconnect', () => w.output().includes('Database reachable again'), w.output);
    const boss = new PgBoss({
      connectionString: `postgres://postgres:tilsyn-embedded@127.0.0.1:${env.EMBEDDED_PG_PORT}/tilsyn`,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    });
    boss.on('error', () => undefined);
    await boss.start();
    try {
      const id = (await boss.send('maintenance.prune-expired-tokens', {}))!;
      await until(
        'the worker to run the job',
        () => w.output().includes(`"jobId":"${id}"`) && w.output().includes('"msg":"Job done"'),
        w.output,
      );
      // the handler logs »Job done« just before pg-boss records the completion
      await until(
        'pg-boss to record the job completed',
        async () => (await boss.getJobById('maintenance.prune-expired-tokens', id))?.state === 'completed',
        w.output,
        10_000,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    expect(exited).toBe(false);
    w.kill('SIGTERM');
    expect(await w.exited).toBe(0); // not its database: it leaves it running
    expect(await health(second)).toBe(200);
    expect(await second.stop()).toBe(0);
  }, 600_000);
});
