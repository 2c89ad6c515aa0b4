import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '#libs/auth';
import { ConflictError, danishDay } from '#libs/core';
import { Transactional } from '#libs/database';
import { ModelVersions } from '#libs/quality-model';
import { tableExport } from '#libs/web';
import {
  comparable,
  type ModelRange,
  pooledAnswers,
  protectCells,
  type ResponseRow,
  type SurveyResults,
  surveyResults,
} from './survey-results.js';
import type { SurveyRoundEntity } from './survey-round.entity.js';
import { type RoundView, SurveyRoundsService } from './survey-rounds.service.js';
import { SurveysRepository } from './surveys.repository.js';
import {
  CHOICE_LABELS,
  MIN_REGION_FACILITIES,
  MIN_RESPONDENTS,
  RESPONSE_MODE_LABELS,
  type ResponseMode,
} from './vocabulary.js';

export interface RoundResults {
  round: RoundView;
  /** The model's scale that indicator scores are mapped onto. */
  modelRange: ModelRange;
  results: SurveyResults;
  previous: { id: string; periodStart: string; periodEnd: string; results: SurveyResults } | null;
  /**
   * Pooled answers of the region's latest rounds, each with at least MIN_RESPONDENTS answers, from
   * at least MIN_REGION_FACILITIES facilities (this one included).
   */
  region: { rounds: number; results: SurveyResults } | null;
}

/** A closed round's result for one indicator, on the model's scale: survey evidence for the scores. */
export interface SurveyIndicatorScore {
  facilityId: string;
  modelVersionId: string;
  /** The year the round stopped taking answers: its period end, or the day it was closed if earlier. */
  period: number;
  indicatorId: string;
  score: number;
  /** What lies behind the score, for the indicator's evidence trail. */
  round: { id: string; title: string; periodStart: string; periodEnd: string; respondents: number };
  /** Respondents who answered the indicator's questions, and their mean on the survey's 1–5 scale. */
  respondents: number;
  surveyMean: number;
}

interface AnswerTable {
  header: string[];
  rows: (string | number)[][];
}

@Injectable()
export class SurveyResultsService {
  constructor(
    private readonly repo: SurveysRepository,
    private readonly models: ModelVersions,
    private readonly rounds: SurveyRoundsService,
    private readonly audit: AuditService,
  ) {}

  private async modelRange(round: SurveyRoundEntity): Promise<ModelRange> {
    const values = (await this.models.get(round.modelVersionId)).scale.levels.map((l) => l.value);
    return { min: Math.min(...values), max: Math.max(...values) };
  }

  /**
   * The indicator scores of the facilities' closed rounds, as the results page shows them: an
   * indicator answered by fewer than MIN_RESPONDENTS is left out, so the scores reveal no more than it.
   */
  async closedRoundScores(facilityIds: string[]): Promise<SurveyIndicatorScore[]> {
    const rounds = await this.repo.closedRounds(facilityIds);
    if (!rounds.length) return [];
    const answers = new Map<string, ResponseRow[]>();
    for (const r of await this.repo.responses(rounds.map((r) => r.id))) {
      const list = answers.get(r.roundId) ?? [];
      list.push(r);
      answers.set(r.roundId, list);
    }
    const out: SurveyIndicatorScore[] = [];
    for (const round of rounds) {
      const ended =
        round.closedAt && danishDay(round.closedAt) < round.periodEnd ? danishDay(round.closedAt) : round.periodEnd;
      const results = surveyResults(
        round.questionnaire.questions,
        round.questionnaire.scale,
        answers.get(round.id) ?? [],
        await this.modelRange(round),
      );
      for (const i of results.indicators) {
        if (i.score === null) continue;
        out.push({
          facilityId: round.facilityId,
          modelVersionId: round.modelVersionId,
          period: Number(ended.slice(0, 4)),
          indicatorId: i.id,
          score: i.score,
          round: {
            id: round.id,
            title: round.questionnaire.title,
            periodStart: round.periodStart,
            periodEnd: round.periodEnd,
            respondents: answers.get(round.id)?.length ?? 0,
          },
          respondents: i.n!,
          surveyMean: i.mean!,
        });
      }
    }
    return out;
  }

  /**
   * Results with comparisons. The previous round and the region are computed with this round's
   * questions (matched by question code, which a template keeps while a question's meaning stays),
   * so all three line up.
   */
  async results(user: AuthUser, id: string): Promise<RoundResults> {
    const round = await this.rounds.load(user, id);
    const { questions, scale } = round.questionnaire;
    const range = await this.modelRange(round);
    const compute = (rows: ResponseRow[]) => surveyResults(questions, scale, rows, range);
    const previousRound = await this.repo.previousRound(round);
    const regionIds = (await this.repo.list({ ids: await this.repo.regionRoundIds(round) }))
      .filter((r) => r.responded >= MIN_RESPONDENTS)
      .map((r) => r.id);
    return {
      round: await this.rounds.view(round),
      modelRange: range,
      results: compute(await this.repo.responses([round.id])),
      previous: previousRound
        ? {
            id: previousRound.id,
            periodStart: previousRound.periodStart,
            periodEnd: previousRound.periodEnd,
            results: comparable(compute(await this.repo.responses([previousRound.id]))),
          }
        : null,
      region:
        regionIds.length >= MIN_REGION_FACILITIES
          ? {
              rounds: regionIds.length,
              results: comparable(compute(pooledAnswers(await this.repo.responses(regionIds)))),
            }
          : null,
    };
  }

  /**
   * The anonymous answers, one row per respondent in random order. Refused below MIN_RESPONDENTS;
   * a unit or answer mode shared by too few is blanked (as in the breakdowns), and a free-text
   * question is left out until enough have written something.
   */
  private async answerTable(user: AuthUser, id: string): Promise<{ round: SurveyRoundEntity; table: AnswerTable }> {
    const round = await this.rounds.load(user, id);
    const rows = await this.repo.responses([round.id]);
    if (rows.length < MIN_RESPONDENTS)
      throw new ConflictError(
        `Svarene kan først hentes, når mindst ${MIN_RESPONDENTS} har svaret.`,
        [],
        {},
        'survey-too-few-respondents',
      );
    const { questions, scale } = round.questionnaire;
    const shown = surveyResults(questions, scale, rows, await this.modelRange(round)).questions;
    const columns = questions.filter((q) => !(q.kind === 'text' && shown.find((r) => r.code === q.code)?.suppressed));
    const blanked = <K extends string>(keys: K[]) => {
      const distinct = [...new Set(keys)];
      const hidden = protectCells(distinct.map((k) => keys.filter((x) => x === k).length));
      return new Set(distinct.filter((_, i) => hidden[i]));
    };
    const hiddenModes = blanked(rows.map((r) => r.mode));
    const hiddenUnits = blanked(rows.map((r) => r.unit ?? ''));
    return {
      round,
      table: {
        header: ['Svar nr.', 'Svarform', 'Afdeling', ...columns.map((q) => `${q.code} ${q.text}`)],
        rows: rows.map((r, i) => [
          i + 1,
          hiddenModes.has(r.mode) ? '' : RESPONSE_MODE_LABELS[r.mode as ResponseMode],
          hiddenUnits.has(r.unit ?? '') ? '' : (r.unit ?? ''),
          ...columns.map((q) => {
            const a = r.answers[q.code];
            return a?.score ?? (a?.choice ? CHOICE_LABELS[a.choice] : (a?.text ?? ''));
          }),
        ]),
      },
    };
  }

  @Transactional()
  async export(
    user: AuthUser,
    id: string,
    format: 'csv' | 'xlsx',
  ): Promise<{ fileName: string; contentType: string; data: Buffer }> {
    const { round, table } = await this.answerTable(user, id);
    await this.audit.record({
      action: 'survey_round.exported',
      entityType: 'survey_round',
      entityId: round.id,
      facilityId: round.facilityId,
      after: { format, rows: table.rows.length },
    });
    return {
      fileName: `svar-${round.questionnaireKey}-${round.periodStart}.${format}`,
      ...(await tableExport(format, 'Svar', table.header, table.rows)),
    };
  }
}
