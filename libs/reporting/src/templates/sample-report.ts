import type { FacilityDto } from '#libs/facilities';
import type { ChecklistView } from '#libs/inspections';
import type { QualityModelTree } from '#libs/quality-model';
import { buildReportData, type ReportData } from '../report-data.js';

/**
 * A small, fictional report: what an uploaded template is trial-rendered against before it is
 * stored, so a template that fails at run time is refused at upload rather than in a batch.
 */
export function sampleReportData(): ReportData {
  const themes = ['Selvstændighed og relationer', 'Sundhed og trivsel', 'Fysiske rammer'];
  const indicator = (t: number, n: number) => ({
    id: `i${t}${n}`,
    code: `${t + 1}${'ab'[n]}`,
    text: `Eksempel på indikator ${t + 1}${'ab'[n]}`,
    weight: 1,
  });
  const model = {
    id: 'model',
    name: 'Eksempelmodel',
    number: 1,
    standardLabel: 'Tema',
    scale: { note: '', levels: [5, 4, 3, 2, 1].map((value) => ({ value, label: `Niveau ${value}`, meaning: '' })) },
    trafficLight: { green: 4, yellow: 3 },
    rollup: { criterion: { method: 'mean' }, standard: { method: 'mean' }, overall: { method: 'mean' } },
    standards: themes.map((title, t) => ({
      id: `s${t}`,
      code: String(t + 1),
      title,
      purpose: '',
      weight: 1,
      indicators: [],
      criteria: [
        {
          id: `c${t}`,
          code: `K${t + 1}`,
          text: `Eksempel på kriterium ${t + 1}`,
          weight: 1,
          indicators: [indicator(t, 0), indicator(t, 1)],
        },
      ],
    })),
  } as unknown as QualityModelTree;
  const attachment = {
    id: 'a1',
    fileName: 'referat.pdf',
    contentType: 'application/pdf',
    size: 2048,
    sha256: '0'.repeat(64),
    uploadedAt: new Date(0),
  };
  const checklist = {
    visit: {
      kind: 'announced',
      plannedDate: '2026-01-15',
      method: 'Interview med leder og medarbejdere',
      inspectors: [{ id: 'u1', name: 'Eksempel Inspektør' }],
      approvedAt: null,
      approvedByName: 'Eksempel Godkender',
      overallAssessment: 'Eksempel på den samlede vurdering.\n\nKonklusion: tilbuddet er egnet.',
      publishedAt: null,
      themes: [],
      hearing: null,
      publishReason: '',
    },
    indicators: themes.flatMap((_, t) =>
      [0, 1].map((n) => ({
        ...indicator(t, n),
        answer: {
          assessment: 'rated',
          rating: 3 + n,
          justification: 'Begrundelse.',
          evidence: [{ source: 'interview_staff', note: 'Note', attachmentId: 'a1' }],
        },
      })),
    ),
    themeAssessments: themes.map((title, t) => ({
      standardId: `s${t}`,
      code: String(t + 1),
      title,
      text: `Eksempel på vurderingen af ${title.toLowerCase()}.`,
    })),
    attachments: [attachment],
    focusGroupNotes: [
      { id: 'n1', participants: 'Tre beboere', text: 'Noter.', indicatorIds: ['i00'], createdAt: new Date(0) },
    ],
    findings: [
      {
        id: 'f1',
        kind: 'order',
        text: 'Eksempel på påbud',
        owner: 'Leder',
        deadline: '2026-03-01',
        indicatorIds: ['i00'],
      },
      {
        id: 'f2',
        kind: 'development_point',
        text: 'Eksempel på udviklingspunkt',
        owner: '',
        deadline: null,
        indicatorIds: [],
      },
    ],
  } as unknown as ChecklistView;
  const facility = {
    name: 'Eksempeltilbuddet',
    address: 'Eksempelvej 1',
    municipality: 'Eksempelkommune',
    type: { name: 'Botilbud', legalBasis: 'SEL § 108' },
    targetGroups: ['Voksne'],
    places: 10,
    units: [],
    leaders: [{ name: 'Eksempel Leder' }],
  } as unknown as FacilityDto;
  // fixed, illustrative scores (a real report reads the score engine's)
  const scores = new Map<string, number>([['model', 3.7]]);
  themes.forEach((_, t) => {
    scores.set(`i${t}0`, 3);
    scores.set(`i${t}1`, 4 - t);
    scores.set(`s${t}`, 3.5 - t / 2);
    scores.set(`c${t}`, 3.5 - t / 2);
  });
  const basis = {
    facilityId: 'f1',
    modelVersionId: 'model',
    period: 2026,
    scores,
    sources: {
      visits: [{ id: 'v1', date: '2026-01-15', kindLabel: 'Anmeldt' }],
      surveys: [
        {
          id: 'r1',
          title: 'Eksempel på beboerundersøgelse',
          periodStart: '2026-01-01',
          periodEnd: '2026-01-31',
          respondents: 7,
          indicators: [
            { id: 'i00', code: '1a', text: 'Eksempel på indikator 1a', respondents: 7, mean: 3.9, score: 3.9 },
          ],
        },
      ],
    },
  };
  const authority = {
    name: 'Eksempelregionens Socialtilsyn',
    address: 'Tilsynsvej 1\n8000 Aarhus C',
    contact: 'Telefon 70 00 00 00\ntilsyn@eksempel.dk',
    logo: null,
    version: 1,
  };
  return buildReportData({ checklist, model, facility, basis, generatedAt: new Date(0), authority });
}
