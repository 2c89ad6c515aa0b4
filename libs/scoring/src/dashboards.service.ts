import { Injectable } from '@nestjs/common';
import { type AuthUser, PolicyService } from '#libs/auth';
import { formatDecimal, NotFoundError, roundAsShown } from '#libs/core';
import { FacilitiesRepository } from '#libs/facilities';
import { type OpenFollowUp, OpenFollowUps } from '#libs/follow-up';
import { FINDING_KIND_LABELS, VISIT_KIND_LABELS, VisitPlanningService } from '#libs/inspections';
import {
  EVIDENCE_SOURCE_LABELS,
  type EvidenceSource,
  type JudgedStandard,
  type Judgement,
  judge,
  judgeScores,
  lightLegend,
  type QualityModelTree,
  sourceLines,
  surveyRows,
} from '#libs/quality-model';
import { SurveyResultsService } from '#libs/surveys';
import type { ScoreLevel, ScoringModel } from './score-engine.js';
import { type OverviewFilter, ScoresRepository, type StoredScore } from './scores.repository.js';
import { ScoringService } from './scoring.service.js';
import { type TrendChart, trendChart } from './trend-chart.js';

const fmt = formatDecimal;
const NOT_FOUND = 'Tilbuddet findes ikke';

/** A theme's name short enough for a heat-map column: the first word when the name is long. */
const shortTitle = (title: string) => (title.length <= 14 ? title : `${title.split(/[\s,]+/)[0]}…`);
/** Facilities per heat-map page: a screenful to scan, and a page that renders fast whatever the region's size. */
const HEAT_MAP_PAGE = 100;

type Model = ScoringModel & Pick<QualityModelTree, 'name' | 'standardLabel' | 'scale'>;

export type StandardRow = JudgedStandard & {
  region: { median: string; q1: string; q3: string; facilities: number } | null;
};

/**
 * The facility's current assessment: the newest of its current (latest) overall scores, one per
 * model version it was scored in. A newer year with only a survey is in the trend, not current.
 * quartilesFor picks the same in SQL.
 */
const currentOverall = (history: StoredScore[]) =>
  history
    .filter((s) => s.level === 'overall' && s.latest)
    .reduce<StoredScore | undefined>(
      (best, s) =>
        !best || s.period > best.period || (s.period === best.period && s.modelVersionId < best.modelVersionId)
          ? s
          : best,
      undefined,
    );

/** A recommendation or order as the pages list it: its kind in words and where to follow it up. */
const followUpView = (f: OpenFollowUp) => ({
  ...f,
  kindLabel: FINDING_KIND_LABELS[f.kind],
  followUpHref: f.planId ? `/opfoelgning/planer/${f.planId}#punkt-${f.itemId}` : null,
});

@Injectable()
export class DashboardsService {
  constructor(
    private readonly scores: ScoresRepository,
    private readonly scoring: ScoringService,
    private readonly facilities: FacilitiesRepository,
    private readonly policy: PolicyService,
    private readonly planning: VisitPlanningService,
    private readonly surveys: SurveyResultsService,
    private readonly followUps: OpenFollowUps,
  ) {}

  private async facility(user: AuthUser, facilityId: string) {
    if (!(await this.policy.canFacility(user, facilityId, 'read'))) throw new NotFoundError(NOT_FOUND);
    const f = await this.facilities.get(facilityId);
    if (!f) throw new NotFoundError(NOT_FOUND);
    return f;
  }

  /** The facilities a leader may see, for choosing one. */
  async readableFacilities(user: AuthUser) {
    const own = await this.policy.readableFacilities(user);
    return own === 'all' ? [] : this.facilities.list({ ids: own });
  }

  private model(id: string): Promise<Model> {
    return this.scoring.model(id);
  }

  /** The leader's dashboard: current scores with the region's spread, the trend, open findings. */
  async facilityDashboard(user: AuthUser, facilityId: string) {
    // read side by side; nothing is shown unless the access check passed
    const [facility, history, open, spread] = await Promise.all([
      this.facility(user, facilityId),
      this.scores.history(facilityId, ['indicator', 'criterion', 'standard', 'overall']),
      this.followUps.list({ facilityId }),
      this.scores.quartilesFor(facilityId),
    ]);
    const findings = open.map(followUpView);
    const latest = currentOverall(history);
    if (!latest) return { facility, current: null, findings };
    const model = await this.model(latest.modelVersionId);
    const sameModel = history.filter((s) => s.modelVersionId === model.id);
    const basis = await this.scoring.basis(facilityId, model.id, latest.period);
    const judged = judgeScores(model, basis.scores);
    const quartiles = new Map(spread.map((q) => [q.nodeId, q]));
    const region = (id: string) => {
      const q = quartiles.get(id);
      return q && q.facilities > 1
        ? { median: fmt(q.median), q1: fmt(q.q1), q3: fmt(q.q3), facilities: q.facilities }
        : null;
    };
    const standards: StandardRow[] = judged.standards.map((s) => ({ ...s, region: region(s.id) }));
    return {
      facility,
      findings,
      // what needs attention first: red indicators and open orders (påbud)
      critical: {
        red: judged.red,
        orders: findings
          .filter((f) => f.kind === 'order')
          .map((f) => ({ ...f, indicatorCodes: f.indicatorCodes.join(', ') })),
      },
      current: {
        period: latest.period,
        model: { id: model.id, name: model.name, standardLabel: model.standardLabel },
        overall: judged.overall,
        overallRegion: region(model.id),
        standards,
        sources: sourceLines(basis.sources),
        surveys: basis.sources.surveys.map((r) => ({ ...r, rows: surveyRows(r) })),
        trend: this.trend(model, sameModel),
      },
    };
  }

  /**
   * Every stored score of the facility at these levels, newest period first (then model version,
   * level, node), each judged by the one judgement of its model version.
   */
  async scoreHistory(user: AuthUser, facilityId: string, levels: ScoreLevel[]) {
    await this.facility(user, facilityId);
    const history = await this.scores.history(facilityId, levels);
    const models = new Map<string, Promise<Model>>();
    const modelOf = (id: string) => models.get(id) ?? models.set(id, this.model(id)).get(id)!;
    const LEVELS: ScoreLevel[] = ['overall', 'standard', 'criterion', 'indicator'];
    const sorted = history.sort(
      (a, b) =>
        b.period - a.period ||
        a.modelVersionId.localeCompare(b.modelVersionId) ||
        LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
        a.nodeId.localeCompare(b.nodeId),
    );
    return Promise.all(
      sorted.map(async (s) => ({
        period: s.period,
        modelVersionId: s.modelVersionId,
        nodeId: s.nodeId,
        level: s.level,
        current: s.latest,
        judgement: judge(await modelOf(s.modelVersionId), s.score)!,
        visitScore: s.visitScore,
        surveyScore: s.surveyScore,
      })),
    );
  }

  /** Overall score and each standard per period, as a chart and as the table that says the same. */
  private trend(model: Model, history: StoredScore[]) {
    const periods = [...new Set(history.map((s) => s.period))].sort((a, b) => a - b);
    const at = new Map(history.map((s) => [`${s.nodeId}|${s.period}`, s.score]));
    const valuesOf = (nodeId: string) => periods.map((p) => at.get(`${nodeId}|${p}`) ?? null);
    const chart: TrendChart = trendChart(
      periods,
      [{ label: 'Samlet score', values: valuesOf(model.id) }],
      model.scale.levels.map((l) => l.value),
    );
    return {
      chart,
      periods,
      rows: [
        { label: 'Samlet score', cells: valuesOf(model.id).map(fmt) },
        ...model.standards
          .filter((s) => periods.some((p) => at.has(`${s.id}|${p}`)))
          .map((s) => ({ label: `${s.code} ${s.title}`, cells: valuesOf(s.id).map(fmt) })),
      ],
    };
  }

  /** One indicator at the facility: its scores per period and every published answer behind them. */
  async indicatorTrail(user: AuthUser, facilityId: string, indicatorId: string) {
    const facility = await this.facility(user, facilityId);
    const scores = (await this.scores.history(facilityId, ['indicator'])).filter((s) => s.nodeId === indicatorId);
    const trail = await this.scores.evidenceTrail(facilityId, indicatorId);
    const surveys = (await this.surveys.closedRoundScores([facilityId]))
      .filter((s) => s.indicatorId === indicatorId)
      .sort((a, b) => b.round.periodEnd.localeCompare(a.round.periodEnd));
    if (!scores.length && !trail.length)
      throw new NotFoundError('Indikatoren har ingen offentliggjorte vurderinger på tilbuddet');
    const model = await this.model(
      (scores[0] ?? (await this.scores.history(facilityId, ['overall']))[0]).modelVersionId,
    );
    const indicator = model.standards
      .flatMap((s) => [...s.indicators, ...s.criteria.flatMap((c) => c.indicators)])
      .find((i) => i.id === indicatorId);
    if (!indicator) throw new NotFoundError('Indikatoren findes ikke');
    const ASSESSMENTS = { rated: 'Vurderet', not_relevant: 'Ikke relevant', not_assessed: 'Ikke vurderet' } as const;
    return {
      facility,
      indicator,
      scores: scores.reverse().map((s) => ({
        period: s.period,
        judgement: judge(model, s.score),
        visit: fmt(s.visitScore),
        survey: fmt(s.surveyScore),
      })),
      trail: trail.map((t) => ({
        ...t,
        assessmentLabel: ASSESSMENTS[t.assessment],
        evidence: t.evidence.map((e) => ({
          ...e,
          sourceLabel: EVIDENCE_SOURCE_LABELS[e.source as EvidenceSource] ?? e.source,
        })),
      })),
      surveys: surveys.map((s) => ({
        ...s.round,
        respondents: s.respondents,
        surveyMean: fmt(s.surveyMean),
        score: fmt(s.score),
      })),
    };
  }

  private async filters(filter: OverviewFilter) {
    return { ...(await this.scores.choices()), filter };
  }

  /**
   * The region's heat map for one model version: facilities' current scores (and those with none yet),
   * a page at a time (all without `page`), sorted by a column (`sort`: a column id, "-" first for
   * highest first) or by name.
   */
  async overview(
    filter: OverviewFilter & { version?: string; sort?: string },
    page?: number,
    pageSize = HEAT_MAP_PAGE,
  ) {
    const filters = await this.filters(filter);
    const chosen = filters.versions.find((v) => v.id === filter.version) ?? filters.versions[0];
    const none = { ...filters, chosen, model: null, columns: [], rows: [], pages: null, legend: [], sort: null };
    if (!chosen) return none;
    const model = await this.model(chosen.id);
    const columns = [
      ...model.standards.map((s) => ({ id: s.id, code: s.code, title: s.title, short: shortTitle(s.title) })),
      { id: model.id, code: '', title: 'Samlet score', short: 'Samlet' },
    ];
    const descending = filter.sort?.startsWith('-') ?? false;
    const sortId = filter.sort?.replace(/^-/, '');
    const sort = { nodeId: columns.find((c) => c.id === sortId)?.id ?? null, descending };
    const slice = page === undefined ? undefined : { limit: pageSize, offset: (page - 1) * pageSize };
    const found = await this.scores.overview(chosen.id, filter, slice, sort);
    // a page has ~900 cells but a judgement depends only on the shown score (1,0 … 5,0): each
    // shown score is judged (and formatted) once
    const judged = new Map<number, Judgement | null>();
    const cell = (score: number | undefined) => {
      if (score === undefined) return null;
      const shown = roundAsShown(score);
      if (!judged.has(shown)) judged.set(shown, judge(model, shown));
      return judged.get(shown)!;
    };
    const rows = found.rows.map((r) => ({
      ...r,
      unscored: r.period === null,
      cells: r.period === null ? [] : columns.map((c) => cell(r.scores[c.id])),
    }));
    const count = Math.max(1, Math.ceil(found.total / pageSize));
    return {
      ...filters,
      chosen,
      model,
      columns,
      rows,
      total: found.total,
      scored: found.scored,
      legend: lightLegend(model),
      sort: { id: sort.nodeId ?? 'navn', descending },
      pages:
        page === undefined
          ? null
          : { page, count, previous: page > 1 ? page - 1 : null, next: page < count ? page + 1 : null },
    };
  }

  /** What the region should chase: overdue visits (by the facility types' targets) and recommendations and orders past their deadline, not yet met. */
  async overdue(filter: OverviewFilter) {
    const [filters, shown, planning, findings] = await Promise.all([
      this.filters(filter),
      this.scores.facilityIds(filter),
      this.planning.status(),
      this.followUps.list({ overdue: true }),
    ]);
    const within = new Set(shown);
    return {
      ...filters,
      visits: planning
        .filter((p) => p.state === 'overdue' && within.has(p.facilityId))
        .map((p) => ({ ...p, kindLabel: VISIT_KIND_LABELS[p.kind] })),
      findings: findings.filter((f) => within.has(f.facilityId)).map(followUpView),
    };
  }
}
