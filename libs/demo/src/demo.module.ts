import { Module } from '@nestjs/common';
import { FacilitiesModule } from '#libs/facilities';
import { InspectionsModule } from '#libs/inspections';
import { QualityModelModule } from '#libs/quality-model';
import { SurveysModule } from '#libs/surveys';
import { DemoSeed } from './demo-seed.js';
import { DemoVisitSeed } from './demo-visit-seed.js';

@Module({
  imports: [FacilitiesModule, QualityModelModule, InspectionsModule, SurveysModule],
  providers: [DemoSeed, DemoVisitSeed],
  exports: [DemoSeed, DemoVisitSeed],
})
export class DemoModule {}
