import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { createLogger } from '#libs/core';
import { migrateDatabase, resolveDatabase } from '#libs/database';
import { DemoSeed, DemoVisitSeed } from '#libs/demo';
import { createServerApp } from './server-app.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const stopDatabase = await resolveDatabase(config, (line) => logger.debug({ context: 'postgres' }, line));
const applied = await migrateDatabase(config.DATABASE_URL!);
logger.info({ applied }, applied.length ? `Applied ${applied.length} migration(s)` : 'Database schema is up to date');

const app = await createServerApp(config, logger);
// modules start before the demo is seeded: their listeners (stored scores) must hear the demo's changes
await app.init();
if (config.SEED_DEMO) {
  const seed = app.get(DemoSeed);
  if (await seed.run()) logger.info('Seeded demo data');
  if (await app.get(DemoVisitSeed).run()) logger.info('Seeded a published demo visit');
  console.log(`\n${seed.describe()}\n`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'Shutting down');
  await app.close();
  await stopDatabase();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen(config.PORT, config.HOST);
console.log(
  `Tilsyn kører på http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}  (API-dokumentation: /api/docs)`,
);
