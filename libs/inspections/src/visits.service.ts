import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, LEADER_VISIBLE, PolicyService, Role, type VisitAction } from '#libs/auth';
import {
  addDays,
  ConflictError,
  today as danishToday,
  type FieldError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  now,
} from '#libs/core';
import { Transactional } from '#libs/database';
import { FacilitiesRepository, FacilityEvents } from '#libs/facilities';
import { ModelVersions, type ScopeIndicator } from '#libs/quality-model';
import { InspectionsRepository, type VisitSummary } from './inspections.repository.js';
import type { CorrectDateDto, PlanVisitDto, TransitionDto, VisitFilterDto } from './visit.dto.js';
import type { VisitEntity } from './visit.entity.js';
import { type VisitView, visitFacts } from './visit.views.js';
import { VisitEvents } from './visit-events.js';
import {
  DATE_CORRECTABLE,
  DEFAULT_HEARING_DAYS,
  decide,
  mayEditContent,
  needsJustification,
  STEP_RULES,
  type VisitStep,
  type WorkflowActor,
} from './visit-workflow.js';
import type { VisitStatus } from './vocabulary.js';

/** Writes that belong to a step (e.g. the høring answer's comments), inside its transaction. */
export type StepApply = (visit: VisitEntity) => Promise<void>;

@Injectable()
export class VisitsService {
  constructor(
    private readonly repo: InspectionsRepository,
    private readonly models: ModelVersions,
    private readonly facilities: FacilitiesRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly events: FacilityEvents,
    private readonly steps: VisitEvents,
  ) {}

  /** Loads a visit the user may act on as `action`; locked for the rest of the transaction when writing. */
  async load(
    user: AuthUser,
    id: string,
    action: VisitAction,
    lock = action !== 'read',
  ): Promise<{ visit: VisitEntity; inspectorIds: string[] }> {
    const visit = await this.repo.visit(id, lock);
    if (!visit) throw new NotFoundError('Besøget findes ikke');
    const inspectorIds = await this.repo.inspectorIds(id);
    await this.policy.assertVisit(user, visitFacts(visit, inspectorIds), action);
    return { visit, inspectorIds };
  }

  async view(visit: VisitEntity, inspectorIds: string[]): Promise<VisitView> {
    // Sequential: inside a transaction all queries share one connection.
    const facility = await this.facilities.get(visit.facilityId);
    const model = await this.models.get(visit.modelVersionId);
    const inspectors = await this.repo.users(inspectorIds);
    const approver = visit.approvedById ? (await this.repo.users([visit.approvedById]))[0] : undefined;
    const themes = visit.themeIds.length ? await this.models.standards(visit.themeIds) : [];
    return {
      id: visit.id,
      facility: { id: visit.facilityId, name: facility!.name },
      kind: visit.kind,
      plannedDate: visit.plannedDate,
      status: visit.status,
      method: visit.method,
      returnComment: visit.returnComment,
      overallAssessment: visit.overallAssessment,
      themes,
      model,
      inspectors: inspectors.map(({ id, name }) => ({ id, name })),
      submittedById: visit.submittedById,
      submittedAt: visit.submittedAt,
      approvedById: visit.approvedById,
      approvedByName: approver?.name ?? '',
      approvedAt: visit.approvedAt,
      hearing: visit.hearingSentAt
        ? { sentAt: visit.hearingSentAt, deadline: visit.hearingDeadline!, answeredAt: visit.hearingAnsweredAt }
        : null,
      publishedAt: visit.publishedAt,
      publishReason: visit.publishReason,
      version: visit.version,
    };
  }

  async get(user: AuthUser, id: string): Promise<VisitView> {
    const { visit, inspectorIds } = await this.load(user, id, 'read');
    return this.view(visit, inspectorIds);
  }

  /** Visits the user may see: region staff all, inspectors theirs, leaders their facilities' in høring or published. */
  async list(user: AuthUser, filter: VisitFilterDto = {}): Promise<VisitSummary[]> {
    const statuses = filter.status ? [filter.status] : undefined;
    if (user.role === Role.RegionStaff) return this.repo.list({ statuses, facilityId: filter.facilityId });
    if (user.role === Role.Inspector)
      return this.repo.list({ inspectorId: user.id, statuses, facilityId: filter.facilityId });
    const own = await this.policy.readableFacilities(user);
    return this.repo.list({
      facilityIds: own === 'all' ? undefined : own,
      statuses: statuses?.filter((st) => LEADER_VISIBLE.includes(st)) ?? [...LEADER_VISIBLE],
      facilityId: filter.facilityId,
    });
  }

  @Transactional()
  async plan(user: AuthUser, dto: PlanVisitDto): Promise<VisitView> {
    if (user.role === Role.FacilityLeader) throw new NotFoundError('Siden findes ikke');
    const errors: FieldError[] = [];
    const facility = await this.facilities.get(dto.facilityId);
    if (!facility) errors.push({ field: 'facilityId', rule: 'exists', message: 'tilbuddet findes ikke' });
    if (!(await this.models.find(dto.modelVersionId, true))) {
      errors.push({
        field: 'modelVersionId',
        rule: 'published',
        message: 'vælg en udgivet version af kvalitetsmodellen',
      });
    }
    const inspectors = await this.repo.users(dto.inspectorIds);
    if (inspectors.length !== new Set(dto.inspectorIds).size || inspectors.some((u) => u.role !== Role.Inspector)) {
      errors.push({ field: 'inspectorIds', rule: 'isInspector', message: 'vælg kun aktive tilsynskonsulenter' });
    }
    const themeIds = [...new Set(dto.themeIds ?? [])];
    if (themeIds.length && dto.kind !== 'unannounced') {
      errors.push({
        field: 'themeIds',
        rule: 'onlyUnannounced',
        message: 'kun et uanmeldt besøg afgrænses til temaer',
      });
    } else if (themeIds.length) {
      const known = await this.models.standards(themeIds, dto.modelVersionId);
      if (known.length !== themeIds.length)
        errors.push({ field: 'themeIds', rule: 'inModel', message: 'vælg temaer fra den valgte kvalitetsmodel' });
    }
    if (user.role === Role.Inspector && !dto.inspectorIds.includes(user.id)) {
      errors.push({
        field: 'inspectorIds',
        rule: 'includesSelf',
        message: 'en tilsynskonsulent planlægger kun besøg, hvor de selv deltager',
      });
    }
    if (errors.length) throw new InvalidInputError('Besøget kunne ikke planlægges', errors);
    const visit = await this.repo.createVisit({
      facilityId: dto.facilityId,
      modelVersionId: dto.modelVersionId,
      kind: dto.kind,
      plannedDate: dto.plannedDate,
      method: dto.method ?? '',
      themeIds,
      createdById: user.id,
    });
    await this.repo.setInspectors(visit.id, [...new Set(dto.inspectorIds)]);
    const view = await this.view(visit, dto.inspectorIds);
    await this.audit.record({
      action: 'visit.planned',
      entityType: 'visit',
      entityId: visit.id,
      facilityId: visit.facilityId,
      after: view,
    });
    return view;
  }

  /** Refuses a write based on a stale visit version, returning the current one. */
  async assertVersion(visit: VisitEntity, inspectorIds: string[], expected: number): Promise<void> {
    if (visit.version !== expected) {
      throw new ConflictError(
        `Besøget er ændret af en anden (version ${visit.version}, du sendte ${expected})`,
        [],
        {
          current: await this.view(visit, inspectorIds),
        },
        'stale-version',
      );
    }
  }

  /** The indicators the visit rates: the facility type's, of the chosen themes if it is scoped. */
  async scope(visit: VisitEntity): Promise<ScopeIndicator[]> {
    const facility = await this.facilities.get(visit.facilityId);
    return this.models.scope(visit.modelVersionId, facility!.typeCode, visit.themeIds);
  }

  /**
   * What stops a submission: in-scope indicators without an answer, and answers that need a
   * justification and have none (a rating at or below the model's threshold, or "Ikke relevant").
   */
  async readiness(visit: VisitEntity): Promise<FieldError[]> {
    const { justifyAtOrBelow } = await this.models.get(visit.modelVersionId);
    const answers = new Map((await this.repo.answers(visit.id)).map((a) => [a.indicatorId, a]));
    const scope = await this.scope(visit);
    const missing = scope.filter((i) => !answers.has(i.id)).map((i) => i.code);
    const unjustified = scope
      .filter((i) => {
        const a = answers.get(i.id);
        return a && needsJustification(a, justifyAtOrBelow) && !a.justification.trim();
      })
      .map((i) => i.code);
    const problems: FieldError[] = [];
    if (missing.length)
      problems.push({
        field: 'answers',
        rule: 'complete',
        message: `mangler vurdering af ${missing.join(', ')}`,
      });
    if (unjustified.length)
      problems.push({
        field: 'answers',
        rule: 'justificationRequired',
        message: `mangler begrundelse (score ${String(justifyAtOrBelow).replace('.', ',')} eller lavere, eller "Ikke relevant") for ${unjustified.join(', ')}`,
      });
    if (!visit.overallAssessment.trim())
      problems.push({
        field: 'overallAssessment',
        rule: 'isNotEmpty',
        message: 'mangler den samlede vurdering',
      });
    const written = await this.repo.themeAssessments(visit.id);
    const themes = new Map(scope.map((i) => [i.standardId, i.standardCode]));
    const unwritten = [...themes].filter(([id]) => !written.get(id)?.trim()).map(([, code]) => code);
    if (unwritten.length)
      problems.push({
        field: 'themeAssessments',
        rule: 'isNotEmpty',
        message: `mangler vurdering af tema ${unwritten.join(', ')}`,
      });
    return problems;
  }

  /** Who the user is to this visit, as the workflow sees it. */
  async actor(user: AuthUser, visit: VisitEntity, inspectorIds: string[]): Promise<WorkflowActor> {
    return {
      role: user.role,
      assigned: inspectorIds.includes(user.id),
      submitter: visit.submittedById === user.id,
      leader: user.role === Role.FacilityLeader && (await this.policy.canFacility(user, visit.facilityId, 'read')),
    };
  }

  /**
   * Takes one workflow step (see visit-workflow.ts): the state machine decides, this applies it,
   * records it in the audit trail with its comment or reason, and tells the listeners, all in one
   * transaction.
   */
  @Transactional()
  async transition(
    user: AuthUser,
    id: string,
    step: VisitStep,
    dto: TransitionDto,
    apply?: StepApply,
  ): Promise<VisitView> {
    const { visit, inspectorIds } = await this.load(user, id, 'read', true);
    await this.assertVersion(visit, inspectorIds, dto.version);
    const today = danishToday();
    const input = {
      comment: dto.comment,
      reason: dto.reason,
      deadline: step === 'send_for_hearing' ? (dto.deadline ?? addDays(today, DEFAULT_HEARING_DAYS)) : dto.deadline,
    };
    const actor = await this.actor(user, visit, inspectorIds);
    const decision = decide(
      step,
      {
        status: visit.status,
        plannedDate: visit.plannedDate,
        hearingDeadline: visit.hearingDeadline,
        openOutcomes: visit.status === 'hearing_answered' ? await this.repo.openOutcomes(id) : 0,
      },
      actor,
      input,
      today,
    );
    if (!decision.ok) {
      if (decision.refusal === 'status')
        throw new ConflictError(
          decision.message,
          [],
          { current: await this.view(visit, inspectorIds) },
          'visit-step-refused',
        );
      if (decision.refusal === 'forbidden') {
        // refused only for having submitted it: the four-eyes rule, not the role
        const fourEyes = actor.submitter && STEP_RULES[step].may({ ...actor, submitter: false });
        throw new ForbiddenError(decision.message, [], {}, fourEyes ? 'four-eyes-required' : 'visit-step-forbidden');
      }
      throw new InvalidInputError(decision.message, decision.errors);
    }
    if (step === 'submit') {
      const problems = await this.readiness(visit);
      if (problems.length)
        throw new InvalidInputError(
          `Besøget kan ikke indsendes endnu: ${problems.map((p) => p.message).join('; ')}`,
          problems,
        );
    }
    const before = await this.view(visit, inspectorIds);
    const at = now();
    const note = (step === 'return' ? input.comment : input.reason)?.trim() ?? '';
    visit.status = decision.to;
    if (step === 'submit') Object.assign(visit, { submittedById: user.id, submittedAt: at, returnComment: '' });
    if (step === 'approve') Object.assign(visit, { approvedById: user.id, approvedAt: at });
    if (step === 'return') Object.assign(visit, { returnComment: note, approvedById: null, approvedAt: null });
    if (step === 'send_for_hearing')
      Object.assign(visit, { hearingSentAt: at, hearingSentById: user.id, hearingDeadline: input.deadline });
    if (step === 'answer_hearing') visit.hearingAnsweredAt = at;
    if (step === 'publish') Object.assign(visit, { publishedAt: at, publishReason: note });
    await apply?.(visit);
    const after = await this.view(await this.repo.saveVisit(visit), inspectorIds);
    await this.audit.record({
      action: STEP_RULES[step].audit,
      entityType: 'visit',
      entityId: id,
      facilityId: visit.facilityId,
      before,
      after: note ? { ...after, note } : after,
    });
    if (step === 'publish') await this.events.evidenceChanged(visit.facilityId);
    await this.steps.stepTaken({ step, visit: after, user, note });
    return after;
  }

  /**
   * A visit that took place on another day than planned gets its real date, with a reason, until
   * it is sent for høring; the date decides when it may be submitted and where it counts.
   */
  @Transactional()
  async correctDate(user: AuthUser, id: string, dto: CorrectDateDto): Promise<VisitView> {
    const { visit, inspectorIds } = await this.load(user, id, 'edit');
    await this.assertVersion(visit, inspectorIds, dto.version);
    if (!DATE_CORRECTABLE.includes(visit.status))
      throw new ConflictError(
        'Datoen kan ikke rettes, når rapporten er sendt i høring eller offentliggjort',
        [],
        {
          current: await this.view(visit, inspectorIds),
        },
        'visit-date-locked',
      );
    const errors: FieldError[] = [];
    if (dto.plannedDate === visit.plannedDate)
      errors.push({ field: 'plannedDate', rule: 'changed', message: 'vælg den dato, besøget faktisk fandt sted' });
    if (dto.plannedDate > danishToday())
      errors.push({
        field: 'plannedDate',
        rule: 'notInFuture',
        message: 'et besøg, der har fundet sted, kan ikke dateres frem i tiden',
      });
    if (!dto.reason?.trim())
      errors.push({ field: 'reason', rule: 'isNotEmpty', message: 'skriv hvorfor datoen rettes' });
    if (errors.length) throw new InvalidInputError('Datoen kunne ikke rettes', errors);
    const before = await this.view(visit, inspectorIds);
    visit.plannedDate = dto.plannedDate;
    const after = await this.view(await this.repo.saveVisit(visit), inspectorIds);
    await this.audit.record({
      action: 'visit.date_corrected',
      entityType: 'visit',
      entityId: id,
      facilityId: visit.facilityId,
      before,
      after: { ...after, note: dto.reason.trim() },
    });
    return after;
  }

  /** Whether the user may change the visit's answers, findings and files now. */
  async mayEdit(user: AuthUser, visit: VisitEntity, inspectorIds: string[]): Promise<boolean> {
    return mayEditContent(visit.status as VisitStatus, await this.actor(user, visit, inspectorIds));
  }
}
