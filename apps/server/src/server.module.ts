import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '#libs/auth';
import { DatabaseModule } from '#libs/database';
import { DemoModule } from '#libs/demo';
import { FacilitiesModule } from '#libs/facilities';
import { FollowUpModule } from '#libs/follow-up';
import { InspectionsModule } from '#libs/inspections';
import { NotificationsModule } from '#libs/notifications';
import { QualityModelModule } from '#libs/quality-model';
import { ReportingModule } from '#libs/reporting';
import { ScoringModule } from '#libs/scoring';
import { SurveysModule } from '#libs/surveys';
import { ProblemFilter, WebModule } from '#libs/web';
import { HealthController } from './health.controller.js';
import { FrontPageService, HomePageController } from './home-page.controller.js';
import { problemTypesProvider } from './problem-types.js';

/**
 * The HTTP app: REST API under /api/v1 and the server-rendered Danish pages. The jobs module is added
 * by createServerApp: sending only, or sending and running (JOBS_IN_PROCESS).
 */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    WebModule,
    AuthModule,
    FacilitiesModule,
    QualityModelModule,
    InspectionsModule,
    SurveysModule,
    ReportingModule,
    ScoringModule,
    FollowUpModule,
    NotificationsModule,
    DemoModule,
  ],
  controllers: [HealthController, HomePageController],
  providers: [problemTypesProvider, { provide: APP_FILTER, useClass: ProblemFilter }, FrontPageService],
})
export class ServerModule {}
