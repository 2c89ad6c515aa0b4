import { Injectable } from '@nestjs/common';
import { type AuthUser, Role } from '#libs/auth';
import { now } from '#libs/core';
import { FacilitiesService } from '#libs/facilities';
import { ChecklistService, HearingService } from '#libs/inspections';
import { QualityModelService } from '#libs/quality-model';
import { ReportAuthorityService } from './report-authority.service.js';
import { buildReportData, type ReportData } from './report-data.js';
import { ReportScores } from './report-scores.js';

/**
 * Who the worker reads a visit as. Access was decided when the report was requested; the worker
 * then needs every visit, like region staff, and never acts on anything.
 */
export const REPORT_READER: AuthUser = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'Rapportgenerering',
  email: '',
  role: Role.RegionStaff,
};

/** Gathers a visit's report data through the same services (and access checks) the pages use. */
@Injectable()
export class ReportDataService {
  constructor(
    private readonly checklist: ChecklistService,
    private readonly models: QualityModelService,
    private readonly facilities: FacilitiesService,
    private readonly hearing: HearingService,
    private readonly scores: ReportScores,
    private readonly authority: ReportAuthorityService,
  ) {}

  async build(user: AuthUser, visitId: string, generatedAt = now()): Promise<ReportData> {
    const checklist = await this.checklist.checklist(user, visitId);
    const v = checklist.visit;
    const [model, facility, basis, photos] = await Promise.all([
      this.models.tree(undefined, v.model.id),
      this.facilities.get(user, v.facility.id),
      this.scores.forVisit({
        id: v.id,
        facilityId: v.facility.id,
        modelVersionId: v.model.id,
        date: v.plannedDate,
        published: v.status === 'published',
      }),
      this.checklist.reportPhotos(user, visitId),
    ]);
    const hearingComments = checklist.visit.hearing
      ? await this.hearing.commentsOf(checklist.visit.id, checklist.visit.model.id)
      : [];
    const authority = await this.authority.get();
    return buildReportData({ checklist, model, facility, basis, generatedAt, hearingComments, photos, authority });
  }
}
