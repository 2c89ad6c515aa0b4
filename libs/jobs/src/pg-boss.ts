import PgBoss from 'pg-boss';
import type { AppConfig } from '#libs/config';

/** Injection tokens; not exported from the library. */
export const PG_BOSS = Symbol('PgBoss');
export const JOB_LOG = Symbol('JobLog');

export type JobRole = 'sender' | 'worker';

/**
 * pg-boss on the app's own PostgreSQL, in schema `pgboss`, which it creates and upgrades itself.
 * Only workers run pg-boss maintenance (expiring, archiving) and send cron jobs.
 */
export function createPgBoss(config: Pick<AppConfig, 'DATABASE_URL'>, role: JobRole): PgBoss {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not resolved; start embedded PostgreSQL first');
  return new PgBoss({
    connectionString: config.DATABASE_URL,
    schema: 'pgboss',
    application_name: `tilsyn-jobs-${role}`,
    max: role === 'worker' ? 10 : 3,
    supervise: role === 'worker',
    schedule: role === 'worker',
  });
}
