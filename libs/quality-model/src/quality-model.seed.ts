import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { parse } from 'yaml';
import { Transactional } from '#libs/database';
import { QualityModelImporter } from './quality-model.importer.js';
import { QualityModelRepository } from './quality-model.repository.js';
import { QualityModelService } from './quality-model.service.js';
import { SHIPPED_CATALOGUES } from './shipped-catalogues.js';

/** Puts the shipped catalogues in as published versions, once per model key. */
@Injectable()
export class QualityModelSeed {
  constructor(
    private readonly repo: QualityModelRepository,
    private readonly importer: QualityModelImporter,
    private readonly models: QualityModelService,
  ) {}

  /** Idempotent: a model that has any version already is left alone. Returns the keys it added. */
  @Transactional()
  async run(): Promise<string[]> {
    const added: string[] = [];
    for (const file of SHIPPED_CATALOGUES) {
      const { key } = parse(await readFile(file, 'utf8')) as { key: string };
      if (await this.repo.exists(key)) continue;
      const draft = await this.importer.importFile(file);
      await this.models.publish(draft.id, draft.version);
      added.push(key);
    }
    return added;
  }
}
