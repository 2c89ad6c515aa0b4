import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { ConfigModule, loadConfig } from '#libs/config';
import { DatabaseModule, TransactionHost } from '#libs/database';
import { JobQueue, JobsModule } from '#libs/jobs';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { PruneExpiredTokens } from '../../apps/worker/src/maintenance/prune-expired-tokens.job.js';
import { startWorker, type WorkerProcess } from './worker-process.js';

/** What the server will have: DatabaseModule and JobsModule, sending only. */
@Module({ imports: [DatabaseModule.forRoot(), JobsModule.forRoot()] })
class SenderModule {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | false | undefined>, worker?: WorkerProcess): Promise<T> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(100)) {
    const value = await probe();
    if (value) return value;
  }
  throw new Error(`Timed out waiting for ${what}\n${worker?.output() ?? ''}`);
}

describe('worker', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let sender: INestApplicationContext;
  let queue: JobQueue;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url });
    sender = await NestFactory.createApplicationContext(
      { module: SenderModule, imports: [ConfigModule.withConfig(config)] },
      { logger: false },
    );
    queue = sender.get(JobQueue);
    [{ id: userId }] = (
      await sql.query(
        `insert into app_user (email, name, role, password_hash) values ('jobs@test', 'Jobs', 'inspector', 'x') returning id`,
      )
    ).rows;
  });
  afterAll(async () => {
    await sender?.close();
    await sql?.end();
    await db?.drop();
  });

  /** Two expired API tokens and a live one, named after the test. */
  const addTokens = (prefix: string) =>
    sql.query(
      `insert into api_token (user_id, token_hash, expires_at) values
         ($1, $2 || '-expired-1', now() - interval '1 minute'), ($1, $2 || '-expired-2', now() - interval '3 days'),
         ($1, $2 || '-live', now() + interval '1 hour')`,
      [userId, prefix],
    );
  const tokens = async () =>
    (await sql.query(`select token_hash from api_token order by 1`)).rows.map((r) => r.token_hash);
  const job = async (id: string) =>
    (
      await sql.query(
        `select state, retry_count, output, started_on + expire_in < now() as expired from pgboss.job where id = $1`,
        [id],
      )
    ).rows[0];

  /** Holds the job mid-way: its DELETE waits for this lock. */
  async function lockTokens(): Promise<pg.Client> {
    const lock = new pg.Client({ connectionString: db.url });
    await lock.connect();
    await lock.query('begin');
    await lock.query('lock table api_token in share mode');
    return lock;
  }
  const blockedInJob = async (id: string) =>
    (await job(id))?.state === 'active' &&
    (
      await sql.query(
        `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'delete from api_token%'`,
      )
    ).rowCount! > 0;

  it('runs a job sent through JobQueue: expired API tokens are deleted, live ones kept', async () => {
    await addTokens('a');
    const id = (await queue.send(PruneExpiredTokens, {}, { singletonKey: 'a' }))!;
    expect(id).toEqual(expect.any(String));
    const worker = await startWorker(db.url);
    try {
      const done = await until(
        'the job to complete',
        async () => (await job(id))?.state === 'completed' && job(id),
        worker,
      );
      expect(done.output).toEqual({ deleted: expect.any(Number) });
      expect(await tokens()).toEqual(['a-live']);
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await worker.exited).toBe(0);
  });

  it('retries a job whose worker was killed mid-job, and a restarted worker completes it', async () => {
    await addTokens('b');
    const lock = await lockTokens();
    // Short expiry so the test need not wait the real ten minutes before the job counts as abandoned.
    const id = (await queue.send(PruneExpiredTokens, {}, { singletonKey: 'b', expireInSeconds: 3, retryDelay: 0 }))!;
    const crashing = await startWorker(db.url);
    await until('the job to be running', () => blockedInJob(id), crashing);
    crashing.kill('SIGKILL');
    expect(await crashing.exited).toBe(null);
    await lock.query('rollback');
    await lock.end();
    expect((await job(id)).state).toBe('active'); // nobody finished it
    await until('the job to expire', async () => (await job(id)).expired);

    const restarted = await startWorker(db.url);
    try {
      const done = await until(
        'the retried job to complete',
        async () => (await job(id))?.state === 'completed' && job(id),
        restarted,
      );
      expect(done.retry_count).toBeGreaterThanOrEqual(1);
      expect(await tokens()).toEqual(['a-live', 'b-live']);
    } finally {
      restarted.kill('SIGTERM');
    }
    expect(await restarted.exited).toBe(0);
  });

  it('lets a worker stopped with SIGTERM finish the job it is running before it exits', async () => {
    await addTokens('c');
    const lock = await lockTokens();
    const id = (await queue.send(PruneExpiredTokens, {}, { singletonKey: 'c' }))!;
    const worker = await startWorker(db.url);
    await until('the job to be running', () => blockedInJob(id), worker);
    worker.kill('SIGTERM');
    await sleep(1000);
    expect(worker.output()).not.toContain('Worker stopped'); // still waiting for the job
    await lock.query('rollback');
    await lock.end();
    expect(await worker.exited).toBe(0);
    expect(await job(id)).toMatchObject({ state: 'completed', retry_count: 0 });
    expect(await tokens()).toEqual(['a-live', 'b-live', 'c-live']);
  });

  it('queues a job inside a transaction only when the transaction commits', async () => {
    const tx = sender.get(TransactionHost);
    const rollback = tx.run(async () => {
      await queue.send(PruneExpiredTokens, {}, { singletonKey: 'rolled-back' });
      throw new Error('the change failed');
    });
    await expect(rollback).rejects.toThrow('the change failed');
    await tx.run(() => queue.send(PruneExpiredTokens, {}, { singletonKey: 'committed' }));
    const { rows } = await sql.query(
      `select singleton_key from pgboss.job where singleton_key in ('rolled-back', 'committed')`,
    );
    expect(rows).toEqual([{ singleton_key: 'committed' }]);
  });
});
