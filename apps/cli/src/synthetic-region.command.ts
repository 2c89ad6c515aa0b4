import type { Command } from 'commander';
import { formatDecimal, thisYear } from '#libs/core';
import { SyntheticRegion } from '#libs/demo';
import type { CliDatabase } from './cli-database.js';
import { UsageError } from './cli-errors.js';
import { startProgress } from './progress.js';

interface Options {
  facilities: number;
  years: number;
  lastYear: number;
}

const positive = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: skal være et helt tal over 0`);
  return n;
};

export function syntheticRegionCommand(program: Command, db: CliDatabase) {
  program
    .command('synthetic-region')
    .description(
      'Opretter en fiktiv region til benchmarks og afprøvning: tilbud med offentliggjorte besøg og scorer (kræver seed)',
    )
    .option('--facilities <antal>', 'antal tilbud', positive('--facilities'), 1000)
    .option('--years <antal>', 'antal år med besøg', positive('--years'), 10)
    .option('--last-year <år>', 'sidste år med besøg', positive('--last-year'), thisYear() - 1)
    .action((options: Options) => run(db, options));
}

async function run(db: CliDatabase, options: Options): Promise<void> {
  // fictitious facilities next to real ones would end up in the region's figures
  if (db.config.production) throw new Error('en syntetisk region må ikke oprettes i produktion (NODE_ENV=production)');
  const region = (await db.services()).get(SyntheticRegion);
  const progress = startProgress('Tilbud', options.facilities);
  const started = Date.now();
  try {
    const result = await region.generate(options, (n) => progress.tick(n));
    progress.stop();
    const seconds = formatDecimal((Date.now() - started) / 1000);
    console.log(
      `${result.facilities} tilbud, ${result.visits} besøg og ${result.answers} vurderinger oprettet på ${seconds} s.`,
    );
  } catch (e) {
    progress.stop();
    throw e;
  }
}
