import type { Command } from 'commander';
import { DemoSeed } from '#libs/demo';
import type { CliDatabase } from './cli-database.js';

export function seedCommand(program: Command, db: CliDatabase) {
  program
    .command('seed')
    .description('Indlæser de fiktive demodata (kan køres flere gange) og viser demobrugerne')
    .action(async () => {
      // The demo users share a published password.
      if (db.config.production) throw new Error('demodata må ikke indlæses i produktion (NODE_ENV=production)');
      const seed = (await db.services()).get(DemoSeed);
      console.log((await seed.run()) ? 'Demodata indlæst.' : 'Demodata fandtes allerede; intet ændret.');
      console.log(seed.describe());
    });
}
