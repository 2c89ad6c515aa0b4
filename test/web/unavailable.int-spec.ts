import { writeFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { isServiceUnavailable } from '#libs/web';

/** The error a real failure throws, to classify it as the problem filter does. */
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('isServiceUnavailable (503 with Retry-After, not 500)', () => {
  it('knows a PostgreSQL nobody listens on', async () => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: 9,
      user: 'x',
      database: 'x',
      connectionTimeoutMillis: 2000,
    });
    expect(isServiceUnavailable(await caught(() => client.connect()))).toBe(true);
  });

  it('knows a connection the server shut down (57P01) and the broken client after it', async () => {
    const client = new pg.Client({ connectionString: process.env.TILSYN_TEST_ADMIN_URL });
    await client.connect();
    client.on('error', () => {});
    const terminated = await caught(() => client.query('select pg_terminate_backend(pg_backend_pid())'));
    expect((terminated as { code?: string }).code ?? 'connection lost').toMatch(/57P01|connection lost/);
    expect(isServiceUnavailable(terminated)).toBe(true);
    expect(isServiceUnavailable(await caught(() => client.query('select 1')))).toBe(true);
  });

  it('knows a full disk, here or at the database', async () => {
    expect(isServiceUnavailable(await caught(() => writeFileSync('/dev/full', 'x')))).toBe(true);
    for (const code of ['53100', '53200', '53300', '57P03', '08006', '58030'])
      expect([code, isServiceUnavailable({ code, message: 'from PostgreSQL' })]).toEqual([code, true]);
    expect(isServiceUnavailable({ driverError: { code: '53100' } })).toBe(true);
  });

  it('leaves bugs and bad input alone', async () => {
    const client = new pg.Client({ connectionString: process.env.TILSYN_TEST_ADMIN_URL });
    await client.connect();
    try {
      for (const sql of ['select 1/0', 'select * from no_such_table', "select 'a'::int"])
        expect([sql, isServiceUnavailable(await caught(() => client.query(sql)))]).toEqual([sql, false]);
    } finally {
      await client.end();
    }
    expect(isServiceUnavailable(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
  });
});
