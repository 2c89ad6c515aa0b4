import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '#libs/database';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The server tests run against: TEST_DATABASE_URL when set, else a throw-away embedded cluster
 * (fsync off) in a temp dir. Returns an admin URL (to the `postgres` database) and a stop function.
 */
export async function startTestServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), stop: async () => undefined };
  }
  const parent = mkdtempSync(join(tmpdir(), 'tilsyn-test-pg-'));
  chmodSync(parent, 0o755); // as root, initdb runs as the postgres user and must reach the dir
  const db = await startEmbeddedPostgres({
    dir: join(parent, 'data'),
    port: await freePort(),
    database: 'postgres',
    persistent: false,
  });
  return { adminUrl: db.url, stop: db.stop };
}

export function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
