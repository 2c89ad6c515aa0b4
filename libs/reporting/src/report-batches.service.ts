import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { DATE_ONLY_MESSAGE, InvalidInputError, isDateOnly, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { JobQueue } from '#libs/jobs';
import { RenderReport } from './render-report.job.js';
import type { ReportBatchEntity } from './report-batch.entity.js';
import { type BatchProgress, ReportsRepository } from './reports.repository.js';
import type { Requester } from './reports.service.js';

export interface BatchView {
  id: string;
  periodFrom: string;
  periodTo: string;
  templateId: string | null;
  requestedByName: string;
  createdAt: Date;
  progress: BatchProgress;
  /** Nothing left queued or rendering. */
  finished: boolean;
}

/**
 * Batch runs: one report per published visit in a period, each its own durable job, created in
 * the same transaction as the reports, so a batch is either wholly queued or not at all. Progress
 * is counted from the reports' states, which the worker keeps.
 */
@Injectable()
export class ReportBatchesService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly policy: PolicyService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** From a page or the API: region staff only. */
  start(user: AuthUser, input: { from: string; to: string; templateId: string | null }): Promise<BatchView> {
    this.policy.assertRegionStaff(user);
    return this.startAs({ id: user.id, name: user.name }, input);
  }

  /** Also from the command line, where whoever runs it is trusted. */
  @Transactional()
  async startAs(
    requester: Requester,
    { from, to, templateId }: { from: string; to: string; templateId: string | null },
  ): Promise<BatchView> {
    const errors = [
      ...(isDateOnly(from) ? [] : [{ field: 'from', rule: 'isDateOnly', message: DATE_ONLY_MESSAGE }]),
      ...(isDateOnly(to) ? [] : [{ field: 'to', rule: 'isDateOnly', message: DATE_ONLY_MESSAGE }]),
      ...(isDateOnly(from) && isDateOnly(to) && from > to
        ? [{ field: 'to', rule: 'afterFrom', message: 'skal være samme dag som eller efter fra-datoen' }]
        : []),
    ];
    const template = templateId ? await this.repo.template(templateId) : null;
    if (templateId && template?.status !== 'active')
      errors.push({ field: 'templateId', rule: 'active', message: 'vælg standardskabelonen eller en aktiv skabelon' });
    if (errors.length) throw new InvalidInputError('Kørslen kunne ikke startes', errors);
    const visitIds = await this.repo.publishedVisitIds(from, to);
    if (!visitIds.length)
      throw new InvalidInputError(
        'Der er ingen offentliggjorte besøg i perioden',
        [{ field: 'from', rule: 'hasVisits', message: 'ingen offentliggjorte besøg i perioden' }],
        {},
        'no-visits-in-period',
      );
    const batch = await this.repo.createBatch({
      periodFrom: from,
      periodTo: to,
      templateId,
      requestedById: requester.id,
      requestedByName: requester.name,
    });
    const reports = await this.repo.createReports(
      visitIds.map((visitId) => ({
        visitId,
        templateId,
        batchId: batch.id,
        requestedById: requester.id,
        requestedByName: requester.name,
      })),
    );
    for (const r of reports) await this.jobs.send(RenderReport, { reportId: r.id });
    const view = (await this.views([batch]))[0];
    await this.audit.record(
      {
        action: 'report_batch.started',
        entityType: 'report_batch',
        entityId: batch.id,
        after: { ...view, reports: reports.length },
      },
      requester,
    );
    return view;
  }

  async get(
    user: AuthUser,
    id: string,
  ): Promise<BatchView & { reports: Awaited<ReturnType<ReportsRepository['batchReports']>> }> {
    this.policy.assertRegionStaff(user);
    return this.progress(id);
  }

  /** A batch's progress without a user: the command line polls it. */
  async progress(id: string) {
    const batch = await this.repo.batch(id);
    if (!batch) throw new NotFoundError('Kørslen findes ikke');
    return { ...(await this.views([batch]))[0], reports: await this.repo.batchReports(id) };
  }

  async list(user: AuthUser): Promise<BatchView[]> {
    this.policy.assertRegionStaff(user);
    return this.views(await this.repo.batches());
  }

  private async views(batches: ReportBatchEntity[]): Promise<BatchView[]> {
    const progress = await this.repo.progress(batches.map((b) => b.id));
    return batches.map((b) => {
      const p = progress.get(b.id)!;
      const { id, periodFrom, periodTo, templateId, requestedByName, createdAt } = b;
      return {
        id,
        periodFrom,
        periodTo,
        templateId,
        requestedByName,
        createdAt,
        progress: p,
        finished: p.queued + p.rendering === 0,
      };
    });
  }
}
