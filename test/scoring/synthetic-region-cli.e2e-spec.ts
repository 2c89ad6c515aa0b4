import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { runCli } from '../cli/run-cli.js';

describe('cli: synthetic-region', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const count = async (sql: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows[0].n as number;
    } finally {
      await c.end();
    }
  };

  it('refuses a bad count with exit code 2, naming the option', async () => {
    const res = await runCli(['synthetic-region', '--facilities', 'mange'], { DATABASE_URL: db.url });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--facilities: skal være et helt tal over 0');
  });

  it('creates facilities with published visits and their stored scores, showing progress', async () => {
    expect((await runCli(['seed'], { DATABASE_URL: db.url })).code).toBe(0);
    const res = await runCli(['synthetic-region', '--facilities', '150', '--years', '2', '--last-year', '2024'], {
      DATABASE_URL: db.url,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Tilbud: 0/150');
    expect(res.stdout).toContain('Tilbud: 150/150');
    expect(res.stdout).toMatch(/150 tilbud, 300 besøg og \d+ vurderinger oprettet/);
    expect(await count(`select count(distinct facility_id)::int as n from score_node where level = 'overall'`)).toBe(
      150,
    );
    expect(await count(`select count(distinct period)::int as n from score_node`)).toBe(2);
  });
});
