import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { QualityModelImporter, QualityModelSeed, SHIPPED_CATALOGUES } from '#libs/quality-model';
import { startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('quality-model tables', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('match their entities (TypeORM has nothing to change)', async () => {
    const sql = await db.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query).filter((q) => /quality_/.test(q))).toEqual([]);
  });

  it('seed the shipped catalogues as published versions, once', async () => {
    expect(await t.run(() => t.app.get(QualityModelSeed).run())).toEqual(['regional-social', 'socialtilsyn']);
    expect(await t.run(() => t.app.get(QualityModelSeed).run())).toEqual([]);
    const rows = await db.query(`select model_key, number, status from quality_model_version order by model_key`);
    expect(rows).toEqual([
      { model_key: 'regional-social', number: 1, status: 'published' },
      { model_key: 'socialtilsyn', number: 1, status: 'published' },
    ]);
  });

  it('refuse, in the database itself, any change to a published version or its content', async () => {
    const [{ id }] = await db.query(`select id from quality_model_version where model_key = 'socialtilsyn'`);
    await expect(db.query(`update quality_indicator set text = 'x' where version_id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(db.query(`delete from quality_standard where version_id = $1`, [id])).rejects.toThrow(/immutable/);
    await expect(db.query(`update quality_model_version set name = 'x' where id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(db.query(`update quality_model_version set status = 'draft' where id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(db.query(`delete from quality_model_version where id = $1`, [id])).rejects.toThrow(/never deleted/);
  });

  it('allow at most one published version per model', async () => {
    const draft = await t.run(() => t.app.get(QualityModelImporter).importFile(SHIPPED_CATALOGUES[1]));
    await expect(
      db.query(`update quality_model_version set status = 'published' where id = $1`, [draft.id]),
    ).rejects.toThrow(/quality_model_version_published_key/);
    // a draft's content goes with it
    await db.query(`delete from quality_model_version where id = $1`, [draft.id]);
    expect(
      await db.query(`select count(*)::int as n from quality_indicator where version_id = $1`, [draft.id]),
    ).toEqual([{ n: 0 }]);
  });
});
