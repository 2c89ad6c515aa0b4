import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#libs/database';
import { createTestDatabase, startTestApp, type TestDatabase } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { migrations } from '../../migrations/index.js';

const tables = async (ds: DataSource) =>
  (await ds.query(`select table_name from information_schema.tables where table_schema = 'public' order by 1`)).map(
    (r: { table_name: string }) => r.table_name,
  );

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('apply in order on an empty database, then have nothing pending', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(await ds.showMigrations()).toBe(false);
    expect(await tables(ds)).toEqual(expect.arrayContaining(['app_user', 'facility', 'audit_event', 'user_session']));
  });

  it('undo one by one back to an empty schema, and apply again', async () => {
    for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual(['schema_migration']);
    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(migrations.length);
  });
});

describe('entities and migrations agree', () => {
  it('leaves TypeORM nothing to change in a migrated database', async () => {
    const t = await startTestApp(createServerApp);
    try {
      const sql = await t.app.get(DataSource).driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
