import { randomBytes } from 'node:crypto';
import pg from 'pg';

function adminUrl(): string {
  const url = process.env.TILSYN_TEST_ADMIN_URL;
  if (!url) throw new Error('Run tests through jest (npm test): the global setup provides the database');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a clone of the migrated template (fast, isolated), or
 * empty with `{ empty: true }` for migration tests.
 */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const parent = process.env.TILSYN_TEST_TEMPLATE;
  const name = `${process.env.TILSYN_TEST_PREFIX}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(opts.empty ? `create database ${name}` : `create database ${name} template ${parent}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
