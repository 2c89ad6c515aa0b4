import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '#libs/auth';
import { DocumentsModule } from '#libs/documents';
import { FacilitiesModule } from '#libs/facilities';
import { InspectionsModule, VisitEvents } from '#libs/inspections';
import { PageRenderer } from '#libs/web';
import {
  DevelopmentActivityEntity,
  DevelopmentActivityEntryEntity,
  DevelopmentAgreementEntity,
} from './development-agreement.entity.js';
import { DevelopmentAgreementsService } from './development-agreements.service.js';
import { FollowUpController } from './follow-up.controller.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { FollowUpService } from './follow-up.service.js';
import { FollowUpAccess } from './follow-up-access.js';
import { FollowUpDocuments } from './follow-up-documents.js';
import { FollowUpEntryEntity, FollowUpItemEntity } from './follow-up-item.entity.js';
import { FollowUpPagesController } from './follow-up-pages.controller.js';
import { FollowUpPlanEntity, FollowUpSectionEntity } from './follow-up-plan.entity.js';
import { FollowUpReportEntity } from './follow-up-report.entity.js';
import { FollowUpStatusEntity } from './follow-up-status.entity.js';
import { FollowUpWorkList } from './follow-up-work-list.js';
import { OpenFollowUps } from './open-follow-ups.js';

/** Follow-up of recommendations and orders, half-yearly status reports and development agreements. */
@Module({
  imports: [
    FacilitiesModule,
    InspectionsModule,
    DocumentsModule,
    TypeOrmModule.forFeature([
      FollowUpStatusEntity,
      FollowUpPlanEntity,
      FollowUpSectionEntity,
      FollowUpItemEntity,
      FollowUpEntryEntity,
      FollowUpReportEntity,
      DevelopmentAgreementEntity,
      DevelopmentActivityEntity,
      DevelopmentActivityEntryEntity,
    ]),
  ],
  controllers: [FollowUpController, FollowUpPagesController],
  providers: [
    FollowUpRepository,
    FollowUpAccess,
    FollowUpService,
    DevelopmentAgreementsService,
    FollowUpDocuments,
    OpenFollowUps,
    FollowUpWorkList,
  ],
  exports: [FollowUpService, DevelopmentAgreementsService, OpenFollowUps, FollowUpWorkList],
})
export class FollowUpModule implements OnModuleInit {
  constructor(
    private readonly pages: PageRenderer,
    private readonly visitSteps: VisitEvents,
    private readonly followUp: FollowUpService,
  ) {}

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/opfoelgning', label: 'Opfølgning', position: 70 });
    // a published report's recommendations and orders are in the facility's plan at once
    this.visitSteps.subscribe(async ({ step, visit, user }) => {
      if (step === 'publish')
        await this.followUp.ensurePlanOfVisit({ ...visit, facilityId: visit.facility.id }, user.id);
    });
  }
}
