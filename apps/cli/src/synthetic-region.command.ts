import { Command, CommandRunner, Option } from 'nest-commander';
import { AppConfig } from '#libs/config';
import { formatDecimal, thisYear } from '#libs/core';
import { SyntheticRegion } from '#libs/scoring';
import { CliDatabase } from './cli-database.js';
import { UsageError } from './cli-errors.js';
import { startProgress } from './progress.js';

interface Options {
  facilities: number;
  years: number;
  lastYear: number;
}

const positive = (flag: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: skal være et helt tal over 0`);
  return n;
};

@Command({
  name: 'synthetic-region',
  description:
    'Opretter en fiktiv region til benchmarks og afprøvning: tilbud med offentliggjorte besøg og scorer (kræver seed)',
})
export class SyntheticRegionCommand extends CommandRunner {
  constructor(
    private readonly db: CliDatabase,
    private readonly config: AppConfig,
  ) {
    super();
  }

  @Option({ flags: '--facilities <antal>', description: 'antal tilbud', defaultValue: 1000 })
  parseFacilities(value: string) {
    return positive('--facilities', value);
  }

  @Option({ flags: '--years <antal>', description: 'antal år med besøg', defaultValue: 10 })
  parseYears(value: string) {
    return positive('--years', value);
  }

  @Option({ flags: '--last-year <år>', description: 'sidste år med besøg', defaultValue: thisYear() - 1 })
  parseLastYear(value: string) {
    return positive('--last-year', value);
  }

  async run(_args: string[], options: Options): Promise<void> {
    // fictitious facilities next to real ones would end up in the region's figures
    if (this.config.production)
      throw new Error('en syntetisk region må ikke oprettes i produktion (NODE_ENV=production)');
    const region = (await this.db.services()).get(SyntheticRegion);
    const progress = startProgress('Tilbud', options.facilities);
    const started = Date.now();
    try {
      const result = await region.generate(options, (n) => progress.tick(n));
      progress.stop();
      console.log(
        `${result.facilities} tilbud, ${result.visits} besøg og ${result.answers} vurderinger oprettet på ${formatDecimal((Date.now() - started) / 1000)} s.`,
      );
    } catch (e) {
      progress.stop();
      throw e;
    }
  }
}
