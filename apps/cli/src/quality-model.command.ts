import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CatalogueFormat, exportCatalogue, importCatalogueFile } from '#libs/quality-model';
import type { CliDatabase } from './cli-database.js';
import { UsageError } from './cli-errors.js';

export function qualityModelCommands(program: Command, db: CliDatabase) {
  program
    .command('quality-model:import')
    .argument('<fil>')
    .description(
      'Indlæser en katalogfil (YAML, eller JSON med endelsen .json) som ny kladde; --publish udgiver den også',
    )
    .option('--publish', 'udgiv versionen med det samme (den hidtil udgivne udgår)')
    .action(async (file: string, options: { publish?: boolean }) => {
      console.log(await importCatalogueFile(await db.services(), file, options.publish));
    });

  program
    .command('quality-model:export')
    .argument('<id>')
    .argument('[fil]')
    .description('Skriver en version som katalogfil (til fil, ellers til standard-output)')
    .option('--format <format>', 'yaml eller json (standard: efter filens endelse, ellers yaml)', (value) => {
      if (value !== 'yaml' && value !== 'json') throw new UsageError('--format: skal være yaml eller json');
      return value as CatalogueFormat;
    })
    .action(async (id: string, file: string | undefined, options: { format?: CatalogueFormat }) => {
      const format = options.format ?? (file?.endsWith('.json') ? 'json' : 'yaml');
      const text = await exportCatalogue(await db.services(), id, format);
      if (file) await writeFile(file, text);
      else process.stdout.write(text);
    });
}
