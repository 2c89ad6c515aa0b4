import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Transactional } from '#libs/database';
import { type PublishedRatingsListener, VisitEvents } from '#libs/inspections';
import { type QualityModelTree, QualityModelRepository, toTree } from '#libs/quality-model';
import { type IndicatorEvidence, scorePeriod } from './score-engine.js';
import { ScoresRepository, type StoredScore } from './scores.repository.js';

/**
 * Keeps the stored scores equal to what the engine computes from the published evidence. A
 * facility is recomputed whole (a few hundred answers at most), inside the transaction that
 * published or amended the visit, so the dashboard never shows a score older than the visit.
 */
@Injectable()
export class ScoringService implements OnModuleInit, PublishedRatingsListener {
  private readonly trees = new Map<string, Promise<QualityModelTree>>();

  constructor(
    private readonly scores: ScoresRepository,
    private readonly models: QualityModelRepository,
    private readonly visitEvents: VisitEvents,
  ) {}

  onModuleInit() {
    this.visitEvents.subscribe(this);
  }

  async publishedRatingsChanged(facilityId: string): Promise<void> {
    await this.refresh([facilityId]);
  }

  @Transactional()
  async refresh(facilityIds: string[]): Promise<void> {
    await this.scores.replace(facilityIds, await this.compute(facilityIds));
  }

  /** The scores from scratch: published evidence through the engine, nothing read from score_node. */
  async compute(facilityIds: string[]): Promise<StoredScore[]> {
    const groups = new Map<string, { facilityId: string; modelVersionId: string; period: number; evidence: Map<string, IndicatorEvidence> }>();
    for (const r of await this.scores.visitEvidence(facilityIds)) {
      const key = `${r.facilityId}|${r.modelVersionId}|${r.period}`;
      const g = groups.get(key) ?? { facilityId: r.facilityId, modelVersionId: r.modelVersionId, period: r.period, evidence: new Map() };
      g.evidence.set(r.indicatorId, { visitRatings: r.ratings, surveyScores: [] });
      groups.set(key, g);
    }
    const newest = new Map<string, number>();
    for (const g of groups.values()) {
      const key = `${g.facilityId}|${g.modelVersionId}`;
      newest.set(key, Math.max(newest.get(key) ?? g.period, g.period));
    }
    const out: StoredScore[] = [];
    for (const g of groups.values()) {
      const model = await this.model(g.modelVersionId);
      const latest = newest.get(`${g.facilityId}|${g.modelVersionId}`) === g.period;
      for (const n of scorePeriod(model, g.evidence)) out.push({ ...n, facilityId: g.facilityId, period: g.period, modelVersionId: g.modelVersionId, latest });
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
