import { DataSource, MigrationExecutor, type MigrationInterface } from 'typeorm';
import { dataSourceOptions, migrateLocked } from '#libs/database';

const nameOf = (m: MigrationInterface) => m.name ?? m.constructor.name;

async function withDataSource<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied to the database but not known to this build: the database is newer than the code. */
  unknown: string[];
}

export function migrationStatus(url: string): Promise<MigrationStatus> {
  return withDataSource(url, async (ds) => {
    const executed = (await new MigrationExecutor(ds).getExecutedMigrations()).map((m) => m.name);
    const known = ds.migrations.map(nameOf);
    return {
      applied: known.filter((name) => executed.includes(name)),
      pending: known.filter((name) => !executed.includes(name)),
      unknown: executed.filter((name) => !known.includes(name)),
    };
  });
}

/** Applies pending migrations under the migration lock, calling `onApplied` as each one finishes. */
export function applyMigrations(url: string, onApplied: (name: string) => void): Promise<string[]> {
  return withDataSource(url, async (ds) => {
    for (const migration of ds.migrations) {
      const up = migration.up.bind(migration);
      migration.up = async (queryRunner) => {
        await up(queryRunner);
        onApplied(nameOf(migration));
      };
    }
    return (await migrateLocked(ds)).map((m) => m.name);
  });
}
