import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { type AuthUser, Role } from '#libs/auth';
import { DemoVisitSeed, SyntheticRegion } from '#libs/demo';
import type { Judgement } from '#libs/quality-model';
import { REPORT_READER, ReportDataService } from '#libs/reporting';
import { DashboardsService, ScoringService } from '#libs/scoring';
import { seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

/** What a reader compares: the number as printed and the light. */
const shown = (j: Judgement | null) => (j ? `${j.scoreText} ${j.lightLabel}` : 'ikke vurderet');

/**
 * The tilsyn report and the dashboard print the same numbers and lights for the same facility,
 * model version and year: every facility of a synthetic region plus the demo data (whose
 * Lærkereden year combines a visit and a closed survey), every published visit's report data
 * against the dashboard, which reads the stored scores.
 */
describe('report and dashboard agree', () => {
  let t: TestApp;
  const region: AuthUser = { ...REPORT_READER, role: Role.RegionStaff };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    await t.app.get(DemoVisitSeed).run(); // Lærkereden: a published visit and a closed survey in the same year
    await t.run(() => t.app.get(SyntheticRegion).generate({ facilities: 10, years: 3, lastYear: 2025 }));
  });
  afterAll(() => t.close());

  it('prints the same number and light for every score of every facility: 0 mismatches', async () => {
    const visits: { id: string; facilityId: string; modelVersionId: string; date: string }[] = await t.app
      .get(DataSource)
      .query(
        `select id, facility_id as "facilityId", model_version_id as "modelVersionId", to_char(planned_date, 'YYYY-MM-DD') as date
         from visit where status = 'published' order by facility_id, planned_date`,
      );
    const facilities = [...new Set(visits.map((v) => v.facilityId))];
    expect(facilities.length).toBeGreaterThanOrEqual(11); // ten synthetic facilities and Lærkereden

    const mismatches: string[] = [];
    let compared = 0;
    const same = (what: string, report: string, dashboard: string) => {
      compared++;
      if (report !== dashboard) mismatches.push(`${what}: rapport ${report}, resultatside ${dashboard}`);
    };
    await t.run(async () => {
      const dashboards = t.app.get(DashboardsService);
      const reports = t.app.get(ReportDataService);
      for (const facilityId of facilities) {
        const dashboard = await dashboards.facilityDashboard(region, facilityId);
        const current = dashboard.current!;
        const trend = new Map(current.trend.rows.map((r) => [r.label, r.cells]));
        for (const visit of visits.filter((v) => v.facilityId === facilityId)) {
          const report = await reports.build(REPORT_READER, visit.id);
          const at = `${report.facility.name} ${report.period}`;
          // every year: the overall score and each theme as the dashboard's trend table prints them
          const column = current.trend.periods.indexOf(report.period);
          same(`${at} samlet (udvikling)`, report.overall?.scoreText ?? '–', trend.get('Samlet score')![column]);
          for (const s of report.standards)
            same(
              `${at} ${s.code} (udvikling)`,
              s.judgement?.scoreText ?? '–',
              trend.get(`${s.code} ${s.title}`)![column],
            );
          if (report.period !== current.period) continue;
          // the current year in full: number and light of the whole, each theme, criterion and indicator
          same(`${at} samlet`, shown(report.overall), shown(current.overall));
          const dashboardNodes = new Map<string, Judgement | null>();
          for (const s of current.standards) {
            dashboardNodes.set(`s ${s.code}`, s.judgement);
            for (const c of s.criteria) {
              dashboardNodes.set(`c ${c.code}`, c.judgement);
              for (const i of c.indicators) dashboardNodes.set(`i ${i.code}`, i.judgement);
            }
            for (const i of s.indicators) dashboardNodes.set(`i ${i.code}`, i.judgement);
          }
          for (const s of report.standards) {
            same(`${at} ${s.code}`, shown(s.judgement), shown(dashboardNodes.get(`s ${s.code}`) ?? null));
            for (const c of s.criteria)
              same(`${at} ${c.code}`, shown(c.judgement), shown(dashboardNodes.get(`c ${c.code}`) ?? null));
          }
          // red indicators first in both, the same ones
          same(
            `${at} røde indikatorer`,
            report.critical.red.map((i) => `${i.code} ${shown(i.judgement)}`).join(', '),
            dashboard.critical!.red.map((i) => `${i.code} ${shown(i.judgement)}`).join(', '),
          );
        }
      }
    });
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });

  it('gives a draft report the scores the engine stores on publication (the same computation, not stored rows)', async () => {
    const visits: { id: string; facilityId: string; modelVersionId: string; period: number }[] = await t.app
      .get(DataSource)
      .query(
        `select id, facility_id as "facilityId", model_version_id as "modelVersionId", extract(year from planned_date)::int as period
           from visit where status = 'published' order by planned_date desc limit 5`,
      );
    const scoring = t.app.get(ScoringService);
    for (const v of visits) {
      const [stored, draft] = await t.run(() =>
        Promise.all([
          scoring.basis(v.facilityId, v.modelVersionId, v.period),
          scoring.basis(v.facilityId, v.modelVersionId, v.period, v.id),
        ]),
      );
      expect(stored.scores.size).toBeGreaterThan(0);
      expect([...draft.scores].sort()).toEqual(
        [...stored.scores].sort().map(([id, score]) => [id, expect.closeTo(score, 9)]),
      );
      expect(draft.sources).toEqual(stored.sources);
    }
  });

  it("states the sources in the report: Lærkereden's visit and its closed survey with respondents", async () => {
    const [visit] = await t.app
      .get(DataSource)
      .query(
        `select v.id from visit v join facility f on f.id = v.facility_id where f.name = 'Bostedet Lærkereden' and v.status = 'published'`,
      );
    const report = await t.run(() => t.app.get(ReportDataService).build(REPORT_READER, visit.id));
    expect(report.basis.lines.some((l) => /tilsynsbesøg \d+\. \w+ \d{4}$/.test(l))).toBe(true);
    expect(report.basis.lines.some((l) => /^Tilfredshedsundersøgelse: .*, 7 besvarelser$/.test(l))).toBe(true);
    const survey = report.basis.surveys[0];
    expect(survey.rows.length).toBeGreaterThan(0);
    for (const row of survey.rows) expect(row.respondents).toBeGreaterThanOrEqual(5);
  });
});
