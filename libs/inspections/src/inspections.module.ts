import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '#libs/auth';
import { FacilitiesModule } from '#libs/facilities';
import { QualityModelModule } from '#libs/quality-model';
import { PageRenderer } from '#libs/web';
import { ChecklistService } from './checklist.service.js';
import { FindingEntity } from './finding.entity.js';
import { FindingsService } from './findings.service.js';
import { FocusGroupNoteEntity } from './focus-group-note.entity.js';
import { HearingService } from './hearing.service.js';
import { HearingCommentEntity } from './hearing-comment.entity.js';
import { InspectionsRepository } from './inspections.repository.js';
import { VisitEntity } from './visit.entity.js';
import { VisitAnswerEntity } from './visit-answer.entity.js';
import { VisitAttachmentEntity } from './visit-attachment.entity.js';
import { VisitEvents } from './visit-events.js';
import { VisitEvidenceEntity } from './visit-evidence.entity.js';
import { VisitPagesController } from './visit-pages.controller.js';
import { VisitPlanningService } from './visit-planning.service.js';
import { VisitThemeAssessmentEntity } from './visit-theme-assessment.entity.js';
import { VisitWorkList } from './visit-work-list.js';
import { VisitsController } from './visits.controller.js';
import { VisitsService } from './visits.service.js';

@Module({
  imports: [
    FacilitiesModule,
    QualityModelModule,
    TypeOrmModule.forFeature([
      VisitEntity,
      VisitAnswerEntity,
      VisitEvidenceEntity,
      VisitAttachmentEntity,
      FocusGroupNoteEntity,
      FindingEntity,
      HearingCommentEntity,
      VisitThemeAssessmentEntity,
    ]),
  ],
  controllers: [VisitsController, VisitPagesController],
  providers: [
    InspectionsRepository,
    VisitsService,
    ChecklistService,
    FindingsService,
    VisitPlanningService,
    HearingService,
    VisitEvents,
    VisitWorkList,
  ],
  exports: [
    InspectionsRepository,
    VisitsService,
    ChecklistService,
    FindingsService,
    VisitPlanningService,
    HearingService,
    VisitEvents,
    VisitWorkList,
  ],
})
export class InspectionsModule implements OnModuleInit {
  constructor(private readonly pages: PageRenderer) {}

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/besoeg', label: 'Tilsynsbesøg', position: 30 });
    this.pages.addNav(Role.Inspector, { href: '/besoeg/planlaegning', label: 'Planlægning', position: 35 });
    this.pages.addNav(Role.RegionStaff, { href: '/besoeg/planlaegning', label: 'Planlægning', position: 35 });
  }
}
