import { Module, type OnModuleInit } from '@nestjs/common';
import { Role } from '#libs/auth';
import { FacilitiesModule } from '#libs/facilities';
import { FollowUpModule } from '#libs/follow-up';
import { InspectionsModule } from '#libs/inspections';
import { QualityModelModule } from '#libs/quality-model';
import { ReportingModule, ReportScores } from '#libs/reporting';
import { SurveysModule } from '#libs/surveys';
import { PageRenderer } from '#libs/web';
import { DashboardsService } from './dashboards.service.js';
import { periodOf } from './score-engine.js';
import { ScorePagesController } from './score-pages.controller.js';
import { ScoresController } from './scores.controller.js';
import { ScoresRepository } from './scores.repository.js';
import { ScoringService } from './scoring.service.js';

@Module({
  imports: [FacilitiesModule, InspectionsModule, QualityModelModule, ReportingModule, SurveysModule, FollowUpModule],
  controllers: [ScorePagesController, ScoresController],
  providers: [ScoresRepository, ScoringService, DashboardsService],
  exports: [ScoringService, ScoresRepository],
})
export class ScoringModule implements OnModuleInit {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reportScores: ReportScores,
    private readonly scoring: ScoringService,
  ) {}

  onModuleInit() {
    // the tilsyn report prints the engine's stored scores for the visit's year, as the dashboard shows them
    this.reportScores.use((v) =>
      this.scoring.basis(v.facilityId, v.modelVersionId, periodOf(v.date), v.published ? null : v.id),
    );
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/resultater', label: 'Resultater', position: 60 });
  }
}
