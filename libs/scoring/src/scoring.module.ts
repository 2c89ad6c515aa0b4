import { Module, type OnModuleInit } from '@nestjs/common';
import { Role } from '#libs/auth';
import { FacilitiesModule } from '#libs/facilities';
import { InspectionsModule } from '#libs/inspections';
import { QualityModelModule } from '#libs/quality-model';
import { SurveysModule } from '#libs/surveys';
import { PageRenderer } from '#libs/web';
import { DashboardsService } from './dashboards.service.js';
import { ScorePagesController } from './score-pages.controller.js';
import { ScoresRepository } from './scores.repository.js';
import { ScoringService } from './scoring.service.js';
import { SyntheticRegion } from './synthetic-region.js';

@Module({
  imports: [FacilitiesModule, InspectionsModule, QualityModelModule, SurveysModule],
  controllers: [ScorePagesController],
  providers: [ScoresRepository, ScoringService, DashboardsService, SyntheticRegion],
  exports: [ScoringService, ScoresRepository, SyntheticRegion],
})
export class ScoringModule implements OnModuleInit {
  constructor(private readonly pages: PageRenderer) {}

  onModuleInit() {
    for (const role of Object.values(Role)) this.pages.addNav(role, { href: '/resultater', label: 'Resultater' });
  }
}
