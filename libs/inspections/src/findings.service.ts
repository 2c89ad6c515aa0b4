import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '#libs/auth';
import { ConflictError, type FieldError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { ModelVersions } from '#libs/quality-model';
import { InspectionsRepository } from './inspections.repository.js';
import type { FindingDto, FocusGroupNoteDto } from './visit.dto.js';
import type { VisitEntity } from './visit.entity.js';
import { type FindingView, type FocusGroupNoteView, findingView, noteView } from './visit.views.js';
import { CLOSED_FOR_EDITS } from './visit-workflow.js';
import { VisitsService } from './visits.service.js';

/** Findings (udviklingspunkter, anbefalinger, påbud) and focus-group notes of a visit. */
@Injectable()
export class FindingsService {
  constructor(
    private readonly repo: InspectionsRepository,
    private readonly models: ModelVersions,
    private readonly visits: VisitsService,
    private readonly audit: AuditService,
  ) {}

  private async editable(user: AuthUser, visitId: string): Promise<VisitEntity> {
    const { visit, inspectorIds } = await this.visits.load(user, visitId, 'edit');
    if (!(await this.visits.mayEdit(user, visit, inspectorIds)))
      throw new ConflictError(CLOSED_FOR_EDITS, [], { visitStatus: visit.status }, 'visit-not-editable');
    return visit;
  }

  /**
   * Linked indicators must be in the visit's model version. Recommendations and orders go into the
   * facility's follow-up plan when the report is published, so they need an owner and a deadline.
   */
  private async check(
    visit: VisitEntity,
    dto: { indicatorIds: string[]; kind?: string; deadline?: string; owner?: string },
  ): Promise<void> {
    const errors: FieldError[] = [];
    const followedUp = dto.kind === 'order' || dto.kind === 'recommendation';
    const what = dto.kind === 'order' ? 'et påbud' : 'en anbefaling';
    if (followedUp && !dto.deadline)
      errors.push({ field: 'deadline', rule: 'requiredForFollowUp', message: `${what} skal have en frist` });
    if (followedUp && !dto.owner?.trim())
      errors.push({
        field: 'owner',
        rule: 'requiredForFollowUp',
        message: `${what} skal have en ansvarlig i tilbuddet`,
      });
    if (dto.indicatorIds.length) {
      const scope = new Set(await this.models.indicatorIds(visit.modelVersionId));
      if (dto.indicatorIds.some((id) => !scope.has(id)))
        errors.push({
          field: 'indicatorIds',
          rule: 'inModel',
          message: 'indikatorerne skal høre til besøgets kvalitetsmodel',
        });
    }
    if (errors.length) throw new InvalidInputError('Ret de markerede felter', errors);
  }

  @Transactional()
  async add(user: AuthUser, visitId: string, dto: FindingDto): Promise<FindingView> {
    const visit = await this.editable(user, visitId);
    await this.check(visit, dto);
    const saved = findingView(
      await this.repo.saveFinding({
        visitId,
        kind: dto.kind,
        text: dto.text.trim(),
        owner: dto.owner?.trim() ?? '',
        deadline: dto.deadline ?? null,
        indicatorIds: dto.indicatorIds,
        createdById: user.id,
      }),
    );
    await this.audit.record({
      action: 'finding.created',
      entityType: 'finding',
      entityId: saved.id,
      facilityId: visit.facilityId,
      after: { ...saved, visitId },
    });
    return saved;
  }

  @Transactional()
  async update(
    user: AuthUser,
    visitId: string,
    findingId: string,
    dto: FindingDto & { version: number },
  ): Promise<FindingView> {
    const visit = await this.editable(user, visitId);
    const finding = await this.repo.finding(findingId);
    if (!finding || finding.visitId !== visitId) throw new NotFoundError('Fundet findes ikke');
    if (finding.version !== dto.version)
      throw new ConflictError('Fundet er ændret af en anden', [], { current: findingView(finding) }, 'stale-version');
    await this.check(visit, dto);
    const before = findingView(finding);
    Object.assign(finding, {
      kind: dto.kind,
      text: dto.text.trim(),
      owner: dto.owner?.trim() ?? '',
      deadline: dto.deadline ?? null,
      indicatorIds: dto.indicatorIds,
    });
    const after = findingView(await this.repo.saveFinding(finding));
    await this.audit.record({
      action: 'finding.updated',
      entityType: 'finding',
      entityId: findingId,
      facilityId: visit.facilityId,
      before,
      after,
    });
    return after;
  }

  /** Deleting cannot be undone, so it says why; the reason is kept in the audit trail. */
  @Transactional()
  async remove(user: AuthUser, visitId: string, findingId: string, reason: string): Promise<void> {
    const visit = await this.editable(user, visitId);
    const finding = await this.repo.finding(findingId);
    if (!finding || finding.visitId !== visitId) throw new NotFoundError('Fundet findes ikke');
    if (!reason.trim())
      throw new InvalidInputError('Skriv hvorfor fundet slettes', [
        { field: 'reason', rule: 'isNotEmpty', message: 'en sletning kan ikke fortrydes; skriv begrundelsen' },
      ]);
    await this.repo.deleteFinding(findingId);
    await this.audit.record({
      action: 'finding.deleted',
      entityType: 'finding',
      entityId: findingId,
      facilityId: visit.facilityId,
      before: findingView(finding),
      after: { reason: reason.trim() },
    });
  }

  @Transactional()
  async addNote(user: AuthUser, visitId: string, dto: FocusGroupNoteDto): Promise<FocusGroupNoteView> {
    const visit = await this.editable(user, visitId);
    await this.check(visit, dto);
    const saved = noteView(
      await this.repo.saveFocusGroupNote({
        visitId,
        participants: dto.participants?.trim() ?? '',
        text: dto.text.trim(),
        indicatorIds: dto.indicatorIds,
        createdById: user.id,
      }),
    );
    await this.audit.record({
      action: 'focus_group_note.created',
      entityType: 'focus_group_note',
      entityId: saved.id,
      facilityId: visit.facilityId,
      after: { ...saved, visitId },
    });
    return saved;
  }
}
