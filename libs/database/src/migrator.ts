import type { DataSource, Migration } from 'typeorm';

/** Arbitrary fixed key: every Tilsyn process migrating the same database queues on it. */
const MIGRATION_LOCK = 7_310_2014;

/** Runs pending migrations while holding a PostgreSQL advisory lock, so parallel starts never race. */
export async function migrateLocked(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
