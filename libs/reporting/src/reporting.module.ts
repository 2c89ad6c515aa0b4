import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '#libs/auth';
import { DocumentsModule } from '#libs/documents';
import { FacilitiesModule } from '#libs/facilities';
import { InspectionsModule } from '#libs/inspections';
import { QualityModelModule } from '#libs/quality-model';
import { PageRenderer } from '#libs/web';
import { RenderReportHandler } from './render-report.job.js';
import { ReportEntity } from './report.entity.js';
import { ReportAuthorityEntity } from './report-authority.entity.js';
import { ReportAuthorityService } from './report-authority.service.js';
import { ReportBatchEntity } from './report-batch.entity.js';
import { ReportBatchesService } from './report-batches.service.js';
import { ReportDataService } from './report-data.service.js';
import { ReportFileEntity } from './report-file.entity.js';
import { ReportPagesController } from './report-pages.controller.js';
import { ReportPreviews } from './report-previews.service.js';
import { ReportRenderService } from './report-render.service.js';
import { ReportScores } from './report-scores.js';
import { ReportTemplateEntity } from './report-template.entity.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { ReportTemplatesService } from './templates/report-templates.service.js';

/**
 * Reports as HTML and PDF. The server queues and serves them; the worker (JobsModule.forWorker)
 * runs RenderReportHandler and owns the only Chromium, started on the first render. Needs
 * JobsModule (for JobQueue) in the app.
 */
@Module({
  imports: [
    DocumentsModule,
    FacilitiesModule,
    QualityModelModule,
    InspectionsModule,
    TypeOrmModule.forFeature([
      ReportTemplateEntity,
      ReportBatchEntity,
      ReportEntity,
      ReportFileEntity,
      ReportAuthorityEntity,
    ]),
  ],
  controllers: [ReportsController, ReportPagesController],
  providers: [
    ReportsRepository,
    ReportAuthorityService,
    ReportDataService,
    ReportScores,
    ReportTemplatesService,
    ReportPreviews,
    ReportsService,
    ReportBatchesService,
    ReportRenderService,
    RenderReportHandler,
  ],
  exports: [ReportAuthorityService, ReportsService, ReportBatchesService, ReportRenderService, ReportScores],
})
export class ReportingModule implements OnModuleInit {
  constructor(private readonly pages: PageRenderer) {}

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/rapporter', label: 'Rapporter', position: 40 });
  }
}
