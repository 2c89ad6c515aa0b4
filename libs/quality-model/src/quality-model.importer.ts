import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import { type CatalogueFormat, detectFormat, parseCatalogue, validated } from './catalogue-file.js';
import type { CatalogueContext } from './catalogue-format.js';
import type { QualityModelSummary } from './quality-model.dto.js';
import { QualityModelRepository } from './quality-model.repository.js';
import { QualityModelService } from './quality-model.service.js';

/**
 * Reads catalogue files into new draft versions. A file is checked whole before anything is
 * stored: a bad file is refused with every error, and nothing is saved.
 */
@Injectable()
export class QualityModelImporter {
  constructor(
    private readonly repo: QualityModelRepository,
    private readonly versions: QualityModelService,
  ) {}

  /** What files may refer to outside themselves (the facility register's types). */
  async context(): Promise<CatalogueContext> {
    return { facilityTypes: (await this.repo.facilityTypes()).map((t) => t.code) };
  }

  async importText(text: string, format: CatalogueFormat): Promise<QualityModelSummary> {
    const doc = parseCatalogue(text, format, await this.context());
    return this.versions.createDraft(doc, { action: 'imported' });
  }

  /** A JSON body the HTTP layer has already parsed (errors have paths, not lines). */
  async importObject(value: unknown): Promise<QualityModelSummary> {
    return this.versions.createDraft(validated(value, await this.context()), { action: 'imported' });
  }

  /** For the CLI and the seed: the format follows the file name (.json, else YAML). */
  async importFile(path: string): Promise<QualityModelSummary> {
    return this.importText(await readFile(path, 'utf8'), detectFormat('', basename(path)));
  }
}
