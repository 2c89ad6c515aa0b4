import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { migrateLocked } from './migrator.js';

/** Brings the database at `url` up to the newest migration; returns the names applied. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    return (await migrateLocked(ds)).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
