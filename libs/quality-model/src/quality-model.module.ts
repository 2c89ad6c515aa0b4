import { type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import express from 'express';
import { Role } from '#libs/auth';
import { FacilitiesModule } from '#libs/facilities';
import { PageRenderer } from '#libs/web';
import { DraftEditor } from './draft-editor.service.js';
import { ModelVersions } from './model-versions.js';
import { QualityCriterionEntity } from './quality-criterion.entity.js';
import { QualityIndicatorEntity } from './quality-indicator.entity.js';
import { QualityModelController, YAML_TYPES } from './quality-model.controller.js';
import { QualityModelImporter } from './quality-model.importer.js';
import { QualityModelRepository } from './quality-model.repository.js';
import { QualityModelSeed } from './quality-model.seed.js';
import { QualityModelService } from './quality-model.service.js';
import { QualityModelPagesController } from './quality-model-pages.controller.js';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { QualityStandardEntity } from './quality-standard.entity.js';

@Module({
  imports: [
    FacilitiesModule,
    TypeOrmModule.forFeature([
      QualityModelVersionEntity,
      QualityStandardEntity,
      QualityCriterionEntity,
      QualityIndicatorEntity,
    ]),
  ],
  controllers: [QualityModelController, QualityModelPagesController],
  providers: [
    QualityModelRepository,
    QualityModelService,
    QualityModelImporter,
    DraftEditor,
    QualityModelSeed,
    ModelVersions,
  ],
  exports: [QualityModelService, QualityModelImporter, QualityModelSeed, QualityModelRepository, ModelVersions],
})
export class QualityModelModule implements NestModule, OnModuleInit {
  constructor(private readonly pages: PageRenderer) {}

  /** YAML arrives as text; the app's JSON parser has already handled application/json. */
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(express.text({ type: YAML_TYPES, limit: '2mb' }))
      .forRoutes({ path: 'api/v1/quality-models/import', method: RequestMethod.POST });
  }

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/kvalitetsmodeller', label: 'Kvalitetsmodeller', position: 20 });
  }
}
