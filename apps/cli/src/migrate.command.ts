import type { Command } from 'commander';
import type { CliDatabase } from './cli-database.js';
import { applyMigrations, migrationStatus } from './migrations.js';
import { startProgress } from './progress.js';

export function migrateCommands(program: Command, db: CliDatabase) {
  program
    .command('migrate')
    .description('Anvender ventende migreringer (under migreringslåsen) og viser deres navne')
    .action(async () => {
      const url = await db.url();
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
    });

  program
    .command('migrate:status')
    .description('Viser anvendte og ventende migreringer')
    .action(async () => {
      const { applied, pending, unknown } = await migrationStatus(await db.url());
      for (const name of applied) console.log(`anvendt  ${name}`);
      for (const name of pending) console.log(`venter   ${name}`);
      for (const name of unknown) console.log(`ukendt   ${name}  (i databasen, men ikke i denne version af koden)`);
      console.log(
        `${applied.length} anvendt, ${pending.length} venter${unknown.length ? `, ${unknown.length} ukendt` : ''}.`,
      );
    });
}
