import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';
// Not in the library's index: Jest, which loads the index, cannot load nest-commander.
import {
  CLI_SERVICES,
  QualityModelExportCommand,
  QualityModelImportCommand,
} from '../../../libs/quality-model/src/quality-model.command.js';
import { CliDatabase } from './cli-database.js';
import { MigrateCommand, MigrateStatusCommand } from './migrate.command.js';
import { ReportsBatchCommand } from './reports-batch.command.js';
import { SeedCommand } from './seed.command.js';
import { SyntheticRegionCommand } from './synthetic-region.command.js';
import { UsersCreateCommand } from './users-create.command.js';

/**
 * commander ends the process itself on a usage error (exit code 1, before the database is
 * stopped). Made to throw instead, the error reaches main, which cleans up and exits with 2.
 */
@Injectable()
class ThrowOnUsageError implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly program: Command) {}

  onApplicationBootstrap() {
    this.program.name('npm run cli --');
    const withSubcommands = (c: Command): Command[] => [c, ...c.commands.flatMap(withSubcommands)];
    for (const command of withSubcommands(this.program)) {
      command.exitOverride().showHelpAfterError('(se --help)');
    }
  }
}

@Module({
  providers: [
    CliDatabase,
    ThrowOnUsageError,
    { provide: CLI_SERVICES, inject: [CliDatabase], useFactory: (db: CliDatabase) => () => db.services() },
    MigrateCommand,
    MigrateStatusCommand,
    SeedCommand,
    UsersCreateCommand,
    QualityModelImportCommand,
    QualityModelExportCommand,
    ReportsBatchCommand,
    SyntheticRegionCommand,
  ],
})
export class CliModule {}
