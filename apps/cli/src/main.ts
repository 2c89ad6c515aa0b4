import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigModule, loadConfigOrExit } from '#libs/config';
import { CliModule } from './cli.module.js';
import { EXIT, reportFailure } from './cli-errors.js';

const config = loadConfigOrExit(EXIT.failure);
const showStack = ['debug', 'trace'].includes(config.LOG_LEVEL);

let exitCode: number = EXIT.ok;
const cli = await CommandFactory.createWithoutRunning(
  { module: CliModule, imports: [ConfigModule.withConfig(config)] },
  {
    logger: false,
    abortOnError: false,
    serviceErrorHandler: (err) => {
      exitCode = reportFailure(err, showStack);
    },
  },
);
// Interrupted: still stop the embedded PostgreSQL this command may have started.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => void cli.close().finally(() => process.exit(code)));
}
await CommandFactory.runApplication(cli);
await cli.close();
process.exit(exitCode);
