import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidInputError } from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import { FacilitiesRepository } from '#libs/facilities';
import { codeHash, normaliseCode } from './invitation-code.js';
import { type Answers, readAnswers } from './survey-answers.js';
import type { SurveyRoundEntity } from './survey-round.entity.js';
import { closedReason } from './survey-rounds.service.js';
import { SurveysRepository } from './surveys.repository.js';
import type { ResponseMode } from './vocabulary.js';

/** What a respondent sees after giving a code that can still be used. */
export interface RespondentView {
  facilityName: string;
  title: string;
  intro: string;
  audience: string;
  scale: string[];
  questions: { code: string; kind: string; text: string; help: string }[];
  /** Answers saved earlier with this code (a draft), if any. */
  answers: Answers;
}

const unknownCode = () =>
  new InvalidInputError('Koden findes ikke. Tjek, at du har skrevet den rigtigt.', [
    { field: 'kode', rule: 'exists', message: 'Koden findes ikke. Tjek, at du har skrevet den rigtigt.' },
  ]);
export const alreadyAnswered = () =>
  new ConflictError('Der er allerede sendt svar med denne kode. Hver kode kan kun bruges én gang. Tak for din deltagelse.');

/**
 * The respondent's side: a code opens the questionnaire, answers can be saved as a draft against
 * the code and resumed, and one submission spends the code. See survey-response.entity.ts for why
 * nothing links the code to the answers afterwards.
 */
@Injectable()
export class SurveyResponsesService {
  private readonly logger = new Logger(SurveyResponsesService.name);
  /** Per round: the restamp waiting to start (shared by every submission that arrives meanwhile). */
  private readonly queued = new Map<string, Promise<void>>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly repo: SurveysRepository,
    private readonly facilities: FacilitiesRepository,
    private readonly tx: TransactionHost,
  ) {}

  /** The invitation behind a code and its round, if the code can still be used; else a Danish reason. */
  private async access(code: string, roundId?: string): Promise<{ hash: string; round: SurveyRoundEntity }> {
    const canonical = normaliseCode(code);
    const hash = canonical ? codeHash(canonical) : '';
    const invitation = canonical ? await this.repo.invitation(hash) : null;
    if (!invitation || (roundId && invitation.roundId !== roundId)) throw unknownCode();
    if (invitation.used) throw alreadyAnswered();
    const round = (await this.repo.round(invitation.roundId))!;
    const reason = closedReason(round);
    if (reason) throw new ConflictError(reason);
    return { hash, round };
  }

  private read(round: SurveyRoundEntity, raw: Record<string, unknown>, requireOne: boolean): Answers {
    const { answers, errors } = readAnswers(round.questionnaire.questions, raw);
    if (errors.length) throw new InvalidInputError('Ret de markerede svar', errors);
    if (requireOne && !Object.keys(answers).length) {
      throw new InvalidInputError('Besvar mindst ét spørgsmål, før du sender.', [{ field: 'svar', rule: 'atLeastOne', message: 'Besvar mindst ét spørgsmål, før du sender.' }]);
    }
    return answers;
  }

  async open(code: string, roundId?: string): Promise<RespondentView> {
    const { hash, round } = await this.access(code, roundId);
    const q = round.questionnaire;
    return {
      facilityName: (await this.facilities.get(round.facilityId))!.name,
      title: q.title,
      intro: q.intro,
      audience: q.audience,
      scale: q.scale,
      questions: q.questions.map(({ code: c, kind, text, help }) => ({ code: c, kind, text, help })),
      answers: (await this.repo.draft(hash)) ?? {},
    };
  }

  /** Keeps the answers given so far against the code, to be resumed later with the same code. */
  async saveDraft(code: string, raw: Record<string, unknown>): Promise<void> {
    const { hash, round } = await this.access(code);
    await this.repo.saveDraft(hash, this.read(round, raw, false));
  }

  /**
   * Submits once per code. Staff entering an interview or a paper form pass the round, so a code
   * from another round is refused.
   */
  async submit(code: string, raw: Record<string, unknown>, mode: ResponseMode = 'web', roundId?: string): Promise<void> {
    const { hash, round } = await this.access(code, roundId);
    await this.record(hash, round.id, mode, this.read(round, raw, true));
    await this.restamp(round.id);
  }

  /** Spends the code, stores the answers without it and deletes the draft: all or nothing. */
  @Transactional()
  private async record(hash: string, roundId: string, mode: ResponseMode, answers: Answers): Promise<void> {
    const invitation = await this.repo.useInvitation(hash);
    // unused when checked a moment ago: a concurrent submit (double-click) spent it first
    if (!invitation) throw alreadyAnswered();
    // shared lock: submissions run side by side, while closing the round waits for them
    const reason = closedReason((await this.repo.round(roundId, 'share'))!);
    if (reason) throw new ConflictError(reason);
    await this.repo.insertResponse(roundId, mode, invitation.unit, answers);
    await this.repo.deleteDraft(hash);
  }

  /**
   * A restamp of the round's used invitations that starts after this call (so it includes the
   * submission just committed). Submissions arriving while one runs share the next, so a busy
   * round rewrites its invitations a few times rather than once per answer. A failure leaves the
   * answers stored and is mended by the next restamp or by closing the round.
   */
  private restamp(roundId: string): Promise<void> {
    const waiting = this.queued.get(roundId);
    if (waiting) return waiting;
    const next = (this.running.get(roundId) ?? Promise.resolve()).then(async () => {
      this.queued.delete(roundId);
      const run = this.tx.run(() => this.repo.restampUsedInvitations(roundId)).catch((err) => this.logger.error({ err, roundId }, 'Restamp of used invitations failed'));
      this.running.set(roundId, run);
      await run;
      if (this.running.get(roundId) === run) this.running.delete(roundId);
    });
    this.queued.set(roundId, next);
    return next;
  }
}
