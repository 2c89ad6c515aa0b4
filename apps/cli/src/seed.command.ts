import { Command, CommandRunner } from 'nest-commander';
import { AppConfig } from '#libs/config';
import { DemoSeed } from '#libs/demo';
import { CliDatabase } from './cli-database.js';

@Command({ name: 'seed', description: 'Indlæser de fiktive demodata (kan køres flere gange) og viser demobrugerne' })
export class SeedCommand extends CommandRunner {
  constructor(
    private readonly db: CliDatabase,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run(): Promise<void> {
    // The demo users share a published password.
    if (this.config.production) throw new Error('demodata må ikke indlæses i produktion (NODE_ENV=production)');
    const seed = (await this.db.services()).get(DemoSeed);
    console.log((await seed.run()) ? 'Demodata indlæst.' : 'Demodata fandtes allerede; intet ændret.');
    console.log(seed.describe());
  }
}
