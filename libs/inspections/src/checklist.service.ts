import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { ConflictError, type FieldError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { FacilityEvents } from '#libs/facilities';
import { InspectionsRepository } from './inspections.repository.js';
import { checkedFile, safeFileName, sniff } from './uploaded-file.js';
import type { SaveAnswerDto, SaveAssessmentsDto } from './visit.dto.js';
import {
  type AnswerView,
  type AttachmentView,
  answerView,
  attachmentView,
  type ChecklistView,
  findingView,
  noteView,
  type ThemeAssessmentView,
} from './visit.views.js';
import { CLOSED_FOR_EDITS, mayEditContent } from './visit-workflow.js';
import { VisitsService } from './visits.service.js';
import { MAX_PHOTO_BYTES, MAX_THUMBNAIL_BYTES, VISIT_STATUSES, type VisitStatus } from './vocabulary.js';

const evidenceOf = (dto: SaveAnswerDto) =>
  (dto.evidence ?? []).map((e) => ({
    source: e.source,
    note: e.note ?? '',
    attachmentId: e.attachmentId ?? null,
    inReport: e.inReport === true,
  }));

/** The themes (standards) a visit covers, in the model's order, from its indicators in scope. */
const themesOf = (scope: { standardId: string; standardCode: string; standardTitle: string }[]) => {
  const seen = new Map<string, Omit<ThemeAssessmentView, 'text'>>();
  for (const i of scope)
    if (!seen.has(i.standardId))
      seen.set(i.standardId, { standardId: i.standardId, code: i.standardCode, title: i.standardTitle });
  return [...seen.values()];
};

const dataUri = (data: Buffer) => `data:${sniff(data)};base64,${data.toString('base64')}`;

@Injectable()
export class ChecklistService {
  private readonly editableByRole = new Map<string, Promise<string[]>>();

  constructor(
    private readonly repo: InspectionsRepository,
    private readonly visits: VisitsService,
    private readonly audit: AuditService,
    private readonly policy: PolicyService,
    private readonly events: FacilityEvents,
  ) {}

  private async answerViews(visitId: string): Promise<Map<string, AnswerView>> {
    const answers = await this.repo.answers(visitId);
    const evidence = await this.repo.evidence(answers.map((a) => a.id));
    return new Map(answers.map((a) => [a.indicatorId, answerView(a, evidence)]));
  }

  /** Every indicator in scope with its answer (if any), plus the visit's files, notes and findings. */
  async checklist(user: AuthUser, visitId: string): Promise<ChecklistView> {
    const { visit, inspectorIds } = await this.visits.load(user, visitId, 'read');
    const [view, scope, answers, attachments, notes, findings, written] = await Promise.all([
      this.visits.view(visit, inspectorIds),
      this.visits.scope(visit),
      this.answerViews(visitId),
      this.repo.attachments(visitId),
      this.repo.focusGroupNotes(visitId),
      this.repo.findings(visitId),
      this.repo.themeAssessments(visitId),
    ]);
    return {
      visit: view,
      themeAssessments: themesOf(scope).map((t) => ({ ...t, text: written.get(t.standardId) ?? '' })),
      indicators: scope.map((i) => ({ ...i, answer: answers.get(i.id) ?? null })),
      attachments: attachments.map(attachmentView),
      focusGroupNotes: notes.map(noteView),
      findings: findings.map(findingView),
    };
  }

  /**
   * Autosave of one answer. The write must be based on the stored version (0 for the first
   * answer); otherwise 409 with the stored answer, so nothing is silently overwritten. A published
   * visit accepts only an amendment with a reason, kept in the audit trail. Runs on every
   * keystroke pause, so it reads everything it decides on in one query.
   */
  async saveAnswer(user: AuthUser, visitId: string, indicatorId: string, dto: SaveAnswerDto): Promise<AnswerView> {
    const fields = {
      assessment: dto.assessment,
      rating: dto.rating ?? null, // a rating without "rated" is refused below, with its reason
      justification: dto.justification ?? '',
    };
    const evidence = evidenceOf(dto);
    // The common case in one statement; anything it cannot decide (an error to name, an amendment)
    // goes the careful way below, which reads, checks and explains.
    if (!dto.amendmentReason && isUUID(indicatorId)) {
      const written = await this.repo.saveAnswerAtOnce({
        visitId,
        indicatorId,
        userId: user.id,
        mayEdit: await this.editableFor(user),
        expectedVersion: dto.version,
        fields,
        evidence,
      });
      if (written) return { indicatorId, ...fields, evidence, updatedAt: written.updatedAt, version: written.version };
    }
    return this.saveAnswerCarefully(user, visitId, indicatorId, dto);
  }

  /**
   * The "status:assigned:submitter" combinations in which `user` may edit a visit's answers (not
   * amend). They follow from the role alone, so each role's list is worked out once, not per save.
   */
  private editableFor(user: AuthUser): Promise<string[]> {
    let combos = this.editableByRole.get(user.role);
    if (!combos) {
      combos = this.editableCombos(user);
      this.editableByRole.set(user.role, combos);
    }
    return combos;
  }

  private async editableCombos(user: AuthUser): Promise<string[]> {
    const combos: string[] = [];
    for (const status of VISIT_STATUSES)
      for (const assigned of [true, false])
        for (const submitter of [true, false]) {
          const facts = {
            status,
            facilityId: '',
            inspectorIds: assigned ? [user.id] : [],
            submittedById: submitter ? user.id : null,
          };
          const actor = { role: user.role, assigned, submitter, leader: false };
          if (mayEditContent(status, actor) && (await this.policy.canVisit(user, facts, 'edit')))
            combos.push(`${status}:${assigned}:${submitter}`);
        }
    return combos;
  }

  @Transactional()
  private async saveAnswerCarefully(
    user: AuthUser,
    visitId: string,
    indicatorId: string,
    dto: SaveAnswerDto,
  ): Promise<AnswerView> {
    const ctx = await this.repo.answerContext(visitId, indicatorId);
    if (!ctx) throw new NotFoundError('Besøget findes ikke');
    await this.policy.assertVisit(user, ctx, 'edit');
    const amending = ctx.status === 'published';
    const actor = {
      role: user.role,
      assigned: ctx.inspectorIds.includes(user.id),
      submitter: ctx.submittedById === user.id,
      leader: false,
    };
    if (!mayEditContent(ctx.status as VisitStatus, actor) && !amending) {
      throw new ConflictError(
        CLOSED_FOR_EDITS,
        [],
        {
          visitStatus: ctx.status,
        },
        'visit-not-editable',
      );
    }
    const errors: FieldError[] = [];
    if (amending && !dto.amendmentReason?.trim()) {
      errors.push({
        field: 'amendmentReason',
        rule: 'isNotEmpty',
        message: 'et offentliggjort besøg rettes kun med en begrundelse',
      });
    }
    if (!ctx.indicatorCode)
      errors.push({ field: 'indicatorId', rule: 'inScope', message: 'indikatoren hører ikke til dette besøg' });
    const scale = ctx.scale.levels.map((l) => l.value);
    if (dto.assessment === 'rated' && !scale.includes(dto.rating as number)) {
      errors.push({
        field: 'rating',
        rule: 'onScale',
        message: `skal være en af skalaens værdier: ${scale.join(', ')}`,
      });
    }
    if (dto.assessment !== 'rated' && dto.rating !== undefined && dto.rating !== null) {
      errors.push({
        field: 'rating',
        rule: 'onlyWhenRated',
        message: 'angiv ikke en score, når indikatoren ikke vurderes',
      });
    }
    const evidence = evidenceOf(dto);
    const types = await this.repo.attachmentTypesOf(
      visitId,
      evidence.flatMap((e) => (e.attachmentId ? [e.attachmentId] : [])),
    );
    evidence.forEach((e, i) => {
      const type = e.attachmentId ? types.get(e.attachmentId) : undefined;
      if (e.attachmentId && !type) {
        errors.push({
          field: `evidence[${i}].attachmentId`,
          rule: 'exists',
          message: 'bilaget findes ikke på dette besøg',
        });
      } else if (e.inReport && !type?.startsWith('image/')) {
        errors.push({
          field: `evidence[${i}].inReport`,
          rule: 'photo',
          message: 'kun et foto kan vises i rapporten',
        });
      }
    });
    if (errors.length) throw new InvalidInputError('Svaret kunne ikke gemmes', errors);

    const fields = {
      assessment: dto.assessment,
      rating: dto.assessment === 'rated' ? dto.rating! : null,
      justification: dto.justification ?? '',
      updatedById: user.id,
    };
    const before = await this.repo.answerWithEvidence(visitId, indicatorId);
    const stale = async () =>
      new ConflictError(
        'Svaret er ændret af en anden. Se deres version, og vælg hvad der skal gælde.',
        [],
        {
          current: (await this.repo.answerWithEvidence(visitId, indicatorId)) ?? null,
        },
        'stale-version',
      );
    if ((before?.version ?? 0) !== dto.version) throw await stale();
    const written = before
      ? await this.repo.updateAnswer(before.id, dto.version, fields)
      : await this.repo.insertAnswer(visitId, indicatorId, fields);
    if (!written) throw await stale();
    await this.repo.replaceEvidence(written.id, evidence, !before);
    const after: AnswerView = {
      indicatorId,
      ...fields,
      evidence,
      updatedAt: written.updatedAt,
      version: written.version,
    };
    delete (after as Partial<typeof fields>).updatedById;
    await this.audit.record({
      action: amending ? 'visit_answer.amended' : 'visit_answer.saved',
      entityType: 'visit_answer',
      entityId: written.id,
      facilityId: ctx.facilityId,
      before: before && { ...before, id: undefined },
      after: {
        ...after,
        visitId,
        indicatorCode: ctx.indicatorCode,
        ...(amending ? { amendmentReason: dto.amendmentReason!.trim() } : {}),
      },
    });
    if (amending) await this.events.evidenceChanged(ctx.facilityId);
    return after;
  }

  /**
   * The inspector's written overall assessment and one per theme in the visit's scope, required
   * before the visit is submitted and printed in the report. Editable as the answers are (a draft by
   * its inspectors; in høring by region staff); each save is in the audit trail with before and after.
   */
  @Transactional()
  async saveAssessments(user: AuthUser, visitId: string, dto: SaveAssessmentsDto) {
    const { visit, inspectorIds } = await this.visits.load(user, visitId, 'edit');
    if (!(await this.visits.mayEdit(user, visit, inspectorIds)))
      throw new ConflictError(CLOSED_FOR_EDITS, [], { visitStatus: visit.status }, 'visit-not-editable');
    const themes = themesOf(await this.visits.scope(visit));
    const inScope = new Set(themes.map((t) => t.standardId));
    const errors: FieldError[] = [];
    const texts = new Map<string, string>();
    (dto.themes ?? []).forEach((t, i) => {
      if (!inScope.has(t.standardId))
        errors.push({
          field: `themes[${i}].standardId`,
          rule: 'inScope',
          message: 'temaet hører ikke til dette besøg',
        });
      else texts.set(t.standardId, t.text.trim());
    });
    if (errors.length) throw new InvalidInputError('Vurderingerne kunne ikke gemmes', errors);
    const before = {
      overall: visit.overallAssessment,
      themes: Object.fromEntries(await this.repo.themeAssessments(visitId)),
    };
    await this.repo.saveAssessments(visitId, dto.overall.trim(), texts);
    const written = await this.repo.themeAssessments(visitId);
    const after = {
      overall: dto.overall.trim(),
      themes: themes.map((t) => ({ ...t, text: written.get(t.standardId) ?? '' })),
    };
    await this.audit.record({
      action: 'visit.assessments_saved',
      entityType: 'visit',
      entityId: visitId,
      facilityId: visit.facilityId,
      before,
      after,
    });
    return after;
  }

  /** Stores an evidence file (PDF, JPEG or PNG up to 10 MB) with its SHA-256. */
  @Transactional()
  async addAttachment(user: AuthUser, visitId: string, file: { originalname: string; buffer: Buffer } | undefined) {
    const { visit, inspectorIds } = await this.visits.load(user, visitId, 'edit');
    if (!(await this.visits.mayEdit(user, visit, inspectorIds)))
      throw new ConflictError(CLOSED_FOR_EDITS, [], { visitStatus: visit.status }, 'visit-not-editable');
    const saved = await this.repo.saveAttachment({ visitId, ...checkedFile(file), uploadedById: user.id });
    const view = attachmentView(saved);
    await this.audit.record({
      action: 'visit_attachment.added',
      entityType: 'visit_attachment',
      entityId: saved.id,
      facilityId: visit.facilityId,
      after: { ...view, visitId },
    });
    return view;
  }

  /**
   * Stores a photo taken in the checklist (JPEG or PNG up to 2 MB, scaled in the browser) with its
   * thumbnail. The browser's key makes a retry harmless: the same key returns the stored photo.
   */
  @Transactional()
  async addPhoto(
    user: AuthUser,
    visitId: string,
    upload: { photo?: { originalname: string; buffer: Buffer }; thumbnail?: { buffer: Buffer }; clientKey?: string },
  ): Promise<AttachmentView> {
    const { visit, inspectorIds } = await this.visits.load(user, visitId, 'edit');
    if (!(await this.visits.mayEdit(user, visit, inspectorIds)))
      throw new ConflictError(CLOSED_FOR_EDITS, [], { visitStatus: visit.status }, 'visit-not-editable');
    const errors: FieldError[] = [];
    const check = (field: string, file: { buffer: Buffer } | undefined, max: number) => {
      if (!file?.buffer.length) errors.push({ field, rule: 'isNotEmpty', message: 'vælg et billede' });
      else if (file.buffer.length > max)
        errors.push({ field, rule: 'maxSize', message: `billedet må højst fylde ${Math.round(max / 1024)} kB` });
      else if (!sniff(file.buffer)?.startsWith('image/'))
        errors.push({ field, rule: 'fileType', message: 'kun JPEG og PNG kan bruges som foto' });
    };
    check('foto', upload.photo, MAX_PHOTO_BYTES);
    check('miniature', upload.thumbnail, MAX_THUMBNAIL_BYTES);
    if (!isUUID(upload.clientKey ?? ''))
      errors.push({ field: 'clientKey', rule: 'isUUID', message: 'skal være en UUID fra browseren' });
    if (errors.length) throw new InvalidInputError('Fotoet kunne ikke gemmes', errors);
    const stored = await this.repo.byClientKey(visitId, upload.clientKey!);
    if (stored) return attachmentView(stored);
    const data = upload.photo!.buffer;
    const saved = await this.repo.saveAttachment({
      visitId,
      fileName: safeFileName(upload.photo!.originalname, 'foto.jpg'),
      contentType: sniff(data)!,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      thumbnail: upload.thumbnail!.buffer,
      clientKey: upload.clientKey!,
      uploadedById: user.id,
    });
    const view = attachmentView(saved);
    await this.audit.record({
      action: 'visit_attachment.added',
      entityType: 'visit_attachment',
      entityId: saved.id,
      facilityId: visit.facilityId,
      after: { ...view, visitId, photo: true },
    });
    return view;
  }

  /** The visit's photo thumbnails as data URIs (shown inline, so a page kept offline still has them). */
  async thumbnails(visitId: string): Promise<Map<string, string>> {
    return new Map((await this.repo.thumbnails(visitId)).map((t) => [t.id, dataUri(t.data)]));
  }

  /** The photos marked for the report, as data URIs by attachment id (the report embeds them). */
  async reportPhotos(user: AuthUser, visitId: string): Promise<Map<string, string>> {
    await this.visits.load(user, visitId, 'read');
    return new Map((await this.repo.reportPhotos(visitId)).map((p) => [p.id, dataUri(p.data)]));
  }

  async attachmentFile(user: AuthUser, visitId: string, attachmentId: string) {
    await this.visits.load(user, visitId, 'read');
    const a = await this.repo.attachmentWithData(visitId, attachmentId);
    if (!a) throw new NotFoundError('Bilaget findes ikke');
    return a;
  }
}
