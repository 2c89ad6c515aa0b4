import type PgBoss from 'pg-boss';

/** JSON payload of a job. */
export type JobPayload = object;

/**
 * A kind of job: its queue name, queue settings and payload type, shared by whoever sends it and
 * the handler that runs it, so both agree on the payload at compile time.
 */
export interface JobDefinition<T extends JobPayload> {
  /** Queue name, `<domain>.<verb-noun>`, e.g. `reporting.render-report`. */
  readonly name: string;
  /**
   * Policy (e.g. `stately`: at most one queued and one running job per singleton key), retry,
   * expiry and retention; applied when the queue is created and again whenever a worker starts.
   */
  readonly queue: Omit<PgBoss.Queue, 'name' | 'deadLetter'>;
  /** Recurring jobs: the worker sends one on this cron, in Danish local time. */
  readonly schedule?: { cron: string; payload: T };
  /**
   * How a worker process takes these jobs: `concurrency` jobs at once (default 1), and how soon it
   * looks again after a job (pg-boss waits out the polling interval after each fetch; default 2 s).
   */
  readonly work?: { concurrency?: number; pollingIntervalSeconds?: number };
}

export const defineJob = <T extends JobPayload>(job: JobDefinition<T>): JobDefinition<T> => job;

/** What a @JobHandler provider implements. */
export interface JobHandlerOf<T extends JobPayload> {
  /**
   * Does one job. Throwing fails this attempt and the queue's retry settings decide what follows;
   * the value returned is kept with the job as its output.
   */
  run(payload: T): Promise<object | undefined>;
}
