import { Module } from '@nestjs/common';
import { FacilitiesModule } from '#libs/facilities';
import { InspectionsModule } from '#libs/inspections';
import { QualityModelModule } from '#libs/quality-model';
import { ScoringModule } from '#libs/scoring';
import { SurveysModule } from '#libs/surveys';
import { DemoSeed } from './demo-seed.js';
import { DemoVisitSeed } from './demo-visit-seed.js';
import { SyntheticRegion } from './synthetic-region.js';

@Module({
  imports: [FacilitiesModule, QualityModelModule, InspectionsModule, SurveysModule, ScoringModule],
  providers: [DemoSeed, DemoVisitSeed, SyntheticRegion],
  exports: [DemoSeed, DemoVisitSeed, SyntheticRegion],
})
export class DemoModule {}
