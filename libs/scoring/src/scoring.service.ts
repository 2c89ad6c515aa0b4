import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Transactional } from '#libs/database';
import { type EvidenceListener, FacilityEvents } from '#libs/facilities';
import { QualityModelRepository, type QualityModelTree, toTree } from '#libs/quality-model';
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
  async compute(facilityIds: string[]): Promise<StoredScore[]> {
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
    for (const r of await this.scores.visitEvidence(facilityIds)) {
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
