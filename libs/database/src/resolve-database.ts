import { join } from 'node:path';
import type { AppConfig } from '#libs/config';
import { type ClusterMember, type StopOptions, startEmbeddedPostgres } from './embedded-postgres.js';

/** Stops this process's use of the database: see EmbeddedDatabase.stop. */
export type StopDatabase = (options?: StopOptions) => Promise<void>;

/**
 * DATABASE_URL wins; otherwise the embedded cluster under DATA_DIR/postgres — started here, or the
 * one another Tilsyn process runs — and the config pointed at it. Returns how to stop (a no-op for
 * an external database, and for a cluster another process owns).
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void,
  role = 'cli',
): Promise<StopDatabase> {
  if (config.DATABASE_URL) return async () => undefined;
  const embedded = await startEmbeddedPostgres({
    dir: join(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    database: 'tilsyn',
    role,
    log,
  });
  config.DATABASE_URL = embedded.url;
  return (options) => embedded.stop(options);
}

/** For an owner's log while it waits: "worker 1234, cli 5678". */
export const describeMembers = (members: ClusterMember[]) => members.map((m) => `${m.role} ${m.pid}`).join(', ');
