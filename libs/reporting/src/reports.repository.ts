import { Injectable } from '@nestjs/common';
import { now } from '#libs/core';
import { TransactionHost } from '#libs/database';
import { ReportEntity } from './report.entity.js';
import { ReportBatchEntity } from './report-batch.entity.js';
import { ReportFileEntity } from './report-file.entity.js';
import { ReportTemplateEntity } from './report-template.entity.js';
import type { ReportFileKind, ReportStatus, TemplateStatus } from './vocabulary.js';

export type BatchProgress = Record<ReportStatus, number> & { total: number };

@Injectable()
export class ReportsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get m() {
    return this.tx.tx;
  }

  createReports(rows: Partial<ReportEntity>[]): Promise<ReportEntity[]> {
    const repo = this.m.getRepository(ReportEntity);
    return repo.save(rows.map((r) => repo.create(r)));
  }

  report(id: string): Promise<ReportEntity | null> {
    return this.m.getRepository(ReportEntity).findOneBy({ id });
  }

  reportsOfVisits(visitIds: string[]): Promise<ReportEntity[]> {
    return this.m
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.visit_id = any(:visitIds)', { visitIds })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id')
      .getMany();
  }

  /** Marks a render attempt as started; null when the report is already done (a repeated job). */
  async startAttempt(id: string): Promise<ReportEntity | null> {
    // an UPDATE answers [rows, affected count]
    const [, updated]: [unknown, number] = await this.m.query(
      `update report set status = 'rendering', attempts = attempts + 1 where id = $1 and status <> 'done'`,
      [id],
    );
    return updated ? this.report(id) : null;
  }

  async finish(id: string, pageCount: number, files: Omit<ReportFileEntity, 'id' | 'reportId'>[]): Promise<void> {
    await this.m.getRepository(ReportFileEntity).delete({ reportId: id });
    await this.m.getRepository(ReportFileEntity).insert(files.map((f) => ({ ...f, reportId: id })));
    await this.m
      .getRepository(ReportEntity)
      .update({ id }, { status: 'done', pageCount, error: '', finishedAt: now() });
  }

  async failAttempt(id: string, error: string, final: boolean): Promise<void> {
    await this.m
      .getRepository(ReportEntity)
      .update(
        { id },
        { status: final ? 'failed' : 'queued', error: error.slice(0, 2000), finishedAt: final ? now() : null },
      );
  }

  /** Reports that failed for good and whose visit has no newer finished report (previews left out). */
  failed(): Promise<
    { id: string; visitId: string; facilityName: string; plannedDate: string; error: string; finishedAt: Date }[]
  > {
    return this.m.query(
      `select r.id, r.visit_id as "visitId", f.name as "facilityName", to_char(v.planned_date, 'YYYY-MM-DD') as "plannedDate",
              r.error, r.finished_at as "finishedAt"
         from report r join visit v on v.id = r.visit_id join facility f on f.id = v.facility_id
        where r.status = 'failed' and not r.preview
          and not exists (select 1 from report n where n.visit_id = r.visit_id and not n.preview
                           and n.created_at > r.created_at and n.status = 'done')
        order by r.finished_at desc`,
    );
  }

  files(reportId: string): Promise<ReportFileEntity[]> {
    return this.m.getRepository(ReportFileEntity).find({ where: { reportId }, order: { kind: 'ASC' } });
  }

  fileWithData(reportId: string, kind: ReportFileKind): Promise<ReportFileEntity | null> {
    return this.m
      .getRepository(ReportFileEntity)
      .createQueryBuilder('f')
      .addSelect('f.data')
      .where('f.report_id = :reportId and f.kind = :kind', { reportId, kind })
      .getOne();
  }

  /** Published visits planned within the period (dates inclusive), oldest first. */
  async publishedVisitIds(from: string, to: string): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `select id from visit where status = 'published' and planned_date between $1 and $2 order by planned_date, id`,
      [from, to],
    );
    return rows.map((r) => r.id);
  }

  createBatch(b: Partial<ReportBatchEntity>): Promise<ReportBatchEntity> {
    const repo = this.m.getRepository(ReportBatchEntity);
    return repo.save(repo.create(b));
  }

  batch(id: string): Promise<ReportBatchEntity | null> {
    return this.m.getRepository(ReportBatchEntity).findOneBy({ id });
  }

  batches(limit = 20): Promise<ReportBatchEntity[]> {
    return this.m.getRepository(ReportBatchEntity).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  async progress(batchIds: string[]): Promise<Map<string, BatchProgress>> {
    const rows: { batch_id: string; status: ReportStatus; n: number }[] = await this.m.query(
      `select batch_id, status, count(*)::int as n from report where batch_id = any($1) group by batch_id, status`,
      [batchIds],
    );
    const empty = (): BatchProgress => ({ queued: 0, rendering: 0, done: 0, failed: 0, total: 0 });
    const map = new Map(batchIds.map((id) => [id, empty()]));
    for (const r of rows) {
      const p = map.get(r.batch_id)!;
      p[r.status] = r.n;
      p.total += r.n;
    }
    return map;
  }

  batchReports(batchId: string): Promise<(ReportEntity & { facilityName: string; plannedDate: string })[]> {
    return this.m.query(
      `select r.id, r.visit_id as "visitId", r.status, r.page_count as "pageCount", r.error, f.name as "facilityName",
              to_char(v.planned_date, 'YYYY-MM-DD') as "plannedDate"
         from report r join visit v on v.id = r.visit_id join facility f on f.id = v.facility_id
        where r.batch_id = $1 order by v.planned_date, f.name`,
      [batchId],
    );
  }

  templates(): Promise<ReportTemplateEntity[]> {
    return this.m.getRepository(ReportTemplateEntity).find({ order: { number: 'DESC' } });
  }

  template(id: string, lock = false): Promise<ReportTemplateEntity | null> {
    const q = this.m.getRepository(ReportTemplateEntity).createQueryBuilder('t').where('t.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  /** Numbers are handed out under a lock, so two uploads at once cannot take the same. */
  async createTemplate(t: Partial<ReportTemplateEntity>): Promise<ReportTemplateEntity> {
    await this.m.query(`select pg_advisory_xact_lock(hashtext('report_template'))`);
    const [{ next }] = await this.m.query(`select coalesce(max(number), 0)::int + 1 as next from report_template`);
    const repo = this.m.getRepository(ReportTemplateEntity);
    return repo.save(repo.create({ ...t, number: next }));
  }

  async setTemplateStatus(t: ReportTemplateEntity, status: TemplateStatus): Promise<ReportTemplateEntity> {
    t.status = status;
    if (status === 'active') t.activatedAt = now();
    if (status === 'retired') t.retiredAt = now();
    return this.m.getRepository(ReportTemplateEntity).save(t);
  }
}
