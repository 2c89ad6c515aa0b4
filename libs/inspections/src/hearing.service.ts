import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '#libs/auth';
import { ConflictError, type FieldError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import { ModelVersions } from '#libs/quality-model';
import { HearingCommentEntity } from './hearing-comment.entity.js';
import { checkedFile, type UploadedFile } from './uploaded-file.js';
import type { HearingAnswerDto, HearingOutcomeDto } from './visit.dto.js';
import type { VisitView } from './visit.views.js';
import { VisitsService } from './visits.service.js';
import { HEARING_OUTCOME_LABELS, type HearingOutcome } from './vocabulary.js';

/** One comment of a høring answer as pages, API and report show it. */
export interface HearingCommentView {
  id: string;
  standardId: string | null;
  /** "Tema 2: Selvstændighed og relationer", or "Hele udkastet". */
  subject: string;
  text: string;
  file: { name: string; size: number; sha256: string } | null;
  createdAt: Date;
  outcome: HearingOutcome | null;
  outcomeLabel: string;
  outcomeReason: string;
  outcomeAt: Date | null;
  version: number;
}

/**
 * Partshøring (forvaltningsloven § 19): the facility's leader answers the draft with comments per
 * theme or on the whole and a file; region staff record what each comment led to. The answer is the
 * workflow step `answer_hearing`, so it is taken (and audited) like every other step.
 */
@Injectable()
export class HearingService {
  constructor(
    private readonly visits: VisitsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly models: ModelVersions,
  ) {}

  private get comments_() {
    return this.tx.tx.getRepository(HearingCommentEntity);
  }

  async comments(user: AuthUser, visitId: string): Promise<HearingCommentView[]> {
    const { visit } = await this.visits.load(user, visitId, 'read');
    return this.commentsOf(visit.id, visit.modelVersionId);
  }

  /** The comments of a visit the caller has already been allowed to read. */
  async commentsOf(visitId: string, modelVersionId: string): Promise<HearingCommentView[]> {
    const rows = await this.comments_.find({ where: { visitId }, order: { createdAt: 'ASC' } });
    const themes = await this.models.standardsOfVersions([modelVersionId]);
    const subject = (id: string | null) => {
      const t = themes.find((x) => x.id === id);
      return t ? `${t.label} ${t.code}: ${t.title}` : 'Hele udkastet';
    };
    // the theme comments in model order after the overall one, as the answer form shows them
    const order = (id: string | null) => (id ? themes.findIndex((t) => t.id === id) + 1 : 0);
    return rows
      .sort((a, b) => order(a.standardId) - order(b.standardId))
      .map((c) => ({
        id: c.id,
        standardId: c.standardId,
        subject: subject(c.standardId),
        text: c.text,
        file: c.fileName ? { name: c.fileName, size: c.size!, sha256: c.sha256! } : null,
        createdAt: c.createdAt,
        outcome: c.outcome,
        outcomeLabel: c.outcome ? HEARING_OUTCOME_LABELS[c.outcome] : 'Ikke afgjort endnu',
        outcomeReason: c.outcomeReason,
        outcomeAt: c.outcomeAt,
        version: c.version,
      }));
  }

  /** The leader's answer: at least one comment; the file goes with the overall comment. */
  @Transactional()
  async answer(user: AuthUser, visitId: string, dto: HearingAnswerDto, file?: UploadedFile): Promise<VisitView> {
    return this.visits.transition(user, visitId, 'answer_hearing', { version: dto.version }, async (visit) => {
      const themes = (dto.themes ?? []).filter((t) => t.text.trim());
      const overall = dto.overall?.trim() ?? '';
      const errors: FieldError[] = [];
      if (!overall && !themes.length && !file)
        errors.push({ field: 'overall', rule: 'isNotEmpty', message: 'skriv mindst én kommentar' });
      const scope = new Set((await this.visits.scope(visit)).map((i) => i.standardId));
      themes.forEach((t, i) => {
        if (!scope.has(t.standardId))
          errors.push({ field: `themes[${i}].standardId`, rule: 'inScope', message: 'temaet hører ikke til besøget' });
      });
      if (errors.length) throw new InvalidInputError('Høringssvaret kunne ikke gemmes', errors);
      const stored = file ? checkedFile(file) : null;
      const rows = [
        ...(overall || stored ? [{ standardId: null, text: overall || 'Se vedhæftet fil.' }] : []),
        ...themes.map((t) => ({ standardId: t.standardId, text: t.text.trim() })),
      ].map((c, n) => ({
        ...c,
        visitId,
        createdById: user.id,
        ...(n === 0 && stored ? stored : {}),
      }));
      const saved = await this.comments_.save(rows.map((r) => this.comments_.create(r)));
      await this.audit.record({
        action: 'hearing_comment.created',
        entityType: 'visit',
        entityId: visitId,
        facilityId: visit.facilityId,
        after: saved.map((c) => ({ id: c.id, standardId: c.standardId, text: c.text, file: c.fileName })),
      });
    });
  }

  /** Region staff record what a comment led to; every comment needs one before publication. */
  @Transactional()
  async recordOutcome(
    user: AuthUser,
    visitId: string,
    commentId: string,
    dto: HearingOutcomeDto,
  ): Promise<HearingCommentView> {
    const { visit } = await this.visits.load(user, visitId, 'publish');
    const comment = await this.comments_.findOneBy({ id: commentId, visitId });
    if (!comment) throw new NotFoundError('Kommentaren findes ikke');
    if (visit.status !== 'hearing_answered')
      throw new ConflictError(
        'Høringssvar afgøres, mens rapporten venter på offentliggørelse',
        [],
        {
          visitStatus: visit.status,
        },
        'hearing-awaiting-publication',
      );
    const view = async () => (await this.commentsOf(visitId, visit.modelVersionId)).find((c) => c.id === commentId)!;
    if (comment.version !== dto.version)
      throw new ConflictError('Kommentaren er ændret af en anden', [], { current: await view() }, 'stale-version');
    const before = await view();
    Object.assign(comment, {
      outcome: dto.outcome,
      outcomeReason: dto.reason.trim(),
      outcomeById: user.id,
      outcomeAt: new Date(),
    });
    await this.comments_.save(comment);
    const after = await view();
    await this.audit.record({
      action: 'hearing_comment.outcome_recorded',
      entityType: 'hearing_comment',
      entityId: commentId,
      facilityId: visit.facilityId,
      before,
      after,
    });
    return after;
  }

  async file(user: AuthUser, visitId: string, commentId: string) {
    await this.visits.load(user, visitId, 'read');
    const c = await this.comments_
      .createQueryBuilder('c')
      .addSelect('c.data')
      .where('c.id = :commentId and c.visit_id = :visitId', { commentId, visitId })
      .getOne();
    if (!c?.data) throw new NotFoundError('Filen findes ikke');
    return { fileName: c.fileName!, contentType: c.contentType!, sha256: c.sha256!, data: c.data };
  }
}
