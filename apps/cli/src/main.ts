import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfigOrExit } from '#libs/config';
import { CliDatabase } from './cli-database.js';
import { EXIT, reportFailure } from './cli-errors.js';
import { migrateCommands } from './migrate.command.js';
import { qualityModelCommands } from './quality-model.command.js';
import { reportsBatchCommand } from './reports-batch.command.js';
import { seedCommand } from './seed.command.js';
import { syntheticRegionCommand } from './synthetic-region.command.js';
import { usersCreateCommand } from './users-create.command.js';

const config = loadConfigOrExit(EXIT.failure);
const showStack = ['debug', 'trace'].includes(config.LOG_LEVEL);
const db = new CliDatabase(config);

// commander would end the process itself on a usage error (before the database is stopped); made to
// throw instead, the error reaches the catch below. Subcommands made by .command() inherit this.
const program = new Command('npm run cli --').exitOverride().showHelpAfterError('(se --help)');
for (const register of [
  migrateCommands,
  seedCommand,
  usersCreateCommand,
  qualityModelCommands,
  reportsBatchCommand,
  syntheticRegionCommand,
]) {
  register(program, db);
}

// Interrupted: still stop the embedded PostgreSQL this command may have started.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => void db.close().finally(() => process.exit(code)));
}

let exitCode: number = EXIT.ok;
try {
  await program.parseAsync(process.argv);
} catch (err) {
  exitCode = reportFailure(err, showStack);
}
await db.close();
process.exit(exitCode);
