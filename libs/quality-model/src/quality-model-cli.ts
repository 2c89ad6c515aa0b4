import type { INestApplicationContext } from '@nestjs/common';
import { DomainError } from '#libs/core';
import { type CatalogueFormat, serializeCatalogue } from './catalogue-file.js';
import { QualityModelImporter } from './quality-model.importer.js';
import { QualityModelService } from './quality-model.service.js';

/** A refused file as lines a terminal user can act on: "linje 12: standards[0].code: …". */
function explain(e: unknown): never {
  if (!(e instanceof DomainError)) throw e;
  const lines = e.errors.map((f) => `  ${'line' in f && f.line ? `linje ${f.line}: ` : ''}${f.field}: ${f.message}`);
  throw new Error([e.detail, ...lines].join('\n'));
}

/** What `quality-model:import` does; returns the line to print. */
export async function importCatalogueFile(
  app: INestApplicationContext,
  file: string,
  publish = false,
): Promise<string> {
  let v = await app.get(QualityModelImporter).importFile(file).catch(explain);
  if (publish) v = await app.get(QualityModelService).publish(v.id, v.version).catch(explain);
  return `${v.name}: version ${v.number} (${v.key}) er indlæst som ${publish ? 'udgivet' : 'kladde'}. Id: ${v.id}`;
}

/** What `quality-model:export` does: the version as catalogue text. */
export async function exportCatalogue(
  app: INestApplicationContext,
  id: string,
  format: CatalogueFormat,
): Promise<string> {
  return serializeCatalogue(await app.get(QualityModelService).document(undefined, id).catch(explain), format);
}
