/*
 * nest-commander commands for apps/cli. Not exported from index.ts: nest-commander is CommonJS and
 * requires the ESM-only @nestjs/common, which Jest cannot load, so the tested logic lives in
 * quality-model-cli.ts and these stay thin. apps/cli registers them with a CLI_SERVICES provider:
 *   { provide: CLI_SERVICES, useFactory: (db: CliDatabase) => () => db.services(), inject: [CliDatabase] }
 * and QualityModelModule in its services module.
 */

import { writeFile } from 'node:fs/promises';
import { type INestApplicationContext, Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { CatalogueFormat } from './catalogue-file.js';
import { exportCatalogue, importCatalogueFile } from './quality-model-cli.js';

/** How the commands reach the app's services; the database starts only when a command needs it. */
export const CLI_SERVICES = Symbol('CLI_SERVICES');
export type CliServices = () => Promise<INestApplicationContext>;

@Command({
  name: 'quality-model:import',
  arguments: '<fil>',
  description: 'Indlæser en katalogfil (YAML, eller JSON med endelsen .json) som ny kladde; --publish udgiver den også',
})
export class QualityModelImportCommand extends CommandRunner {
  constructor(@Inject(CLI_SERVICES) private readonly services: CliServices) {
    super();
  }

  @Option({ flags: '--publish', description: 'udgiv versionen med det samme (den hidtil udgivne udgår)' })
  parsePublish() {
    return true;
  }

  async run([file]: string[], options: { publish?: boolean }): Promise<void> {
    console.log(await importCatalogueFile(await this.services(), file, options.publish));
  }
}

@Command({
  name: 'quality-model:export',
  arguments: '<id> [fil]',
  description: 'Skriver en version som katalogfil (til fil, ellers til standard-output)',
})
export class QualityModelExportCommand extends CommandRunner {
  constructor(@Inject(CLI_SERVICES) private readonly services: CliServices) {
    super();
  }

  @Option({ flags: '--format <format>', description: 'yaml eller json (standard: efter filens endelse, ellers yaml)' })
  parseFormat(value: string): CatalogueFormat {
    if (value !== 'yaml' && value !== 'json') throw new Error('--format skal være yaml eller json');
    return value;
  }

  async run([id, file]: string[], options: { format?: CatalogueFormat }): Promise<void> {
    const text = await exportCatalogue(
      await this.services(),
      id,
      options.format ?? (file?.endsWith('.json') ? 'json' : 'yaml'),
    );
    if (file) await writeFile(file, text);
    else process.stdout.write(text);
  }
}
