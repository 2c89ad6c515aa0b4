import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfigOrExit } from '#libs/config';
import { createLogger, NestPinoLogger } from '#libs/core';
import { migrateDatabase, resolveDatabase } from '#libs/database';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL).child({ role: 'worker' });
// Without DATABASE_URL this is the embedded PostgreSQL: the running server's, or our own.
const stopDatabase = await resolveDatabase(config, (line) => logger.debug({ context: 'postgres' }, line));
const applied = await migrateDatabase(config.DATABASE_URL!);
if (applied.length) logger.info({ applied }, `Applied ${applied.length} migration(s)`);

const app = await NestFactory.createApplicationContext(
  { module: WorkerModule, imports: [ConfigModule.withConfig(config)] },
  { logger: new NestPinoLogger(logger), abortOnError: false },
);
logger.info({ pid: process.pid }, 'Worker started');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) process.exit(1); // a second signal: stop waiting for running jobs
  stopping = true;
  logger.info({ signal }, 'Worker stopping: finishing running jobs');
  await app.close(); // running jobs get a grace period, then go back to the queue for retry
  await stopDatabase();
  logger.info('Worker stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
