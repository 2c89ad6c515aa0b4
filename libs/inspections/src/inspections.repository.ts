import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import type { Scale } from '#libs/quality-model';
import { FindingEntity } from './finding.entity.js';
import { FocusGroupNoteEntity } from './focus-group-note.entity.js';
import { VisitAnswerEntity } from './visit-answer.entity.js';
import { VisitAttachmentEntity } from './visit-attachment.entity.js';
import { VisitEvidenceEntity } from './visit-evidence.entity.js';
import { VisitEntity } from './visit.entity.js';

/** An indicator in a visit's scope, with where it sits in the model. */
export interface ScopeIndicator {
  id: string;
  code: string;
  text: string;
  guidance: string;
  kind: string | null;
  evidence: string[];
  standardId: string;
  standardCode: string;
  standardTitle: string;
  criterionId: string | null;
  criterionCode: string | null;
  criterionText: string | null;
}

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

  /** The visit, row-locked when `lock` so status changes and answers serialise per visit. */
  visit(id: string, lock = false): Promise<VisitEntity | null> {
    const q = this.m.getRepository(VisitEntity).createQueryBuilder('v').where('v.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  async inspectorIds(visitId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.m.query('select user_id from visit_inspector where visit_id = $1', [visitId]);
    return rows.map((r) => r.user_id);
  }

  async setInspectors(visitId: string, userIds: string[]): Promise<void> {
    await this.m.query('delete from visit_inspector where visit_id = $1', [visitId]);
    for (const id of userIds) await this.m.query('insert into visit_inspector (visit_id, user_id) values ($1, $2)', [visitId, id]);
  }

  /** Users by id with their name and role (to check assignments). */
  users(ids: string[]): Promise<{ id: string; name: string; role: string }[]> {
    return this.m.query('select id, name, role from app_user where id = any($1) and active order by name', [ids]);
  }

  inspectors(): Promise<{ id: string; name: string }[]> {
    return this.m.query(`select id, name from app_user where role = 'inspector' and active order by name`);
  }

  /** Visits with display fields; the filter is built by the service from the caller's access. */
  list(where: { facilityIds?: string[]; inspectorId?: string; statuses?: string[]; facilityId?: string }): Promise<VisitSummary[]> {
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
        order by v.planned_date desc, f.name`,
      [where.facilityIds ?? null, where.inspectorId ?? null, where.statuses ?? null, where.facilityId ?? null],
    );
  }

  /** A published model version's name and scale, or null when it is not published. */
  async publishedVersion(id: string): Promise<{ id: string; name: string; scale: Scale } | null> {
    const [row] = await this.m.query(`select id, name, scale from quality_model_version where id = $1 and status = 'published'`, [id]);
    return row ?? null;
  }

  async versionOf(id: string): Promise<{ id: string; name: string; scale: Scale; standardLabel: string }> {
    const [row] = await this.m.query('select id, name, scale, standard_label as "standardLabel" from quality_model_version where id = $1', [id]);
    return row;
  }

  publishedVersions(): Promise<{ id: string; name: string }[]> {
    return this.m.query(`select id, name from quality_model_version where status = 'published' order by name`);
  }

  /** Indicators of the version that apply to the facility's type, in model order. */
  scope(versionId: string, facilityTypeCode: string): Promise<ScopeIndicator[]> {
    return this.m.query(
      `select i.id, i.code, i.text, i.guidance, i.kind, i.evidence,
              s.id as "standardId", s.code as "standardCode", s.title as "standardTitle",
              c.id as "criterionId", c.code as "criterionCode", c.text as "criterionText"
         from quality_indicator i
         join quality_standard s on s.id = i.standard_id
         left join quality_criterion c on c.id = i.criterion_id
        where i.version_id = $1 and (cardinality(i.facility_types) = 0 or $2 = any(i.facility_types))
        order by s.position, c.position nulls first, i.position`,
      [versionId, facilityTypeCode],
    );
  }

  async scopeIds(versionId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query('select id from quality_indicator where version_id = $1', [versionId]);
    return rows.map((r) => r.id);
  }

  answers(visitId: string): Promise<VisitAnswerEntity[]> {
    return this.m.getRepository(VisitAnswerEntity).find({ where: { visitId } });
  }

  answer(visitId: string, indicatorId: string): Promise<VisitAnswerEntity | null> {
    return this.m.getRepository(VisitAnswerEntity).findOneBy({ visitId, indicatorId });
  }

  /** Inserts the first answer for an indicator; null when someone else created it first. */
  async insertAnswer(a: Partial<VisitAnswerEntity>): Promise<VisitAnswerEntity | null> {
    const res = await this.m
      .createQueryBuilder()
      .insert()
      .into(VisitAnswerEntity)
      .values(a)
      .orIgnore()
      .returning('*')
      .execute();
    return res.raw.length ? this.answer(a.visitId!, a.indicatorId!) : null;
  }

  /** Updates only if the stored version is still `expected`; returns whether it did. */
  async updateAnswer(id: string, expected: number, fields: Pick<VisitAnswerEntity, 'assessment' | 'rating' | 'justification' | 'updatedById'>): Promise<boolean> {
    const res = await this.m
      .createQueryBuilder()
      .update(VisitAnswerEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id and version = :expected', { id, expected })
      .execute();
    return (res.affected ?? 0) > 0;
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

  async replaceEvidence(answerId: string, items: { source: string; note: string; attachmentId: string | null }[]): Promise<void> {
    const repo = this.m.getRepository(VisitEvidenceEntity);
    await repo.delete({ answerId });
    if (items.length) await repo.insert(items.map((e, position) => ({ ...e, answerId, position, source: e.source as VisitEvidenceEntity['source'] })));
  }

  saveAttachment(a: Partial<VisitAttachmentEntity>): Promise<VisitAttachmentEntity> {
    const repo = this.m.getRepository(VisitAttachmentEntity);
    return repo.save(repo.create(a));
  }

  attachments(visitId: string): Promise<VisitAttachmentEntity[]> {
    return this.m.getRepository(VisitAttachmentEntity).find({ where: { visitId }, order: { uploadedAt: 'ASC' } });
  }

  attachmentWithData(visitId: string, id: string): Promise<VisitAttachmentEntity | null> {
    return this.m.getRepository(VisitAttachmentEntity).createQueryBuilder('a').addSelect('a.data').where('a.id = :id and a.visit_id = :visitId', { id, visitId }).getOne();
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
