import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { AppConfig, appSecret } from '#libs/config';
import { ConflictError, type FieldError, InvalidInputError, NotFoundError, now, today } from '#libs/core';
import { Transactional } from '#libs/database';
import { FacilitiesRepository, FacilityEvents } from '#libs/facilities';
import { ModelVersions } from '#libs/quality-model';
import { codeHash, letterCode, normaliseCode } from './invitation-code.js';
import { loadQuestionnaires, type Questionnaire } from './questionnaire.js';
import type { CreateRoundDto, IssueInvitationsDto, RoundFilterDto } from './survey.dto.js';
import type { QuestionnaireSnapshot, SurveyRoundEntity } from './survey-round.entity.js';
import { type RoundSummary, SurveysRepository } from './surveys.repository.js';
import { AUDIENCE_LABELS, type Audience, MIN_YEARS_BETWEEN_ROUNDS } from './vocabulary.js';

/** What the API and pages show of a round. */
export interface RoundView {
  id: string;
  facility: { id: string; name: string; units: string[] };
  questionnaire: { key: string; version: number; title: string; audience: Audience; audienceLabel: string };
  model: { id: string; name: string; modelKey: string };
  periodStart: string;
  periodEnd: string;
  status: string;
  invited: number;
  responded: number;
  /** Share of invitations answered (0–1); a count of people, not of answers, so never hidden. */
  responseRate: number | null;
  createdAt: Date;
  closedAt: Date | null;
  version: number;
}

/** The letters to print: a batch's codes, derived for printing and never stored. */
export interface NewInvitations {
  round: RoundView;
  unit: string | null;
  codes: string[];
  /** The batch the letters belong to: its number on the round and when it was made. */
  batch?: { id: string; number: number; createdAt: Date };
}

/** A batch of letters as the round page lists it. */
export interface LetterBatchView {
  id: string;
  number: number;
  count: number;
  unit: string | null;
  createdAt: Date;
  createdByName: string;
  /** Codes of the batch not used yet (0 once voided: they were withdrawn). */
  unused: number;
  voidedAt: Date | null;
  voidedByName: string;
  voidReason: string;
  withdrawn: number;
}

const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;

/** Why a round does not take answers now, or null when it does. */
export function closedReason(
  round: Pick<SurveyRoundEntity, 'status' | 'periodStart' | 'periodEnd'>,
  on = today(),
): string | null {
  if (round.status === 'closed' || on > round.periodEnd)
    return 'Undersøgelsen er slut, så der kan ikke længere svares. Tak for din interesse.';
  if (on < round.periodStart) return 'Undersøgelsen er ikke begyndt endnu. Prøv igen, når den starter.';
  return null;
}

@Injectable()
export class SurveyRoundsService {
  readonly questionnaires: ReadonlyMap<string, Questionnaire> = loadQuestionnaires();

  constructor(
    private readonly repo: SurveysRepository,
    private readonly models: ModelVersions,
    private readonly facilities: FacilitiesRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly events: FacilityEvents,
    private readonly config: AppConfig,
  ) {}

  questionnaireList() {
    return [...this.questionnaires.values()].map((q) => ({
      key: q.key,
      version: q.version,
      title: q.title,
      audience: q.audience,
      audienceLabel: AUDIENCE_LABELS[q.audience],
      questions: q.questions.length,
    }));
  }

  /** A round the user may read (region staff and inspectors all; leaders their facilities'); else 404. */
  async load(user: AuthUser, id: string, lock = false): Promise<SurveyRoundEntity> {
    const round = await this.repo.round(id, lock);
    if (!round || !(await this.policy.canFacility(user, round.facilityId, 'read')))
      throw new NotFoundError('Undersøgelsen findes ikke');
    return round;
  }

  async list(user: AuthUser, filter: RoundFilterDto = {}): Promise<RoundSummary[]> {
    const readable = await this.policy.readableFacilities(user);
    return this.repo.list({ facilityIds: readable === 'all' ? undefined : readable, facilityId: filter.facilityId });
  }

  async view(round: SurveyRoundEntity): Promise<RoundView> {
    const [facility, model, [summary]] = await Promise.all([
      this.facilities.get(round.facilityId),
      this.models.get(round.modelVersionId),
      this.repo.list({ ids: [round.id] }),
    ]);
    const q = round.questionnaire;
    return {
      id: round.id,
      facility: { id: round.facilityId, name: facility!.name, units: facility!.units },
      questionnaire: {
        key: q.key,
        version: q.version,
        title: q.title,
        audience: q.audience,
        audienceLabel: AUDIENCE_LABELS[q.audience],
      },
      model: { id: model.id, name: model.name, modelKey: model.modelKey },
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      status: round.status,
      invited: summary.invited,
      responded: summary.responded,
      responseRate: summary.invited ? Math.round((summary.responded / summary.invited) * 1000) / 1000 : null,
      createdAt: round.createdAt,
      closedAt: round.closedAt,
      version: round.version,
    };
  }

  async get(user: AuthUser, id: string): Promise<RoundView> {
    return this.view(await this.load(user, id));
  }

  /**
   * Starts a round: the questionnaire is frozen into it with every question's indicator codes
   * resolved to indicator ids of the chosen published model version. A facility should have 2–3
   * years between rounds, so a newer round needs `confirmRecent`.
   */
  @Transactional()
  async create(user: AuthUser, dto: CreateRoundDto): Promise<RoundView> {
    this.policy.assertRegionStaff(user);
    const errors: FieldError[] = [];
    const facility = await this.facilities.get(dto.facilityId);
    if (!facility) errors.push({ field: 'facilityId', rule: 'exists', message: 'tilbuddet findes ikke' });
    const questionnaire = this.questionnaires.get(dto.questionnaireKey);
    if (!questionnaire)
      errors.push({ field: 'questionnaireKey', rule: 'exists', message: 'vælg et af spørgeskemaerne' });
    const version = await this.models.find(dto.modelVersionId, true);
    if (!version)
      errors.push({
        field: 'modelVersionId',
        rule: 'published',
        message: 'vælg en udgivet version af kvalitetsmodellen',
      });
    if (dto.periodEnd < dto.periodStart)
      errors.push({ field: 'periodEnd', rule: 'afterStart', message: 'slutdatoen skal ligge efter startdatoen' });
    let questions: QuestionnaireSnapshot['questions'] = [];
    if (questionnaire && version) {
      const wanted = [...new Set(questionnaire.questions.flatMap((q) => q.indicators[version.modelKey] ?? []))];
      const found = new Map((await this.models.indicatorsByCode(version.id, wanted)).map((i) => [i.code, i]));
      const missing = wanted.filter((c) => !found.has(c));
      if (!wanted.length)
        errors.push({
          field: 'modelVersionId',
          rule: 'mapped',
          message: `spørgeskemaet er ikke koblet til indikatorer i "${version.name}"`,
        });
      if (missing.length)
        errors.push({
          field: 'modelVersionId',
          rule: 'mapped',
          message: `"${version.name}" mangler indikatorerne ${missing.join(', ')}, som spørgeskemaet bruger`,
        });
      questions = questionnaire.questions.map(({ indicators, ...q }) => ({
        ...q,
        indicators: (indicators[version.modelKey] ?? []).map((c) => found.get(c)!).filter(Boolean),
      }));
    }
    if (errors.length) throw new InvalidInputError('Undersøgelsen kunne ikke oprettes', errors);

    const recent = await this.repo.roundsSince(
      dto.facilityId,
      dto.questionnaireKey,
      yearsBefore(dto.periodStart, MIN_YEARS_BETWEEN_ROUNDS),
    );
    if (recent.length && !dto.confirmRecent) {
      const message = `${facility!.name} havde en undersøgelse med dette spørgeskema, der startede ${recent[0].periodStart}. Der bør gå 2–3 år mellem runderne. Bekræft, hvis den nye runde alligevel skal oprettes.`;
      throw new InvalidInputError(
        message,
        [{ field: 'confirmRecent', rule: 'recentRound', message }],
        {},
        'survey-recent-round',
      );
    }
    const { key, version: qVersion, title, audience, intro, scale } = questionnaire!;
    const round = await this.repo.createRound({
      facilityId: dto.facilityId,
      modelVersionId: version!.id,
      questionnaireKey: key,
      questionnaire: { key, version: qVersion, title, audience, intro, scale, questions },
      periodStart: dto.periodStart,
      periodEnd: dto.periodEnd,
      createdById: user.id,
    });
    const view = await this.view(round);
    await this.audit.record({
      action: 'survey_round.created',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      after: view,
    });
    return view;
  }

  /**
   * Issues single-use codes and hands them to `deliver` (which prints the letters) inside the
   * transaction: if printing fails, no code is stored, so none is counted as invited but lost.
   */
  @Transactional()
  async issueInvitations<T>(
    user: AuthUser,
    id: string,
    dto: IssueInvitationsDto,
    deliver: (letters: NewInvitations) => Promise<T>,
  ): Promise<T> {
    this.policy.assertRegionStaff(user);
    const round = await this.load(user, id, true);
    if (round.status === 'closed' || today() > round.periodEnd)
      throw new ConflictError(
        'Undersøgelsen er lukket; der kan ikke laves flere invitationer',
        [],
        {},
        'survey-round-closed',
      );
    const facility = await this.facilities.get(round.facilityId);
    const unit = dto.unit ?? null;
    if (unit && !facility!.units.includes(unit)) {
      throw new InvalidInputError('Afdelingen findes ikke', [
        {
          field: 'unit',
          rule: 'isIn',
          message: `vælg en af tilbuddets afdelinger: ${facility!.units.join(', ') || 'ingen'}`,
        },
      ]);
    }
    // the codes are derived from the batch (see letterCode), so the batch exists first; its id is random
    const batchId = randomUUID();
    const codes = Array.from({ length: dto.count }, (_, i) => letterCode(this.secret, batchId, i));
    const batch = await this.repo.insertBatch(
      { id: batchId, roundId: round.id, count: dto.count, unit, createdById: user.id, createdByName: user.name },
      codes.map((c) => codeHash(normaliseCode(c)!)),
    );
    const number = (await this.repo.letterBatches(round.id)).findIndex((b) => b.id === batchId) + 1;
    await this.audit.record({
      action: 'survey_invitations.issued',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      after: { count: dto.count, unit, batchId, batchNumber: number },
    });
    return deliver({
      round: await this.view(round),
      unit,
      codes,
      batch: { id: batchId, number, createdAt: batch.createdAt },
    });
  }

  private get secret(): string {
    return appSecret(this.config);
  }

  /** The round's letters batches (region staff): how many, when, by whom, what is unused, what was voided. */
  async letterBatches(user: AuthUser, id: string): Promise<LetterBatchView[]> {
    this.policy.assertRegionStaff(user);
    const round = await this.load(user, id);
    return (await this.repo.letterBatches(round.id)).map((b, i) => ({
      id: b.id,
      number: i + 1,
      count: b.count,
      unit: b.unit,
      createdAt: b.createdAt,
      createdByName: b.createdByName,
      unused: b.unused,
      voidedAt: b.voidedAt,
      voidedByName: b.voidedByName,
      voidReason: b.voidReason,
      withdrawn: b.withdrawn,
    }));
  }

  /**
   * A batch's letters once more (a lost download): its unused codes, derived again, each on its own
   * letter as before. Not for a voided batch, nor once the round has ended. In the audit trail.
   */
  @Transactional()
  async reprintBatch<T>(
    user: AuthUser,
    id: string,
    batchId: string,
    deliver: (letters: NewInvitations) => Promise<T>,
  ): Promise<T> {
    this.policy.assertRegionStaff(user);
    const round = await this.load(user, id);
    const batch = await this.repo.letterBatch(round.id, batchId);
    if (!batch) throw new NotFoundError('Brevene findes ikke');
    if (batch.voidedAt)
      throw new ConflictError(
        'Brevene er annulleret, og deres koder er trukket tilbage',
        [],
        {},
        'survey-batch-voided',
      );
    if (round.status === 'closed' || today() > round.periodEnd)
      throw new ConflictError('Undersøgelsen er lukket; brevene kan ikke bruges mere', [], {}, 'survey-round-closed');
    const positions = await this.repo.unusedPositions(batch.id);
    const number = (await this.repo.letterBatches(round.id)).findIndex((b) => b.id === batch.id) + 1;
    await this.audit.record({
      action: 'survey_invitations.reprinted',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      after: { batchId: batch.id, batchNumber: number, letters: positions.length },
    });
    return deliver({
      round: await this.view(round),
      unit: batch.unit,
      codes: positions.map((p) => letterCode(this.secret, batch.id, p)),
      batch: { id: batch.id, number, createdAt: batch.createdAt },
    });
  }

  /** Voids a batch: its unused codes are withdrawn (they no longer open the survey nor count as invited). */
  @Transactional()
  async voidBatch(user: AuthUser, id: string, batchId: string, reason = ''): Promise<LetterBatchView> {
    this.policy.assertRegionStaff(user);
    const round = await this.load(user, id, true);
    const batch = await this.repo.letterBatch(round.id, batchId, true);
    if (!batch) throw new NotFoundError('Brevene findes ikke');
    if (batch.voidedAt) throw new ConflictError('Brevene er allerede annulleret', [], {}, 'survey-batch-voided');
    const withdrawn = await this.repo.voidBatch(batch.id, user, reason.trim(), now());
    const after = (await this.letterBatches(user, id)).find((b) => b.id === batch.id)!;
    await this.audit.record({
      action: 'survey_invitations.voided',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      after: { batchId: batch.id, batchNumber: after.number, withdrawn, reason: reason.trim() },
    });
    return after;
  }

  /**
   * Withdraws an unused code, e.g. from a letter that was lost or never handed out. A used code
   * cannot be withdrawn: nothing links it to its answers any more.
   */
  @Transactional()
  async cancelInvitation(user: AuthUser, id: string, code: string): Promise<RoundView> {
    this.policy.assertRegionStaff(user);
    const round = await this.load(user, id, true);
    if (round.status === 'closed')
      throw new ConflictError(
        'Undersøgelsen er lukket; dens invitationer ændres ikke længere',
        [],
        {},
        'survey-round-closed',
      );
    const hash = normaliseCode(code);
    const outcome = hash ? await this.repo.cancelInvitation(round.id, codeHash(hash)) : 'unknown';
    if (outcome === 'unknown')
      throw new InvalidInputError('Koden findes ikke i denne undersøgelse', [
        { field: 'code', rule: 'exists', message: 'koden findes ikke i denne undersøgelse – tjek den for tastefejl' },
      ]);
    if (outcome === 'used')
      throw new ConflictError(
        'Koden er allerede brugt. Svaret bliver stående: intet kobler koden til det.',
        [],
        {},
        'survey-code-used',
      );
    const after = await this.view(round);
    await this.audit.record({
      action: 'survey_invitation.cancelled',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      after: { invited: after.invited },
    });
    return after;
  }

  /** Ends a round: no more answers, unsubmitted drafts deleted, used invitations restamped, its results into the scores. */
  @Transactional()
  async close(user: AuthUser, id: string, expectedVersion: number, reason = ''): Promise<RoundView> {
    this.policy.assertRegionStaff(user);
    const round = await this.load(user, id, true);
    if (round.version !== expectedVersion)
      throw new ConflictError(
        `Undersøgelsen er ændret af en anden (version ${round.version}, du sendte ${expectedVersion})`,
        [],
        { current: await this.view(round) },
        'stale-version',
      );
    if (round.status === 'closed')
      throw new ConflictError('Undersøgelsen er allerede lukket', [], {}, 'survey-round-closed');
    const before = await this.view(round);
    round.status = 'closed';
    round.closedAt = now();
    await this.repo.deleteDrafts(round.id);
    await this.repo.restampUsedInvitations(round.id);
    const after = await this.view(await this.repo.saveRound(round));
    await this.audit.record({
      action: 'survey_round.closed',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      before,
      after: reason.trim() ? { ...after, reason: reason.trim() } : after,
    });
    await this.events.evidenceChanged(round.facilityId);
    return after;
  }
}
