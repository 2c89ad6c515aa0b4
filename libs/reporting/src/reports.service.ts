import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService, Role } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { documentFileName } from '#libs/documents';
import { VisitsService } from '#libs/inspections';
import { JobQueue } from '#libs/jobs';
import { RenderReport } from './render-report.job.js';
import type { ReportEntity } from './report.entity.js';
import { ReportsRepository } from './reports.repository.js';
import { REPORT_STATUS_LABELS, type ReportFileKind } from './vocabulary.js';

export interface ReportView {
  id: string;
  visitId: string;
  templateId: string | null;
  batchId: string | null;
  preview: boolean;
  status: ReportEntity['status'];
  statusLabel: string;
  attempts: number;
  error: string;
  pageCount: number | null;
  requestedByName: string;
  createdAt: Date;
  finishedAt: Date | null;
  files: { kind: ReportFileKind; contentType: string; size: number; sha256: string }[];
}

/** Who asked: a signed-in user, or the command line. */
export interface Requester {
  id: string | null;
  name: string;
}

/**
 * Reports of visits. Region staff request them (the worker prints them); everyone else reads the
 * reports of visits they may read: inspectors their own visits, facility leaders their
 * facilities' published ones. Reports made with a draft template to try it are region staff's.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly visits: VisitsService,
    private readonly policy: PolicyService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async view(r: ReportEntity): Promise<ReportView> {
    const files = (await this.repo.files(r.id)).map(({ kind, contentType, size, sha256 }) => ({
      kind,
      contentType,
      size,
      sha256,
    }));
    const {
      visitId,
      templateId,
      batchId,
      preview,
      status,
      attempts,
      error,
      pageCount,
      requestedByName,
      createdAt,
      finishedAt,
    } = r;
    return {
      id: r.id,
      visitId,
      templateId,
      batchId,
      preview,
      status,
      statusLabel: REPORT_STATUS_LABELS[status],
      attempts,
      error,
      pageCount,
      requestedByName,
      createdAt,
      finishedAt,
      files,
    };
  }

  /** Queues a report of a published visit or a draft in høring; with a draft template it is a preview only region staff see. */
  @Transactional()
  async request(user: AuthUser, visitId: string, templateId: string | null): Promise<ReportView> {
    this.policy.assertRegionStaff(user);
    const { visit } = await this.visits.load(user, visitId, 'read');
    // a draft in høring is printed too (marked "Udkast – i høring") for the facility to read
    if (!['in_hearing', 'hearing_answered', 'published'].includes(visit.status))
      throw new ConflictError(
        'Der kan kun dannes rapporter for offentliggjorte besøg og udkast i høring',
        [],
        {
          visitStatus: visit.status,
        },
        'visit-not-reportable',
      );
    const template = templateId ? await this.repo.template(templateId) : null;
    if (templateId && (!template || template.status === 'retired')) {
      throw new InvalidInputError('Vælg en aktiv skabelon', [
        { field: 'templateId', rule: 'choosable', message: 'skabelonen findes ikke eller er udfaset' },
      ]);
    }
    const [report] = await this.repo.createReports([
      {
        visitId,
        templateId,
        preview: template?.status === 'draft',
        requestedById: user.id,
        requestedByName: user.name,
      },
    ]);
    await this.jobs.send(RenderReport, { reportId: report.id });
    const after = await this.view(report);
    await this.audit.record({
      action: 'report.requested',
      entityType: 'report',
      entityId: report.id,
      facilityId: visit.facilityId,
      after,
    });
    return after;
  }

  /** Reports the worker gave up on, for region staff to look into and request again. */
  async failed(user: AuthUser) {
    this.policy.assertRegionStaff(user);
    return this.repo.failed();
  }

  /** A report the user may read; others are reported as not found. */
  async get(user: AuthUser, id: string): Promise<ReportView> {
    return this.view(await this.readable(user, id));
  }

  async listForVisit(user: AuthUser, visitId: string): Promise<ReportView[]> {
    await this.visits.load(user, visitId, 'read');
    const reports = (await this.repo.reportsOfVisits([visitId])).filter(
      (r) => !r.preview || user.role === Role.RegionStaff,
    );
    return Promise.all(reports.map((r) => this.view(r)));
  }

  /** A report's PDF or HTML, with the name people file it under ("Tilsynsrapport – Bostedet Lærkereden – 2026-12-10.pdf"). */
  async file(user: AuthUser, id: string, kind: ReportFileKind) {
    const report = await this.readable(user, id);
    const f = await this.repo.fileWithData(id, kind);
    if (!f) throw new NotFoundError('Rapporten er ikke dannet endnu', [], {}, 'report-not-ready');
    return { ...f, fileName: await this.fileName(user, report, kind) };
  }

  /** The visit's facility and date name the file; a report printed before publication is the draft in høring. */
  async fileName(
    user: AuthUser,
    report: Pick<ReportEntity, 'visitId' | 'createdAt' | 'preview'>,
    kind: ReportFileKind,
  ): Promise<string> {
    const visit = await this.visits.get(user, report.visitId);
    const draft = !visit.publishedAt || report.createdAt < visit.publishedAt;
    const title = report.preview ? 'Skabelonprøve' : draft ? 'Tilsynsrapport (udkast til høring)' : 'Tilsynsrapport';
    return documentFileName([title, visit.facility.name], kind, visit.plannedDate);
  }

  private async readable(user: AuthUser, id: string): Promise<ReportEntity> {
    const report = await this.repo.report(id);
    if (!report || (report.preview && user.role !== Role.RegionStaff)) throw new NotFoundError('Rapporten findes ikke');
    try {
      await this.visits.load(user, report.visitId, 'read');
    } catch (e) {
      if (e instanceof NotFoundError) throw new NotFoundError('Rapporten findes ikke');
      throw e;
    }
    return report;
  }
}
