import { PDF_PAGES } from '#libs/documents';
import { defineJob, JobHandler, type JobHandlerOf } from '#libs/jobs';
import { ReportRenderService } from './report-render.service.js';

export interface RenderReportPayload {
  reportId: string;
}

/**
 * One report to print. A worker that dies mid-render leaves the job active until it expires;
 * pg-boss then hands it to the next worker. Rendering takes seconds, so two minutes is ample. A
 * worker takes twice as many reports at once as its browser has pages: while the pages print,
 * the next reports' data is read and the last ones are stored, so the pages never wait for them.
 * It looks for the next report at once.
 */
export const RenderReport = defineJob<RenderReportPayload>({
  name: 'reporting.render-report',
  queue: { retryLimit: 3, retryDelay: 5, expireInSeconds: 120 },
  work: { concurrency: 2 * PDF_PAGES, pollingIntervalSeconds: 0.5 },
});

@JobHandler(RenderReport)
export class RenderReportHandler implements JobHandlerOf<RenderReportPayload> {
  constructor(private readonly renderer: ReportRenderService) {}

  run({ reportId }: RenderReportPayload) {
    return this.renderer.render(reportId);
  }
}
