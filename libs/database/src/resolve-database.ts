import { join } from 'node:path';
import type { AppConfig } from '#libs/config';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * DATABASE_URL wins; otherwise start the embedded cluster under DATA_DIR/postgres and point the
 * config at it. Returns a stop function (a no-op for an external database).
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void,
  _role = 'cli',
): Promise<() => Promise<void>> {
  if (config.DATABASE_URL) return async () => undefined;
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
    dir: join(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    database: 'tilsyn',
    log,
  });
  config.DATABASE_URL = embedded.url;
  return () => embedded.stop();
}
