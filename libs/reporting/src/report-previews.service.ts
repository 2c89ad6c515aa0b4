import { Injectable } from '@nestjs/common';
import { type AuthUser, Role } from '#libs/auth';
import { NotFoundError } from '#libs/core';
import { ReportDataService } from './report-data.service.js';
import { reportDocument } from './report-document.js';
import { ReportTemplatesService } from './templates/report-templates.service.js';
import { sampleReportData } from './templates/sample-report.js';

/**
 * Live HTML previews, rendered on the server without Chromium: a visit's report before it is
 * printed, or a template version (draft included) before it is activated. The table of contents
 * has no page numbers until the report is printed.
 */
@Injectable()
export class ReportPreviews {
  constructor(
    private readonly data: ReportDataService,
    private readonly templates: ReportTemplatesService,
  ) {}

  /** `visitId` null: the template with fictional sample data. */
  async html(user: AuthUser, visitId: string | null, templateId: string | null): Promise<string> {
    if (user.role === Role.FacilityLeader) throw new NotFoundError('Siden findes ikke');
    if (templateId && user.role !== Role.RegionStaff) throw new NotFoundError('Siden findes ikke');
    const data = visitId ? await this.data.build(user, visitId) : sampleReportData();
    return reportDocument(data, await this.templates.body(templateId)).html(new Map());
  }
}
