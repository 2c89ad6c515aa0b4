import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import { PdfRenderer } from '#libs/documents';
import { REPORT_READER, ReportDataService } from './report-data.service.js';
import { reportDocument } from './report-document.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportTemplatesService } from './templates/report-templates.service.js';

/** Attempts before a report is marked failed: the job's first run and its retries. */
export const MAX_ATTEMPTS = 4;

const file = (kind: 'pdf' | 'html', contentType: string, data: Buffer) => ({
  kind,
  contentType,
  size: data.length,
  sha256: createHash('sha256').update(data).digest('hex'),
  data,
});

/** The worker side: prints one queued report and stores its PDF and HTML with their SHA-256. */
@Injectable()
export class ReportRenderService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly data: ReportDataService,
    private readonly templates: ReportTemplatesService,
    private readonly tx: TransactionHost,
    @Inject(PdfRenderer) private readonly pdf: PdfRenderer,
  ) {}

  async render(reportId: string): Promise<{ pages: number; prints: number } | { skipped: string }> {
    const report = await this.repo.startAttempt(reportId);
    if (!report) return { skipped: 'already done or deleted' };
    try {
      const data = await this.data.build(REPORT_READER, report.visitId);
      const out = await this.pdf.render(reportDocument(data, await this.templates.body(report.templateId)));
      await this.tx.run(() =>
        this.repo.finish(reportId, out.pageCount, [
          file('pdf', 'application/pdf', out.pdf),
          file('html', 'text/html; charset=utf-8', Buffer.from(out.html)),
        ]),
      );
      return { pages: out.pageCount, prints: out.prints };
    } catch (e) {
      await this.repo.failAttempt(reportId, (e as Error).message, report.attempts >= MAX_ATTEMPTS);
      throw e;
    }
  }
}
