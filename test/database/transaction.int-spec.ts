import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionHost } from '#libs/database';
import { startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

type PgClient = { query: (...args: unknown[]) => Promise<unknown> };

describe('transactions', () => {
  let t: TestApp;
  let host: TransactionHost;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    host = t.app.get(TransactionHost);
  });
  afterAll(() => t?.close());

  it('runs side-by-side reads of one transaction one after another, never piling them up on its pg client', async () => {
    let inFlight = 0;
    let most = 0;
    const rows = await host.run(() => {
      // count what reaches the transaction's pg client at once (pg deprecates a second query while one runs; pg 9 refuses it)
      const client = (host.tx.queryRunner as unknown as { databaseConnection: PgClient }).databaseConnection;
      const query = client.query.bind(client);
      client.query = async (...args: unknown[]) => {
        most = Math.max(most, ++inFlight);
        try {
          return await query(...args);
        } finally {
          inFlight--;
        }
      };
      return Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          host.tx.query(`select $1::int as n, pg_backend_pid() as pid, txid_current() as tx from pg_sleep(0.02)`, [n]),
        ),
      );
    });
    expect(rows.map(([r]) => r.n)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(rows.map(([r]) => `${r.pid}|${r.tx}`)).size).toBe(1); // one connection, one transaction
    expect(most).toBe(1);
  });
});
