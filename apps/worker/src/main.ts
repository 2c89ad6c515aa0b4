import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfigOrExit } from '#libs/config';
import { createLogger, NestPinoLogger } from '#libs/core';
import {
  DatabaseModule,
  DatabaseWatch,
  describeMembers,
  migrateDatabase,
  resolveDatabase,
  type StopDatabase,
} from '#libs/database';
import { JobsModule } from '#libs/jobs';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL).child({ role: 'worker' });

// The signal handlers come first: a stop asked for during start-up waits for the start to finish
// and then stops cleanly, rather than killing the process half-way (and leaving its database).
let stopDatabase: StopDatabase = async () => undefined;
let app: INestApplicationContext | undefined;
let started: Promise<unknown> = Promise.resolve();
let stopping: 'no' | 'jobs' | 'database' = 'no';
async function shutdown(signal: string) {
  if (stopping === 'jobs') process.exit(1); // a second signal: stop waiting for running jobs
  if (stopping === 'database') {
    logger.warn({ signal }, 'Stopping the embedded PostgreSQL now: processes attached to it wait until it runs again');
    return void stopDatabase({ force: true });
  }
  stopping = 'jobs';
  logger.info({ signal }, 'Worker stopping: finishing running jobs');
  await started.catch(() => undefined);
  await app?.close(); // running jobs get a grace period, then go back to the queue for retry
  stopping = 'database';
  // the embedded PostgreSQL this worker started stays until no other process (the server) uses it
  await stopDatabase({
    onWait: (others) =>
      logger.warn(
        `Jobs stopped. Waiting for ${describeMembers(others)} to stop before stopping the embedded PostgreSQL they use (press Ctrl+C again to stop it now)`,
      ),
  });
  logger.info('Worker stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

started = (async () => {
  // Without DATABASE_URL this is the embedded PostgreSQL: the running server's, or our own.
  stopDatabase = await resolveDatabase(config, (line) => logger.debug({ context: 'postgres' }, line), 'worker');
  const applied = await migrateDatabase(config.DATABASE_URL!);
  if (applied.length) logger.info({ applied }, `Applied ${applied.length} migration(s)`);
  app = await NestFactory.createApplicationContext(
    {
      module: WorkerModule,
      imports: [ConfigModule.withConfig(config), DatabaseModule.forRoot(), JobsModule.forWorker()],
      providers: [DatabaseWatch],
    },
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );
})();
await started;
if (stopping === 'no') logger.info({ pid: process.pid }, 'Worker started');
