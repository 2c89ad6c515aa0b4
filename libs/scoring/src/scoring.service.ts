import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Transactional } from '#libs/database';
import { type EvidenceListener, FacilityEvents } from '#libs/facilities';
import { VISIT_KIND_LABELS } from '#libs/inspections';
import {
  QualityModelRepository,
  type QualityModelTree,
  type ScoreBasis,
  type ScoreSources,
  toTree,
} from '#libs/quality-model';
import { SurveyResultsService } from '#libs/surveys';
import { type IndicatorEvidence, scorePeriod } from './score-engine.js';
import { ScoresRepository, type StoredScore } from './scores.repository.js';

interface PeriodEvidence {
  facilityId: string;
  modelVersionId: string;
  period: number;
  evidence: Map<string, IndicatorEvidence>;
  /** Whether a published visit rated anything in the period. */
  visited: boolean;
}

/**
 * Keeps the stored scores equal to what the engine computes from the published evidence. A
 * facility is recomputed whole (a few hundred answers at most), inside the transaction that
 * published or amended the visit or closed the survey round, so the dashboard never shows a score
 * older than its evidence.
 */
@Injectable()
export class ScoringService implements OnModuleInit, EvidenceListener {
  private readonly trees = new Map<string, Promise<QualityModelTree>>();

  constructor(
    private readonly scores: ScoresRepository,
    private readonly models: QualityModelRepository,
    private readonly surveys: SurveyResultsService,
    private readonly events: FacilityEvents,
  ) {}

  onModuleInit() {
    this.events.subscribe(this);
  }

  async evidenceChanged(facilityId: string): Promise<void> {
    await this.refresh([facilityId]);
  }

  @Transactional()
  async refresh(facilityIds: string[]): Promise<void> {
    await this.scores.replace(facilityIds, await this.compute(facilityIds));
  }

  /**
   * The scores from scratch: published visit ratings and closed survey rounds through the engine,
   * nothing read from score_node. A facility's current period is its newest with a visit: a
   * survey alone covers a handful of indicators, so it adds to a period but does not start the
   * facility's current assessment (unless the facility has never been visited under that version).
   */
  async compute(facilityIds: string[], draftVisitId: string | null = null): Promise<StoredScore[]> {
    const groups = new Map<string, PeriodEvidence>();
    const evidenceOf = (r: { facilityId: string; modelVersionId: string; period: number; indicatorId: string }) => {
      const key = `${r.facilityId}|${r.modelVersionId}|${r.period}`;
      const g = groups.get(key) ?? {
        facilityId: r.facilityId,
        modelVersionId: r.modelVersionId,
        period: r.period,
        evidence: new Map(),
        visited: false,
      };
      groups.set(key, g);
      const e = g.evidence.get(r.indicatorId) ?? { visitRatings: [], surveyScores: [] };
      g.evidence.set(r.indicatorId, e);
      return { g, e };
    };
    for (const r of await this.scores.visitEvidence(facilityIds, draftVisitId)) {
      const { g, e } = evidenceOf(r);
      e.visitRatings.push(...r.ratings);
      g.visited = true;
    }
    for (const r of await this.surveys.closedRoundScores(facilityIds)) evidenceOf(r).e.surveyScores.push(r.score);

    const current = new Map<string, PeriodEvidence>();
    for (const g of groups.values()) {
      const key = `${g.facilityId}|${g.modelVersionId}`;
      const best = current.get(key);
      if (!best || (g.visited && !best.visited) || (g.visited === best.visited && g.period > best.period))
        current.set(key, g);
    }
    const out: StoredScore[] = [];
    for (const g of groups.values()) {
      const model = await this.model(g.modelVersionId);
      const latest = current.get(`${g.facilityId}|${g.modelVersionId}`) === g;
      for (const n of scorePeriod(model, g.evidence))
        out.push({ ...n, facilityId: g.facilityId, period: g.period, modelVersionId: g.modelVersionId, latest });
    }
    return out;
  }

  /**
   * What the dashboard and the tilsyn report show for a facility, model version and period: the
   * stored scores (never rolled up again elsewhere) and the visits and closed surveys behind them,
   * the surveys with only what counts (indicators answered by at least 5). A draft report (a visit in
   * høring, not yet published) gets what the engine will store once the visit is published: the
   * same computation with the draft visit's ratings counted.
   */
  async basis(
    facilityId: string,
    modelVersionId: string,
    period: number,
    draftVisitId: string | null = null,
  ): Promise<ScoreBasis> {
    const stored = draftVisitId
      ? this.compute([facilityId], draftVisitId).then(
          (rows) =>
            new Map(
              rows
                .filter((r) => r.modelVersionId === modelVersionId && r.period === period)
                .map((r) => [r.nodeId, r.score]),
            ),
        )
      : this.scores.periodScores(facilityId, modelVersionId, period);
    const [scores, visits, surveyScores, model] = await Promise.all([
      stored,
      this.scores.periodVisits(facilityId, modelVersionId, period, draftVisitId),
      this.surveys.closedRoundScores([facilityId]),
      this.model(modelVersionId),
    ]);
    const indicators = new Map(
      model.standards
        .flatMap((s) => [...s.indicators, ...s.criteria.flatMap((c) => c.indicators)])
        .map((i) => [i.id, i]),
    );
    const surveys = new Map<string, ScoreSources['surveys'][number]>();
    for (const s of surveyScores) {
      if (s.modelVersionId !== modelVersionId || s.period !== period) continue;
      const round = surveys.get(s.round.id) ?? { ...s.round, indicators: [] };
      surveys.set(s.round.id, round);
      const i = indicators.get(s.indicatorId);
      if (i)
        round.indicators.push({
          id: i.id,
          code: i.code,
          text: i.text,
          respondents: s.respondents,
          mean: s.surveyMean,
          score: s.score,
        });
    }
    const order = [...indicators.keys()];
    for (const r of surveys.values()) r.indicators.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return {
      facilityId,
      modelVersionId,
      period,
      scores,
      sources: {
        visits: visits.map(({ kind, ...v }) => ({ ...v, kindLabel: VISIT_KIND_LABELS[kind] })),
        surveys: [...surveys.values()].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)),
      },
    };
  }

  /**
   * A version's tree, kept once read: scores only ever point at published or retired versions,
   * which the database keeps immutable (quality_model_version_guard).
   */
  model(versionId: string): Promise<QualityModelTree> {
    let tree = this.trees.get(versionId);
    if (!tree) {
      tree = this.load(versionId);
      this.trees.set(versionId, tree);
      tree.catch(() => this.trees.delete(versionId));
    }
    return tree;
  }

  private async load(versionId: string): Promise<QualityModelTree> {
    const v = await this.models.get(versionId);
    if (!v) throw new Error(`quality model version ${versionId} is missing`);
    return toTree(await this.models.rows(v));
  }
}
