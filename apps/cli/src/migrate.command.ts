import { Command, CommandRunner } from 'nest-commander';
import { CliDatabase } from './cli-database.js';
import { applyMigrations, migrationStatus } from './migrations.js';
import { startProgress } from './progress.js';

@Command({ name: 'migrate', description: 'Anvender ventende migreringer (under migreringslåsen) og viser deres navne' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly db: CliDatabase) {
    super();
  }

  async run(): Promise<void> {
    const url = await this.db.url();
    const { pending } = await migrationStatus(url);
    if (!pending.length) {
      console.log('Databasen er opdateret: ingen ventende migreringer.');
      return;
    }
    const progress = startProgress('Migrerer', pending.length);
    let applied: string[];
    try {
      applied = await applyMigrations(url, () => progress.tick());
    } finally {
      progress.stop();
    }
    for (const name of applied) console.log(`Anvendt: ${name}`);
    console.log(`${applied.length} migrering(er) anvendt.`);
  }
}

@Command({ name: 'migrate:status', description: 'Viser anvendte og ventende migreringer' })
export class MigrateStatusCommand extends CommandRunner {
  constructor(private readonly db: CliDatabase) {
    super();
  }

  async run(): Promise<void> {
    const { applied, pending, unknown } = await migrationStatus(await this.db.url());
    for (const name of applied) console.log(`anvendt  ${name}`);
    for (const name of pending) console.log(`venter   ${name}`);
    for (const name of unknown) console.log(`ukendt   ${name}  (i databasen, men ikke i denne version af koden)`);
    console.log(
      `${applied.length} anvendt, ${pending.length} venter${unknown.length ? `, ${unknown.length} ukendt` : ''}.`,
    );
  }
}
