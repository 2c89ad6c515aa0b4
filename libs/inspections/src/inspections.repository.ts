import { Injectable } from '@nestjs/common';
import { auditInsertSql } from '#libs/auth';
import { TransactionHost } from '#libs/database';
import type { Scale } from '#libs/quality-model';
import { FindingEntity } from './finding.entity.js';
import { FocusGroupNoteEntity } from './focus-group-note.entity.js';
import { VisitEntity } from './visit.entity.js';
import type { AnswerView } from './visit.views.js';
import { VisitAnswerEntity } from './visit-answer.entity.js';
import { VisitAttachmentEntity } from './visit-attachment.entity.js';
import { VisitEvidenceEntity } from './visit-evidence.entity.js';
import { VisitThemeAssessmentEntity } from './visit-theme-assessment.entity.js';

export interface AnswerContext {
  id: string;
  status: string;
  facilityId: string;
  submittedById: string | null;
  inspectorIds: string[];
  scale: Scale;
  /** Null when the indicator is not in the visit's scope. */
  indicatorCode: string | null;
}

export type AnswerFields = Pick<VisitAnswerEntity, 'assessment' | 'rating' | 'justification' | 'updatedById'>;
type Written = { id: string; version: number; updatedAt: Date };

/** A visit as listed: enough to show and filter, no answers. */
export interface VisitSummary {
  id: string;
  facilityId: string;
  facilityName: string;
  kind: string;
  plannedDate: string;
  status: string;
  modelName: string;
  inspectorNames: string[];
  version: number;
}

/** A visit as a to-do list shows it. */
export interface WorkListVisit {
  id: string;
  facilityId: string;
  facilityName: string;
  kind: string;
  plannedDate: string;
  status: string;
  returnComment: string;
  hearingDeadline: string | null;
  hearingAnsweredAt: Date | null;
  publishedAt: Date | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
}

@Injectable()
export class InspectionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get m() {
    return this.tx.tx;
  }

  createVisit(v: Partial<VisitEntity>): Promise<VisitEntity> {
    const repo = this.m.getRepository(VisitEntity);
    return repo.save(repo.create(v));
  }

  saveVisit(v: VisitEntity): Promise<VisitEntity> {
    return this.m.getRepository(VisitEntity).save(v);
  }

  /** The written assessments of a visit's themes, by standard id. */
  async themeAssessments(visitId: string): Promise<Map<string, string>> {
    const rows = await this.m.getRepository(VisitThemeAssessmentEntity).findBy({ visitId });
    return new Map(rows.map((r) => [r.standardId, r.text]));
  }

  /** Writes the overall assessment (without touching the visit's version) and the themes' assessments; an empty text removes one. */
  async saveAssessments(visitId: string, overall: string, themes: Map<string, string>): Promise<void> {
    await this.m.query('update visit set overall_assessment = $2 where id = $1', [visitId, overall]);
    const repo = this.m.getRepository(VisitThemeAssessmentEntity);
    for (const [standardId, text] of themes) {
      if (text) await repo.upsert({ visitId, standardId, text }, ['visitId', 'standardId']);
      else await repo.delete({ visitId, standardId });
    }
  }

  /** The visit, row-locked when `lock` so status changes and answers serialise per visit. */
  visit(id: string, lock = false): Promise<VisitEntity | null> {
    const q = this.m.getRepository(VisitEntity).createQueryBuilder('v').where('v.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  async inspectorIds(visitId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.m.query('select user_id from visit_inspector where visit_id = $1', [
      visitId,
    ]);
    return rows.map((r) => r.user_id);
  }

  async setInspectors(visitId: string, userIds: string[]): Promise<void> {
    await this.m.query('delete from visit_inspector where visit_id = $1', [visitId]);
    for (const id of userIds)
      await this.m.query('insert into visit_inspector (visit_id, user_id) values ($1, $2)', [visitId, id]);
  }

  /** Users by id with their name and role (to check assignments). */
  users(ids: string[]): Promise<{ id: string; name: string; role: string }[]> {
    return this.m.query('select id, name, role from app_user where id = any($1) and active order by name', [ids]);
  }

  inspectors(): Promise<{ id: string; name: string }[]> {
    return this.m.query(`select id, name from app_user where role = 'inspector' and active order by name`);
  }

  /** Visits with display fields; the filter is built by the service from the caller's access. */
  list(where: {
    facilityIds?: string[];
    inspectorId?: string;
    statuses?: string[];
    facilityId?: string;
  }): Promise<VisitSummary[]> {
    return this.m.query(
      `select v.id, v.facility_id as "facilityId", f.name as "facilityName", v.kind,
              to_char(v.planned_date, 'YYYY-MM-DD') as "plannedDate", v.status, mv.name as "modelName", v.version,
              coalesce((select array_agg(u.name order by u.name) from visit_inspector vi join app_user u on u.id = vi.user_id
                         where vi.visit_id = v.id), '{}') as "inspectorNames"
         from visit v join facility f on f.id = v.facility_id join quality_model_version mv on mv.id = v.model_version_id
        where ($1::uuid[] is null or v.facility_id = any($1))
          and ($2::uuid is null or exists (select 1 from visit_inspector vi where vi.visit_id = v.id and vi.user_id = $2))
          and ($3::text[] is null or v.status = any($3))
          and ($4::uuid is null or v.facility_id = $4)
        order by v.planned_date desc, f.name, v.id`,
      [where.facilityIds ?? null, where.inspectorId ?? null, where.statuses ?? null, where.facilityId ?? null],
    );
  }

  /**
   * Visits in the given statuses with what a to-do list shows: the comment of a visit sent back,
   * the høring deadline and answer, when it was published. Filtered as `list` is.
   */
  workList(where: { statuses: string[]; inspectorId?: string; facilityIds?: string[] }): Promise<WorkListVisit[]> {
    return this.m.query(
      `select v.id, v.facility_id as "facilityId", f.name as "facilityName", v.kind,
              to_char(v.planned_date, 'YYYY-MM-DD') as "plannedDate", v.status, v.return_comment as "returnComment",
              to_char(v.hearing_deadline, 'YYYY-MM-DD') as "hearingDeadline", v.hearing_answered_at as "hearingAnsweredAt",
              v.published_at as "publishedAt", v.submitted_at as "submittedAt", v.approved_at as "approvedAt"
         from visit v join facility f on f.id = v.facility_id
        where v.status = any($1)
          and ($2::uuid is null or exists (select 1 from visit_inspector vi where vi.visit_id = v.id and vi.user_id = $2))
          and ($3::uuid[] is null or v.facility_id = any($3))
        order by v.planned_date, f.name`,
      [where.statuses, where.inspectorId ?? null, where.facilityIds ?? null],
    );
  }

  /** Comments of the visit's høring answer without a recorded outcome. */
  async openOutcomes(visitId: string): Promise<number> {
    const [row] = await this.m.query(
      'select count(*)::int as n from hearing_comment where visit_id = $1 and outcome is null',
      [visitId],
    );
    return row.n;
  }

  /**
   * Everything an autosave needs to decide, in one round trip: the visit (share-locked, so a
   * concurrent submit waits for in-flight saves and vice versa), its access facts, the scale, and
   * whether the indicator is in the visit's scope.
   */
  async answerContext(visitId: string, indicatorId: string): Promise<AnswerContext | null> {
    const [row] = await this.m.query(
      `select v.id, v.status, v.facility_id as "facilityId", v.submitted_by_id as "submittedById",
              array(select user_id from visit_inspector vi where vi.visit_id = v.id) as "inspectorIds",
              mv.scale, i.code as "indicatorCode"
         from visit v
         join facility f on f.id = v.facility_id
         join quality_model_version mv on mv.id = v.model_version_id
         left join quality_indicator i on i.id = $2 and i.version_id = v.model_version_id
              and (cardinality(i.facility_types) = 0 or f.type_code = any(i.facility_types))
              and (cardinality(v.theme_ids) = 0 or i.standard_id = any(v.theme_ids))
        where v.id = $1
        for share of v`,
      [visitId, indicatorId],
    );
    return row ?? null;
  }

  /**
   * An autosave in one statement: reads the visit (share-locked), checks what may be decided in SQL
   * (who may edit in which status, the indicator in scope, the stored version, the rating on the
   * scale, attachments of this visit, photos only in the report), writes the answer, its evidence
   * and the audit row, and returns what was written — or nothing, when any check failed; the
   * caller then takes the careful path that names the reason.
   */
  async saveAnswerAtOnce(save: OneStatementSave): Promise<Written | null> {
    const { text, values } = saveAnswerStatement(save);
    const [row] = await this.m.query(text, values);
    return row?.id ? { id: row.id, version: row.version, updatedAt: new Date(row.updatedAt) } : null;
  }

  /** The stored answer with its evidence, or null. */
  async answerWithEvidence(visitId: string, indicatorId: string): Promise<(AnswerView & { id: string }) | null> {
    const [row] = await this.m.query(
      `select a.id, a.indicator_id as "indicatorId", a.assessment, a.rating, a.justification, a.updated_at as "updatedAt", a.version,
              coalesce(json_agg(json_build_object('source', e.source, 'note', e.note, 'attachmentId', e.attachment_id, 'inReport', e.in_report) order by e.position)
                       filter (where e.id is not null), '[]') as evidence
         from visit_answer a left join visit_evidence e on e.answer_id = a.id
        where a.visit_id = $1 and a.indicator_id = $2
        group by a.id`,
      [visitId, indicatorId],
    );
    return row ? { ...row, updatedAt: new Date(row.updatedAt) } : null;
  }

  /** Of `ids`, those that are attachments of the visit, with their content type. */
  async attachmentTypesOf(visitId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; contentType: string }[] = await this.m.query(
      'select id, content_type as "contentType" from visit_attachment where visit_id = $1 and id = any($2)',
      [visitId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.contentType]));
  }

  answers(visitId: string): Promise<VisitAnswerEntity[]> {
    return this.m.getRepository(VisitAnswerEntity).find({ where: { visitId } });
  }

  answer(visitId: string, indicatorId: string): Promise<VisitAnswerEntity | null> {
    return this.m.getRepository(VisitAnswerEntity).findOneBy({ visitId, indicatorId });
  }

  /** Inserts the first answer for an indicator; null when someone else created it first. */
  async insertAnswer(visitId: string, indicatorId: string, fields: AnswerFields): Promise<Written | null> {
    const [row] = await this.m.query(
      `insert into visit_answer (visit_id, indicator_id, assessment, rating, justification, updated_by_id)
       values ($1, $2, $3, $4, $5, $6) on conflict (visit_id, indicator_id) do nothing
       returning id, version, updated_at as "updatedAt"`,
      [visitId, indicatorId, fields.assessment, fields.rating, fields.justification, fields.updatedById],
    );
    return row ?? null;
  }

  /** Updates only if the stored version is still `expected`; null when it was not. */
  async updateAnswer(id: string, expected: number, fields: AnswerFields): Promise<Written | null> {
    // TypeORM answers UPDATE … RETURNING with [rows, affectedCount].
    const [[row]] = await this.m.query(
      `update visit_answer set assessment = $3, rating = $4, justification = $5, updated_by_id = $6,
              updated_at = now(), version = version + 1
        where id = $1 and version = $2
       returning id, version, updated_at as "updatedAt"`,
      [id, expected, fields.assessment, fields.rating, fields.justification, fields.updatedById],
    );
    return row ?? null;
  }

  evidence(answerIds: string[]): Promise<VisitEvidenceEntity[]> {
    if (!answerIds.length) return Promise.resolve([]);
    return this.m
      .getRepository(VisitEvidenceEntity)
      .createQueryBuilder('e')
      .where('e.answer_id = any(:ids)', { ids: answerIds })
      .orderBy('e.position')
      .getMany();
  }

  async replaceEvidence(
    answerId: string,
    items: { source: string; note: string; attachmentId: string | null; inReport: boolean }[],
    isNew = false,
  ): Promise<void> {
    const repo = this.m.getRepository(VisitEvidenceEntity);
    if (!isNew) await repo.delete({ answerId });
    if (items.length)
      await repo.insert(
        items.map((e, position) => ({ ...e, answerId, position, source: e.source as VisitEvidenceEntity['source'] })),
      );
  }

  saveAttachment(a: Partial<VisitAttachmentEntity>): Promise<VisitAttachmentEntity> {
    const repo = this.m.getRepository(VisitAttachmentEntity);
    return repo.save(repo.create(a));
  }

  attachments(visitId: string): Promise<VisitAttachmentEntity[]> {
    return this.m.getRepository(VisitAttachmentEntity).find({ where: { visitId }, order: { uploadedAt: 'ASC' } });
  }

  byClientKey(visitId: string, clientKey: string): Promise<VisitAttachmentEntity | null> {
    return this.m.getRepository(VisitAttachmentEntity).findOneBy({ visitId, clientKey });
  }

  /** The visit's photo thumbnails by attachment id. */
  thumbnails(visitId: string): Promise<{ id: string; data: Buffer }[]> {
    return this.m.query(
      'select id, thumbnail as data from visit_attachment where visit_id = $1 and thumbnail is not null',
      [visitId],
    );
  }

  /** Photos the inspectors marked for the report, with their bytes. */
  reportPhotos(visitId: string): Promise<{ id: string; contentType: string; data: Buffer }[]> {
    return this.m.query(
      `select distinct a.id, a.content_type as "contentType", a.data
         from visit_attachment a
         join visit_evidence e on e.attachment_id = a.id and e.in_report
         join visit_answer va on va.id = e.answer_id and va.visit_id = a.visit_id
        where a.visit_id = $1`,
      [visitId],
    );
  }

  attachmentWithData(visitId: string, id: string): Promise<VisitAttachmentEntity | null> {
    return this.m
      .getRepository(VisitAttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.data')
      .where('a.id = :id and a.visit_id = :visitId', { id, visitId })
      .getOne();
  }

  findings(visitId: string): Promise<FindingEntity[]> {
    return this.m.getRepository(FindingEntity).find({ where: { visitId }, order: { createdAt: 'ASC' } });
  }

  finding(id: string): Promise<FindingEntity | null> {
    return this.m.getRepository(FindingEntity).findOneBy({ id });
  }

  saveFinding(f: Partial<FindingEntity>): Promise<FindingEntity> {
    const repo = this.m.getRepository(FindingEntity);
    return repo.save(repo.create(f));
  }

  async deleteFinding(id: string): Promise<void> {
    await this.m.getRepository(FindingEntity).delete({ id });
  }

  focusGroupNotes(visitId: string): Promise<FocusGroupNoteEntity[]> {
    return this.m.getRepository(FocusGroupNoteEntity).find({ where: { visitId }, order: { createdAt: 'ASC' } });
  }

  saveFocusGroupNote(n: Partial<FocusGroupNoteEntity>): Promise<FocusGroupNoteEntity> {
    const repo = this.m.getRepository(FocusGroupNoteEntity);
    return repo.save(repo.create(n));
  }

  /** Per facility and kind: dates of visits that count toward the frequency target (not cancelled). */
  visitDates(): Promise<{ facility_id: string; kind: string; dates: string[] }[]> {
    return this.m.query(
      `select facility_id, kind, array_agg(to_char(planned_date, 'YYYY-MM-DD') order by planned_date desc) as dates
         from visit where status <> 'cancelled' group by facility_id, kind`,
    );
  }
}

export interface OneStatementSave {
  visitId: string;
  indicatorId: string;
  userId: string;
  /** "status:assigned:submitter" combinations in which this user may edit the answers. */
  mayEdit: string[];
  expectedVersion: number;
  fields: Omit<AnswerFields, 'updatedById'>;
  evidence: { source: string; note: string; attachmentId: string | null; inReport: boolean }[];
}

/** The SQL of `saveAnswerAtOnce`, apart so the autosave benchmark sends the very same statement bare. */
export function saveAnswerStatement(s: OneStatementSave): { text: string; values: unknown[] } {
  const audit = auditInsertSql('change', 'visit_answer.saved', 10);
  const text = `
    with ctx as (
      select v.id, v.facility_id, mv.scale, i.code as indicator_code,
             (v.status || ':' || ($3::uuid = any(array(select user_id from visit_inspector vi where vi.visit_id = v.id)))::text
               || ':' || (v.submitted_by_id is not distinct from $3::uuid)::text) = any($4::text[]) as may_edit
        from visit v
        join facility f on f.id = v.facility_id
        join quality_model_version mv on mv.id = v.model_version_id
        left join quality_indicator i on i.id = $2 and i.version_id = v.model_version_id
             and (cardinality(i.facility_types) = 0 or f.type_code = any(i.facility_types))
             and (cardinality(v.theme_ids) = 0 or i.standard_id = any(v.theme_ids))
       where v.id = $1
       for share of v
    ),
    before as (
      select a.id, a.indicator_id as "indicatorId", a.assessment, a.rating, a.justification, a.updated_at as "updatedAt", a.version,
             coalesce(jsonb_agg(jsonb_build_object('source', e.source, 'note', e.note, 'attachmentId', e.attachment_id, 'inReport', e.in_report)
                      order by e.position) filter (where e.id is not null), '[]') as evidence
        from visit_answer a left join visit_evidence e on e.answer_id = a.id
       where a.visit_id = $1 and a.indicator_id = $2
       group by a.id
    ),
    ev as (
      select * from jsonb_to_recordset($9::jsonb)
        as e(position int, source text, note text, "attachmentId" uuid, "inReport" boolean)
    ),
    go as (
      select 1 from ctx
       where ctx.may_edit and ctx.indicator_code is not null
         and coalesce((select version from before), 0) = $5
         and case when $6 = 'rated'
                  then exists (select 1 from jsonb_array_elements(ctx.scale -> 'levels') l where (l ->> 'value')::int = $7::int)
                  else $7::int is null end
         and not exists (
               select 1 from ev
                where (ev."attachmentId" is not null or ev."inReport")
                  and not exists (select 1 from visit_attachment va
                                   where va.id = ev."attachmentId" and va.visit_id = $1
                                     and (not ev."inReport" or va.content_type like 'image/%')))
    ),
    ins as (
      insert into visit_answer (visit_id, indicator_id, assessment, rating, justification, updated_by_id)
      select $1, $2, $6, $7::int, $8, $3 where exists (select 1 from go) and not exists (select 1 from before)
      on conflict (visit_id, indicator_id) do nothing
      returning id, version, updated_at
    ),
    upd as (
      update visit_answer a
         set assessment = $6, rating = $7::int, justification = $8, updated_by_id = $3, updated_at = now(), version = a.version + 1
       where a.id = (select id from before) and a.version = $5 and exists (select 1 from go)
      returning a.id, a.version, a.updated_at
    ),
    written as (select * from ins union all select * from upd),
    dropped as (
      delete from visit_evidence
       where answer_id in (select id from upd) and position >= (select count(*) from ev)
    ),
    kept as (
      insert into visit_evidence (answer_id, position, source, note, attachment_id, in_report)
      select w.id, ev.position, ev.source, ev.note, ev."attachmentId", ev."inReport" from written w cross join ev
      on conflict (answer_id, position) do update
         set source = excluded.source, note = excluded.note, attachment_id = excluded.attachment_id, in_report = excluded.in_report
    ),
    change as (
      select 'visit_answer' as entity_type, w.id::text as entity_id, ctx.facility_id,
             (select to_jsonb(b) - 'id' from before b) as before,
             jsonb_build_object('indicatorId', $2::uuid, 'assessment', $6::text, 'rating', $7::int, 'justification', $8::text,
                                'evidence', (select coalesce(jsonb_agg(to_jsonb(ev) - 'position' order by ev.position), '[]') from ev),
                                'updatedAt', w.updated_at, 'version', w.version, 'visitId', $1::uuid,
                                'indicatorCode', ctx.indicator_code) as after
        from written w cross join ctx
    ),
    audited as (${audit.sql})
    select w.id, w.version, w.updated_at as "updatedAt" from written w`;
  return {
    text,
    values: [
      s.visitId,
      s.indicatorId,
      s.userId,
      s.mayEdit,
      s.expectedVersion,
      s.fields.assessment,
      s.fields.rating,
      s.fields.justification,
      JSON.stringify(s.evidence.map((e, position) => ({ position, ...e }))),
      ...audit.params,
    ],
  };
}
