import { Injectable } from '@nestjs/common';
import { type AuthUser, toAuthUser, UsersRepository } from '#libs/auth';
import { addDays, RequestContext, thisYear, today } from '#libs/core';
import { FacilitiesRepository } from '#libs/facilities';
import { ChecklistService, FindingsService, HearingService, VisitsService } from '#libs/inspections';
import { QualityModelService } from '#libs/quality-model';
import { SurveyResponsesService, SurveyRoundsService } from '#libs/surveys';

const JUSTIFICATIONS = [
  'Beboerne fortæller, at de selv har været med til at sætte deres mål, og handleplanerne viser opfølgning hver tredje måned.',
  'Medarbejderne beskriver samstemmende praksis, som den står i retningslinjen; enkelte eksempler mangler i dokumentationen.',
  'Observeret ved rundgangen: rolig stemning, og borgerne blev spurgt, før der blev hjulpet.',
];

/** Seven residents' answers on the smiley scale (1–5), one row per resident, cycled over the questions. */
const RESIDENT_SCORES = [5, 4, 4, 3, 5, 4, 2];
const RESIDENT_TEXTS = ['Jeg kan godt lide haven.', 'Maden er god om søndagen.', 'Der er for meget larm om aftenen.'];

/** Six weeks ago, but in this year, so the visit and today's survey score in the same period. */
function visitDate(): string {
  const sixWeeksAgo = addDays(today(), -42);
  return sixWeeksAgo.slice(0, 4) === String(thisYear()) ? sixWeeksAgo : `${thisYear()}-01-01`;
}

/**
 * One published socialtilsyn visit at Bostedet Lærkereden and a closed resident survey there, so
 * reports, scores (visit and survey combined) and follow-up can be tried right after `npm start`.
 * Both go through the real workflow (plan, answers, findings, submit, four-eyes approval, høring
 * with the leader's answer and its recorded outcome, publish;
 * round, codes, anonymous answers, close), so every step is in the audit trail.
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
    private readonly hearing: HearingService,
    private readonly rounds: SurveyRoundsService,
    private readonly responses: SurveyResponsesService,
  ) {}

  /** Does nothing when the facility already has a visit. Returns whether it seeded. */
  async run(): Promise<boolean> {
    const [inspector, region, leader] = await Promise.all(
      ['inspektor@tilsyn.demo', 'region@tilsyn.demo', 'leder@tilsyn.demo'].map((e) => this.users.findByEmail(e)),
    );
    const facility = (await this.facilities.list({ ids: 'all', q: 'Bostedet Lærkereden' }))[0];
    if (!inspector || !region || !leader || !facility) return false;
    const as =
      (u: AuthUser) =>
      <T>(fn: () => Promise<T>) =>
        RequestContext.run({ requestId: 'demo-seed', user: u }, fn);
    const ivan = toAuthUser(inspector);
    const rikke = toAuthUser(region);
    const lene = toAuthUser(leader);
    if ((await this.visits.list(rikke, { facilityId: facility.id })).length) return false;
    const model = (await this.models.list(rikke)).find((m) => m.key === 'socialtilsyn' && m.status === 'published');
    if (!model) return false;

    const visit = await as(ivan)(() =>
      this.visits.plan(ivan, {
        facilityId: facility.id,
        kind: 'announced',
        plannedDate: visitDate(),
        inspectorIds: [ivan.id],
        modelVersionId: model.id,
        method:
          'Interview med leder og tre medarbejdere, samtale med fire beboere, gennemgang af handleplaner og observation i fællesarealerne.',
      }),
    );
    const { indicators } = await this.checklist.checklist(ivan, visit.id);
    for (const [n, indicator] of indicators.entries()) {
      await as(ivan)(() =>
        this.checklist.saveAnswer(ivan, visit.id, indicator.id, {
          assessment: 'rated',
          rating: [4, 5, 3, 4][n % 4],
          justification: JUSTIFICATIONS[n % JUSTIFICATIONS.length],
          version: 0,
          evidence: [
            {
              source: n % 2 ? 'interview_staff' : 'interview_resident',
              note: n % 2 ? 'Tre medarbejdere' : 'Fire beboere',
            },
            { source: 'documentation', note: 'Handleplaner' },
          ],
        }),
      );
    }
    await as(ivan)(() =>
      this.findings.add(ivan, visit.id, {
        kind: 'recommendation',
        text: 'Beskriv i handleplanerne, hvordan beboerne inddrages i opfølgningen.',
        owner: 'Afdelingsleder',
        deadline: '2027-03-01',
        indicatorIds: [indicators[0].id],
      }),
    );
    await as(ivan)(() =>
      this.findings.add(ivan, visit.id, {
        kind: 'order',
        text: 'Indberet alle magtanvendelser inden for den frist, loven fastsætter.',
        owner: 'Forstander',
        deadline: '2027-01-15',
        indicatorIds: [],
      }),
    );
    const { themeAssessments } = await this.checklist.checklist(ivan, visit.id);
    await as(ivan)(() =>
      this.checklist.saveAssessments(ivan, visit.id, {
        overall: [
          'Tilsynet vurderer samlet, at Bostedet Lærkereden har en god kvalitet. Beboerne trives, bliver hørt og oplever, at personalet kender dem. Ledelsen er synlig og har en klar retning for det pædagogiske arbejde.',
          'Tilsynet har givet et påbud om at indberette magtanvendelser inden for lovens frist og anbefaler, at handleplanerne beskriver, hvordan beboerne inddrages i opfølgningen.',
          'Konklusion: Tilbuddet er fortsat egnet til målgruppen.',
        ].join('\n\n'),
        themes: themeAssessments.map((t) => ({
          standardId: t.standardId,
          text: `Tilsynet vurderer, at tilbuddet i høj grad arbejder målrettet med ${t.title.toLowerCase()}. Medarbejderne kan redegøre for praksis, og beboernes fortællinger bekræfter billedet.`,
        })),
      }),
    );
    const submitted = await as(ivan)(() =>
      this.visits.transition(ivan, visit.id, 'submit', { version: visit.version }),
    );
    const approved = await as(rikke)(() =>
      this.visits.transition(rikke, visit.id, 'approve', { version: submitted.version }),
    );
    const inHearing = await as(rikke)(() =>
      this.visits.transition(rikke, visit.id, 'send_for_hearing', { version: approved.version }),
    );
    const answered = await as(lene)(() =>
      this.hearing.answer(lene, visit.id, {
        version: inHearing.version,
        overall: 'Vi genkender billedet og arbejder allerede med handleplanerne.',
      }),
    );
    const [comment] = await this.hearing.commentsOf(visit.id, model.id);
    await as(rikke)(() =>
      this.hearing.recordOutcome(rikke, visit.id, comment.id, {
        version: comment.version,
        outcome: 'not_changed',
        reason: 'Bemærkningen bekræfter vurderingen; anbefalingen står.',
      }),
    );
    await as(rikke)(() => this.visits.transition(rikke, visit.id, 'publish', { version: answered.version }));
    await as(rikke)(() => this.residentSurvey(rikke, facility.id, model.id));
    return true;
  }

  /** A resident survey answered by seven and closed, so its results count in the scores. */
  private async residentSurvey(region: AuthUser, facilityId: string, modelVersionId: string) {
    const round = await this.rounds.create(region, {
      facilityId,
      questionnaireKey: 'beboere',
      modelVersionId,
      periodStart: today(),
      periodEnd: today(),
    });
    const codes = await this.rounds.issueInvitations(region, round.id, { count: 9 }, async ({ codes }) => codes);
    const questions = this.rounds.questionnaires.get('beboere')!.questions;
    for (const [r, code] of codes.slice(0, RESIDENT_SCORES.length).entries()) {
      const answers = Object.fromEntries(
        questions.map((q, i) => [
          q.code,
          q.kind === 'scale'
            ? Math.max(1, RESIDENT_SCORES[(r + i) % RESIDENT_SCORES.length] - (i % 3 === 2 ? 1 : 0))
            : q.kind === 'yes_no'
              ? r % 3
                ? 'yes'
                : 'no'
              : RESIDENT_TEXTS[r % RESIDENT_TEXTS.length],
        ]),
      );
      await this.responses.submit(code, answers);
    }
    await this.rounds.close(region, round.id, (await this.rounds.get(region, round.id)).version);
  }
}
