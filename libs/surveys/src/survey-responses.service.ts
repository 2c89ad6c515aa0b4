import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConflictError, type DomainError, InvalidInputError, today } from '#libs/core';
import { TransactionHost } from '#libs/database';
import { FacilitiesRepository } from '#libs/facilities';
import { codeHash, normaliseCode } from './invitation-code.js';
import { RestampSchedule } from './restamp-schedule.js';
import { type Answers, readAnswers } from './survey-answers.js';
import { closedReason } from './survey-rounds.service.js';
import { type CodeInvitation, SurveysRepository } from './surveys.repository.js';
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

/**
 * An unknown code and a used one get the same answer, so guessing cannot tell which codes exist.
 * (A closed round is still named: its codes can no longer be used by anyone.)
 */
const UNUSABLE = 'Koden kan ikke bruges. Tjek, at du har skrevet den rigtigt. Hver kode kan kun bruges én gang.';
const unusableCode = () =>
  new InvalidInputError(UNUSABLE, [{ field: 'kode', rule: 'usable', message: UNUSABLE }], {}, 'survey-code-unusable');

/**
 * The respondent's side: a code opens the questionnaire, answers can be saved as a draft against
 * the code and resumed, and one submission spends the code. See survey-response.entity.ts for why
 * nothing links the code to the answers afterwards.
 */
@Injectable()
export class SurveyResponsesService implements OnApplicationShutdown {
  private readonly logger = new Logger(SurveyResponsesService.name);
  /** A failed restamp leaves the answers stored; the next one or closing the round mends it. */
  private readonly restamps = new RestampSchedule(
    (roundId) =>
      this.tx
        .run(() => this.repo.restampUsedInvitations(roundId))
        .catch((err: Error) =>
          this.logger.error(`Restamp of used invitations failed for round ${roundId}: ${err.message}`),
        ),
    { spacingMs: 1000, concurrency: 2 },
  );

  constructor(
    private readonly repo: SurveysRepository,
    private readonly facilities: FacilitiesRepository,
    private readonly tx: TransactionHost,
  ) {}

  /** Why the invitation cannot be used now (unknown, used, round closed), or null when it can. */
  private refusal(invitation: CodeInvitation | null, roundId?: string): DomainError | null {
    if (!invitation || (roundId && invitation.roundId !== roundId) || invitation.used) return unusableCode();
    const reason = closedReason(invitation);
    return reason ? new ConflictError(reason, [], {}, 'survey-code-used') : null;
  }

  /** The invitation behind a code, if the code can be used now; else a Danish reason. */
  private async access(code: string, roundId?: string): Promise<{ hash: string; invitation: CodeInvitation }> {
    const canonical = normaliseCode(code);
    const hash = canonical ? codeHash(canonical) : '';
    const invitation = canonical ? await this.repo.invitation(hash) : null;
    const refused = this.refusal(invitation, roundId);
    if (refused) throw refused;
    return { hash, invitation: invitation! };
  }

  private read(invitation: CodeInvitation, raw: Record<string, unknown>, requireOne: boolean): Answers {
    const { answers, errors } = readAnswers(invitation.questionnaire.questions, raw);
    if (errors.length) throw new InvalidInputError('Ret de markerede svar', errors);
    if (requireOne && !Object.keys(answers).length) {
      throw new InvalidInputError('Besvar mindst ét spørgsmål, før du sender.', [
        { field: 'svar', rule: 'atLeastOne', message: 'Besvar mindst ét spørgsmål, før du sender.' },
      ]);
    }
    return answers;
  }

  async open(code: string, roundId?: string): Promise<RespondentView> {
    const { hash, invitation } = await this.access(code, roundId);
    const q = invitation.questionnaire;
    return {
      facilityName: (await this.facilities.get(invitation.facilityId))!.name,
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
    const { hash, invitation } = await this.access(code);
    await this.repo.saveDraft(hash, this.read(invitation, raw, false));
  }

  /**
   * Submits once per code. Staff entering an interview or a paper form pass the round, so a code
   * from another round is refused.
   */
  async submit(
    code: string,
    raw: Record<string, unknown>,
    mode: ResponseMode = 'web',
    roundId?: string,
  ): Promise<void> {
    const { hash, invitation } = await this.access(code, roundId);
    await this.record(hash, mode, this.read(invitation, raw, true));
    // The respondent does not wait for it: the link lasts as long either way, and a busy round's
    // restamp (all its used invitations rewritten) would otherwise set everyone's answer time.
    void this.restamps.request(invitation.roundId);
  }

  /** A clean stop finishes the restamps asked for, so no submission is left linkable by a stop. */
  onApplicationShutdown(): Promise<void> {
    return this.restamps.stop();
  }

  /** Spends the code, stores the answers without it and deletes the draft: all or nothing, in one statement. */
  private async record(hash: string, mode: ResponseMode, answers: Answers): Promise<void> {
    // usable when checked a moment ago: a concurrent submit (double-click) spent it, or the round just closed
    if (!(await this.repo.submitOnce(hash, today(), mode, answers)))
      throw this.refusal(await this.repo.invitation(hash)) ?? unusableCode();
  }
}
