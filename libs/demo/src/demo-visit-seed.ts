import { Injectable } from '@nestjs/common';
import { type AuthUser, toAuthUser, UsersRepository } from '#libs/auth';
import { RequestContext } from '#libs/core';
import { FacilitiesRepository } from '#libs/facilities';
import { ChecklistService, FindingsService, VisitsService } from '#libs/inspections';
import { QualityModelService } from '#libs/quality-model';

const JUSTIFICATIONS = [
  'Beboerne fortæller, at de selv har været med til at sætte deres mål, og handleplanerne viser opfølgning hver tredje måned.',
  'Medarbejderne beskriver samstemmende praksis, som den står i retningslinjen; enkelte eksempler mangler i dokumentationen.',
  'Observeret ved rundgangen: rolig stemning, og borgerne blev spurgt, før der blev hjulpet.',
];

/**
 * One published socialtilsyn visit at Bostedet Lærkereden, so reports, scores and follow-up can be
 * tried right after `npm start`. It goes through the real workflow (plan, answers, findings,
 * submit, four-eyes approval, publish), so every step is in the audit trail.
 */
@Injectable()
export class DemoVisitSeed {
  constructor(
    private readonly users: UsersRepository,
    private readonly facilities: FacilitiesRepository,
    private readonly models: QualityModelService,
    private readonly visits: VisitsService,
    private readonly checklist: ChecklistService,
    private readonly findings: FindingsService,
  ) {}

  /** Does nothing when the facility already has a visit. Returns whether it seeded. */
  async run(): Promise<boolean> {
    const [inspector, region] = await Promise.all(['inspektor@tilsyn.demo', 'region@tilsyn.demo'].map((e) => this.users.findByEmail(e)));
    const facility = (await this.facilities.list({ ids: 'all', q: 'Bostedet Lærkereden' }))[0];
    if (!inspector || !region || !facility) return false;
    const as = (u: AuthUser) => <T>(fn: () => Promise<T>) => RequestContext.run({ requestId: 'demo-seed', user: u }, fn);
    const ivan = toAuthUser(inspector);
    const rikke = toAuthUser(region);
    if ((await this.visits.list(rikke, { facilityId: facility.id })).length) return false;
    const model = (await this.models.list(rikke)).find((m) => m.key === 'socialtilsyn' && m.status === 'published');
    if (!model) return false;

    const visit = await as(ivan)(() =>
      this.visits.plan(ivan, {
        facilityId: facility.id, kind: 'announced', plannedDate: '2026-10-14', inspectorIds: [ivan.id], modelVersionId: model.id,
        method: 'Interview med leder og tre medarbejdere, samtale med fire beboere, gennemgang af handleplaner og observation i fællesarealerne.',
      }),
    );
    const { indicators } = await this.checklist.checklist(ivan, visit.id);
    for (const [n, indicator] of indicators.entries()) {
      await as(ivan)(() =>
        this.checklist.saveAnswer(ivan, visit.id, indicator.id, {
          assessment: 'rated', rating: [4, 5, 3, 4][n % 4], justification: JUSTIFICATIONS[n % JUSTIFICATIONS.length], version: 0,
          evidence: [{ source: n % 2 ? 'interview_staff' : 'interview_resident', note: n % 2 ? 'Tre medarbejdere' : 'Fire beboere' }, { source: 'documentation', note: 'Handleplaner' }],
        }),
      );
    }
    await as(ivan)(() =>
      this.findings.add(ivan, visit.id, { kind: 'recommendation', text: 'Beskriv i handleplanerne, hvordan beboerne inddrages i opfølgningen.', owner: 'Afdelingsleder', indicatorIds: [indicators[0].id] }),
    );
    await as(ivan)(() =>
      this.findings.add(ivan, visit.id, { kind: 'order', text: 'Indberet alle magtanvendelser inden for den frist, loven fastsætter.', owner: 'Forstander', deadline: '2027-01-15', indicatorIds: [] }),
    );
    const submitted = await as(ivan)(() => this.visits.transition(ivan, visit.id, 'submit', { version: visit.version }, () => this.checklist.unanswered(visit.id)));
    const approved = await as(rikke)(() => this.visits.transition(rikke, visit.id, 'approve', { version: submitted.version }));
    await as(rikke)(() => this.visits.transition(rikke, visit.id, 'publish', { version: approved.version }));
    return true;
  }
}
