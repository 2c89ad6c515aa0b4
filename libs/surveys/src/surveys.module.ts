import { type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '#libs/auth';
import { DocumentsModule } from '#libs/documents';
import { FacilitiesModule } from '#libs/facilities';
import { QualityModelModule } from '#libs/quality-model';
import { PageRenderer } from '#libs/web';
import { refusalLimit } from './refusal-limit.js';
import { SurveyAnswerPagesController } from './survey-answer-pages.controller.js';
import { SurveyDocuments } from './survey-documents.js';
import { SurveyDraftEntity, SurveyInvitationEntity, SurveyLetterBatchEntity } from './survey-invitation.entity.js';
import { SurveyPagesController } from './survey-pages.controller.js';
import { SurveyAnswerEntity, SurveyResponseEntity } from './survey-response.entity.js';
import { SurveyResponsesController } from './survey-responses.controller.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveyRoundEntity } from './survey-round.entity.js';
import { SurveyRoundsController } from './survey-rounds.controller.js';
import { SurveyRoundsService } from './survey-rounds.service.js';
import { SurveysRepository } from './surveys.repository.js';

/** Refused attempts per address and minute before 429: guessing a code must be hopeless, not just unlikely. */
const REFUSALS_PER_MINUTE = 20;

@Module({
  imports: [
    FacilitiesModule,
    QualityModelModule,
    DocumentsModule,
    TypeOrmModule.forFeature([
      SurveyRoundEntity,
      SurveyInvitationEntity,
      SurveyLetterBatchEntity,
      SurveyDraftEntity,
      SurveyResponseEntity,
      SurveyAnswerEntity,
    ]),
  ],
  controllers: [SurveyRoundsController, SurveyResponsesController, SurveyPagesController, SurveyAnswerPagesController],
  providers: [SurveysRepository, SurveyRoundsService, SurveyResponsesService, SurveyResultsService, SurveyDocuments],
  exports: [SurveyRoundsService, SurveyResponsesService, SurveyResultsService],
})
export class SurveysModule implements NestModule, OnModuleInit {
  constructor(private readonly pages: PageRenderer) {}

  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(refusalLimit(REFUSALS_PER_MINUTE))
      .forRoutes(
        { path: 'svar', method: RequestMethod.POST },
        { path: 'svar/svar', method: RequestMethod.POST },
        { path: 'api/v1/survey-responses', method: RequestMethod.POST },
        { path: 'api/v1/survey-responses/open', method: RequestMethod.POST },
        { path: 'api/v1/survey-responses/draft', method: RequestMethod.PUT },
      );
  }

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/undersoegelser', label: 'Undersøgelser', position: 50 });
  }
}
