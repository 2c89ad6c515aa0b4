import 'reflect-metadata';
import { resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, loadConfigOrExit, publicLink } from '#libs/config';
import { createLogger } from '#libs/core';
import { describeMembers, migrateDatabase, resolveDatabase, type StopDatabase } from '#libs/database';
import { DemoSeed, DemoVisitSeed } from '#libs/demo';
import { createServerApp } from './server-app.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);

// The signal handlers come first: a stop asked for during start-up waits for the start to finish
// and then stops cleanly, database last.
let stopDatabase: StopDatabase = async () => undefined;
let app: NestExpressApplication | undefined;
let started: Promise<unknown> = Promise.resolve();
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn({ signal }, 'Stopping the embedded PostgreSQL now: processes attached to it wait until it runs again');
    void stopDatabase({ force: true });
    return;
  }
  stopping = true;
  logger.info({ signal }, 'Shutting down');
  await started.catch(() => undefined);
  await app?.close();
  // the embedded PostgreSQL this process started stays until no other process (worker, CLI) uses it
  await stopDatabase({
    onWait: (others) =>
      logger.warn(
        `Waiting for ${describeMembers(others)} to stop before stopping the embedded PostgreSQL they use (press Ctrl+C again to stop it now)`,
      ),
  });
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

let demoUsers: string | undefined;
const embedded = !config.DATABASE_URL;
started = (async () => {
  stopDatabase = await resolveDatabase(config, (line) => logger.debug({ context: 'postgres' }, line), 'server');
  const applied = await migrateDatabase(config.DATABASE_URL!);
  logger.info({ applied }, applied.length ? `Applied ${applied.length} migration(s)` : 'Database schema is up to date');

  app = await createServerApp(config, logger);
  // modules start before the demo is seeded: their listeners (stored scores) must hear the demo's changes
  await app.init();
  if (config.SEED_DEMO) {
    const seed = app.get(DemoSeed);
    if (await seed.run()) logger.info('Seeded demo data');
    if (await app.get(DemoVisitSeed).run()) logger.info('Seeded a published demo visit');
    demoUsers = seed.describe();
  }
  await app.listen(config.PORT, config.HOST);
})();
await started;
if (!stopping) console.log(banner(config, demoUsers));

/** What an operator needs to know after a start, in a few lines. */
function banner(config: AppConfig, demoUsers?: string): string {
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const database = embedded
    ? `indbygget PostgreSQL i ${resolve(config.DATA_DIR, 'postgres')} (port ${config.EMBEDDED_PG_PORT})`
    : `PostgreSQL fra DATABASE_URL (${new URL(config.DATABASE_URL!).host}${new URL(config.DATABASE_URL!).pathname})`;
  const lines = [
    '',
    `Tilsyn kører på http://${host}:${config.PORT}  (API-dokumentation: /api/docs)`,
    `  Data:              ${database}`,
    `  Baggrundsjob:      ${config.JOBS_IN_PROCESS ? "kører i denne proces (PDF'er, rapportbatches, mails, påmindelser)" : 'kører IKKE her (JOBS_IN_PROCESS=false): start mindst én `npm run worker`'}`,
    `  Offentlig adresse: ${publicLink(config, '/')}  (links i breve, QR-koder og mails)`,
  ];
  if (demoUsers) lines.push('', demoUsers);
  return `${lines.join('\n')}\n`;
}
