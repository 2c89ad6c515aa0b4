import { setTimeout as sleep } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { TransactionHost } from '#libs/database';
import type { JobDefinition, JobPayload } from './job-definition.js';
import { JOB_LOG, PG_BOSS } from './pg-boss.js';

const DEADLOCK_DETECTED = '40P01';
const DEADLOCK_RETRIES = 5;

/** Errors that mean the database is not there (refused, shut down, connection cut), not a bug. */
const connectionLost = (err: Error & { code?: string }) =>
  ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(err.code ?? '') ||
  /Connection terminated|terminating connection/.test(err.message);

/** How long a stopping process waits for running jobs before handing them back for retry. */
const SHUTDOWN_GRACE_MS = 30_000;

export type SendOptions = Pick<
  PgBoss.SendOptions,
  'singletonKey' | 'startAfter' | 'priority' | 'expireInSeconds' | 'retryLimit' | 'retryDelay' | 'retryBackoff'
>;

/** Queues jobs for the worker. Owns this process's pg-boss connection. */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly queues = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    @Inject(PG_BOSS) private readonly boss: PgBoss,
    @Inject(JOB_LOG) log: Logger,
    private readonly tx: TransactionHost,
  ) {
    // pg-boss reports connection and maintenance failures as events; unhandled they would crash.
    // After stop, its closing connections may still report the database shutting down: not news.
    // A database that is gone (stopped, restarting) is reported once by whoever watches it; here
    // it is one line without a stack each time pg-boss meets it.
    boss.on('error', (err) => {
      if (this.stopped) return;
      if (connectionLost(err)) log.warn({ err: { message: err.message } }, 'pg-boss: database unreachable');
      else log.error({ err }, 'pg-boss error');
    });
  }

  async onModuleInit() {
    await this.boss.start();
  }

  async beforeApplicationShutdown() {
    await this.boss.stop({ graceful: true, timeout: SHUTDOWN_GRACE_MS });
    this.stopped = true;
  }

  /**
   * Queues `job`. Inside a transaction (@Transactional) the job is written in that transaction, so
   * it exists exactly when the change that asked for it commits. Returns the job id, or null when
   * the queue's policy refused a duplicate (same singletonKey already queued).
   */
  async send<T extends JobPayload>(
    job: JobDefinition<T>,
    payload: T,
    options: SendOptions = {},
  ): Promise<string | null> {
    await this.ensureQueue(job);
    const manager = this.tx.tx;
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }) };
    return this.boss.send(job.name, payload, { ...options, db });
  }

  /** pg-boss drops jobs for a queue that does not exist, so each queue is created on first use. */
  ensureQueue(job: JobDefinition<JobPayload>): Promise<void> {
    let created = this.queues.get(job.name);
    if (!created) {
      created = this.createQueue(job);
      created.catch(() => this.queues.delete(job.name));
      this.queues.set(job.name, created);
    }
    return created;
  }

  /**
   * Each pg-boss queue is a partition attached to one shared job table, so two processes creating
   * different queues at once (the CLI sending while a worker starts) can deadlock; PostgreSQL then
   * aborts one of them, which simply tries again.
   */
  private async createQueue(job: JobDefinition<JobPayload>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.boss.createQueue(job.name, { name: job.name, ...job.queue });
      } catch (err) {
        if ((err as { code?: string }).code !== DEADLOCK_DETECTED || attempt === DEADLOCK_RETRIES) throw err;
        await sleep(50 * attempt + Math.random() * 50);
      }
    }
  }
}
