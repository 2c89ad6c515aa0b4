import { countOf, formatDate } from '#libs/core';
import type { FacilityDto } from '#libs/facilities';
import {
  ASSESSMENT_LABELS,
  type ChecklistView,
  FINDING_KIND_LABELS,
  type FindingKind,
  type HearingCommentView,
  VISIT_KIND_LABELS,
  type VisitKind,
} from '#libs/inspections';
import {
  EVIDENCE_SOURCE_LABELS,
  type EvidenceSource,
  type JudgedIndicator,
  type Judgement,
  judge,
  judgeScores,
  type QualityModelTree,
  ROLLUP_METHOD_LABELS,
  type RollupRule,
  type Scale,
  type ScoreBasis,
  sourceLines,
  surveyRows,
} from '#libs/quality-model';
import { type RadarChart, radarChart } from './radar-chart.js';
import type { ReportAuthority } from './report-authority.service.js';

/** Where a rating came from: a source, the inspector's note, and a file by name and SHA-256. */
export interface EvidenceLine {
  sourceLabel: string;
  note: string;
  attachment: { fileName: string; sha256: string } | null;
  /** A photo the inspector marked for the report, embedded as a data URI. */
  photo: { src: string; caption: string } | null;
}

export interface IndicatorSection {
  code: string;
  text: string;
  /** "4 – I høj grad opfyldt", "Ikke relevant", … */
  assessmentLabel: string;
  /** The indicator's score for the period (the engine's), when it is not simply this visit's rating. */
  periodJudgement: Judgement | null;
  rated: boolean;
  justification: string;
  evidence: EvidenceLine[];
  /** The evidence lines with a photo for the report, shown beside the indicator. */
  photos: { src: string; caption: string }[];
  focusGroupNotes: { participants: string; text: string }[];
  findings: { kindLabel: string; text: string }[];
}

export interface CriterionSection {
  code: string;
  text: string;
  judgement: Judgement | null;
  indicators: IndicatorSection[];
}

export interface StandardSection {
  /** Anchor of the section, for the table of contents and the PDF outline. */
  anchor: string;
  code: string;
  title: string;
  purpose: string;
  judgement: Judgement | null;
  /** The inspector's written assessment of the theme (empty when none was written). */
  assessment: string;
  criteria: CriterionSection[];
  indicators: IndicatorSection[];
}

export interface FindingLine {
  kindLabel: string;
  text: string;
  owner: string;
  deadline: string | null;
  indicatorCodes: string;
}

export interface TocEntry {
  anchor: string;
  title: string;
  level: 1 | 2;
  /** Filled in by the PDF renderer once it knows where the heading lands. */
  page: number | '';
}

/** Who issues the report: the region's tilsyn, set once by region staff (null until it is). */
export interface ReportIssuer {
  name: string;
  addressLines: string[];
  contactLines: string[];
  /** The logo as a data URI, or null. */
  logo: string | null;
}

/**
 * Everything a report template sees. All strings are plain text: the templates escape them.
 * The standard template prints, in this order: cover (issuer, facts, contents), summary
 * (overall assessment, red indicators, orders and recommendations with deadlines), basic facts,
 * scores and what they rest on (survey results that count), each theme with its written
 * assessment and indicators, findings, the høring (where there was one), method and sources.
 */
export interface ReportData {
  title: string;
  /** The document's author in its properties: the issuing authority, else "Tilsynet". */
  author: string;
  issuer: ReportIssuer | null;
  /** A draft sent to the facility for partshøring: marked "Udkast – i høring" on every page. */
  draft: boolean;
  generatedAt: string;
  facility: {
    name: string;
    address: string;
    municipality: string;
    typeName: string;
    legalBasis: string;
    targetGroups: string;
    places: number | null;
    units: string;
    leaders: string;
  };
  visit: {
    kindLabel: string;
    date: string;
    inspectors: string;
    method: string;
    approvedAt: string | null;
    /** Who approved the draft (the second pair of eyes). */
    approvedBy: string;
    publishedAt: string | null;
    /** The themes an unannounced visit covered ("2 Selvstændighed …, 5 …"); empty: the whole model. */
    themes: string;
  };
  /** The partshøring: when sent and answered, what each comment led to; null before høring. */
  hearing: {
    sentAt: string;
    deadline: string;
    answeredAt: string | null;
    publishReason: string;
    comments: { subject: string; text: string; outcomeLabel: string; outcomeReason: string }[];
  } | null;
  model: { name: string; number: number; standardLabel: string; scale: Scale; rollupNote: string };
  /** The period (year) whose stored scores the report prints: the same the dashboard shows for it. */
  period: number;
  overall: Judgement | null;
  /** The summary page after the cover: the written overall assessment and what the facility must act on. */
  summary: {
    overallAssessment: string;
    red: (JudgedIndicator & { standardCode: string })[];
    /** Orders first, then recommendations, each by deadline. */
    actions: FindingLine[];
  };
  /** The critical first: indicators judged red and the visit's orders (påbud). */
  critical: { red: (JudgedIndicator & { standardCode: string })[]; orders: FindingLine[] };
  /** What the scores rest on: the period's visits and the closed surveys, with the survey results that count. */
  basis: {
    lines: string[];
    surveys: (ScoreBasis['sources']['surveys'][number] & {
      rows: ReturnType<typeof surveyRows>;
    })[];
  };
  standards: StandardSection[];
  chart: RadarChart;
  findings: FindingLine[];
  orders: FindingLine[];
  sources: {
    method: string;
    evidence: { label: string; count: number }[];
    attachments: { fileName: string; sha256: string; kb: number }[];
    focusGroups: number;
    indicatorsRated: number;
    indicatorsTotal: number;
    /** The sources in sentences, plurals right: visit date, interviews, documents, focus groups, surveys with n. */
    lines: string[];
  };
  toc: TocEntry[];
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const INTERVIEWS: [EvidenceSource, string, string][] = [
  ['interview_leader', 'ledelsen', 'ledelsen'],
  ['interview_staff', 'medarbejdere', 'medarbejdere'],
  ['interview_resident', 'borgere', 'borgere'],
  ['interview_relative', 'pårørende', 'pårørende'],
];

/**
 * The report's sources as sentences with the plurals right ("1 fokusgruppe", "2 dokumenter"):
 * the visit and its date, the interviews (with whom, and for how many indicators), the documents
 * reviewed, observation, the focus groups and the surveys that count, with their respondents.
 */
function sourceSentences(checklist: ChecklistView, surveys: ScoreBasis['sources']['surveys']): string[] {
  const v = checklist.visit;
  const used = new Map<string, Set<string>>();
  for (const i of checklist.indicators)
    for (const e of i.answer?.evidence ?? []) {
      if (!used.has(e.source)) used.set(e.source, new Set());
      used.get(e.source)!.add(i.id);
    }
  const n = (source: string) => used.get(source)?.size ?? 0;
  const indicatorsOf = (source: string) => countOf(n(source), 'indikator', 'indikatorer');
  const out = [
    `${VISIT_KIND_LABELS[v.kind as VisitKind]} tilsynsbesøg ${formatDate(v.plannedDate)} ved ${joinNames(v.inspectors.map((i) => i.name))}.`,
  ];
  const interviews = INTERVIEWS.filter(([s]) => n(s));
  out.push(
    interviews.length
      ? `Interview med ${interviews.map(([s, who]) => `${who} (${indicatorsOf(s)})`).join(', ')}.`
      : 'Ingen interview er angivet som kilde.',
  );
  const documents = checklist.attachments.filter((a) => a.contentType === 'application/pdf');
  const photos = checklist.attachments.length - documents.length;
  out.push(
    documents.length
      ? `${countOf(documents.length, 'dokument', 'dokumenter')} gennemgået: ${documents.map((d) => d.fileName).join(', ')}${n('documentation') ? `; dokumentation er kilde til ${indicatorsOf('documentation')}` : ''}.`
      : n('documentation')
        ? `Dokumentation er kilde til ${indicatorsOf('documentation')}.`
        : 'Ingen dokumenter er vedhæftet.',
  );
  if (n('observation') || photos)
    out.push(
      `Observation ved besøget (${indicatorsOf('observation')}${photos ? `, ${countOf(photos, 'foto', 'fotos')}` : ''}).`,
    );
  const groups = checklist.focusGroupNotes.length;
  out.push(
    groups
      ? `Oplysninger fra ${countOf(groups, 'fokusgruppe', 'fokusgrupper')}: ${checklist.focusGroupNotes
          .map((g) => g.participants)
          .filter(Boolean)
          .join('; ')}.`
      : 'Der var ingen fokusgrupper ved besøget.',
  );
  for (const s of surveys)
    out.push(
      `Tilfredshedsundersøgelse: ${s.title}, ${formatDate(s.periodStart)} – ${formatDate(s.periodEnd)}, ${countOf(s.respondents, 'besvarelse', 'besvarelser')}.`,
    );
  if (!surveys.length) out.push('Ingen tilfredshedsundersøgelse tæller med i årets scorer.');
  return out;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const joinNames = (xs: string[]) => xs.filter(Boolean).join(', ');

export interface ReportInput {
  checklist: ChecklistView;
  hearingComments?: HearingCommentView[];
  model: QualityModelTree;
  facility: FacilityDto;
  /** The stored scores of the visit's facility, model version and year, from the score engine. */
  basis: ScoreBasis;
  generatedAt: Date;
  /** Photos marked for the report, as data URIs by attachment id. */
  photos?: Map<string, string>;
  /** The issuing authority as region staff set it; null while not set. */
  authority?: ReportAuthority | null;
}

const describe = (rule: RollupRule) => ROLLUP_METHOD_LABELS[rule.method].toLowerCase();

/** How the engine formed the scores, in words, for the report's method section. */
function rollupNote(model: QualityModelTree): string {
  const label = model.standardLabel.toLowerCase();
  const hasCriteria = model.standards.some((s) => s.criteria.length);
  return [
    'En indikators score er gennemsnittet af årets besøgsvurderinger, kombineret med tilfredshedsundersøgelsernes score efter kriteriereglen.',
    hasCriteria ? `Score pr. kriterium: ${describe(model.rollup.criterion)} af indikatorernes scorer.` : '',
    `Score pr. ${label}: ${describe(model.rollup.standard)} af ${hasCriteria ? 'kriteriernes' : 'indikatorernes'} scorer.`,
    `Samlet score: ${describe(model.rollup.overall)} af ${label}-scorerne.`,
    'Indikatorer, der ikke er relevante eller ikke er vurderet, tæller ikke med.',
    'Tallet vises med én decimal, og vurdering og trafiklys gælder det viste tal.',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The report of one visit: the scores are the score engine's for the visit's facility, model version
 * and year (the same the dashboard shows, never rolled up again here), with the trail behind each
 * rating of this visit.
 */
export function buildReportData({
  checklist,
  model: fullModel,
  facility,
  basis,
  generatedAt,
  hearingComments = [],
  photos,
  authority = null,
}: ReportInput): ReportData {
  const v = checklist.visit;
  // a visit scoped to themes reports on those themes only
  const themeIds = new Set(v.themes.map((t) => t.id));
  const model = themeIds.size
    ? { ...fullModel, standards: fullModel.standards.filter((s) => themeIds.has(s.id)) }
    : fullModel;
  const judged = judgeScores(model, basis.scores);
  const j = (id: string) => judge(model, basis.scores.get(id) ?? null);
  const inScope = new Set(checklist.indicators.map((i) => i.id));
  const attachments = new Map(checklist.attachments.map((a) => [a.id, a]));
  const codes = new Map(checklist.indicators.map((i) => [i.id, i.code]));
  const levels = new Map(model.scale.levels.map((l) => [l.value, l.label]));

  const indicatorSection = (id: string): IndicatorSection => {
    const i = checklist.indicators.find((x) => x.id === id)!;
    const a = i.answer;
    const assessmentLabel = !a
      ? 'Ikke besvaret'
      : a.assessment === 'rated'
        ? `${a.rating} – ${levels.get(a.rating!) ?? ''}`
        : ASSESSMENT_LABELS[a.assessment as keyof typeof ASSESSMENT_LABELS];
    const period = j(id);
    const evidence = (a?.evidence ?? []).map((e): EvidenceLine => {
      const file = e.attachmentId ? attachments.get(e.attachmentId) : undefined;
      const sourceLabel = EVIDENCE_SOURCE_LABELS[e.source as EvidenceSource] ?? e.source;
      const src = e.inReport && e.attachmentId ? photos?.get(e.attachmentId) : undefined;
      return {
        sourceLabel,
        note: e.note,
        attachment: file ? { fileName: file.fileName, sha256: file.sha256 } : null,
        photo: src ? { src, caption: `${i.code}: ${e.note || sourceLabel}` } : null,
      };
    });
    return {
      code: i.code,
      text: i.text,
      assessmentLabel,
      periodJudgement: period && !(a?.assessment === 'rated' && period.score === a.rating) ? period : null,
      rated: a?.assessment === 'rated',
      justification: a?.justification ?? '',
      evidence,
      photos: evidence.flatMap((e) => (e.photo ? [e.photo] : [])),
      focusGroupNotes: checklist.focusGroupNotes
        .filter((n) => n.indicatorIds.includes(id))
        .map((n) => ({ participants: n.participants, text: n.text })),
      findings: checklist.findings
        .filter((f) => f.indicatorIds.includes(id))
        .map((f) => ({ kindLabel: FINDING_KIND_LABELS[f.kind as FindingKind], text: f.text })),
    };
  };

  const themeTexts = new Map((checklist.themeAssessments ?? []).map((t) => [t.standardId, t.text]));
  const scoped = (list: { id: string }[]) => list.filter((i) => inScope.has(i.id)).map((i) => indicatorSection(i.id));
  const standards: StandardSection[] = model.standards
    .map((s) => ({
      code: s.code,
      title: s.title,
      purpose: s.purpose,
      judgement: j(s.id),
      assessment: themeTexts.get(s.id) ?? '',
      criteria: s.criteria
        .map((c) => ({ code: c.code, text: c.text, judgement: j(c.id), indicators: scoped(c.indicators) }))
        .filter((c) => c.judgement || c.indicators.length),
      indicators: scoped(s.indicators),
    }))
    .filter((s) => s.judgement || s.criteria.length || s.indicators.length)
    .map((s, n) => ({ anchor: `afsnit-${n + 1}`, ...s }));

  const findingLine = (f: ChecklistView['findings'][number]): FindingLine => ({
    kindLabel: FINDING_KIND_LABELS[f.kind as FindingKind],
    text: f.text,
    owner: f.owner,
    deadline: f.deadline,
    indicatorCodes: f.indicatorIds
      .map((id) => codes.get(id))
      .filter(Boolean)
      .join(', '),
  });

  const orders = checklist.findings.filter((f) => f.kind === 'order').map(findingLine);

  const evidenceCounts = new Map<string, number>();
  for (const i of checklist.indicators) {
    for (const e of i.answer?.evidence ?? []) evidenceCounts.set(e.source, (evidenceCounts.get(e.source) ?? 0) + 1);
  }

  const byDeadline = (a: FindingLine, b: FindingLine) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999');
  const actions = [
    ...orders.sort(byDeadline),
    ...checklist.findings
      .filter((f) => f.kind === 'recommendation')
      .map(findingLine)
      .sort(byDeadline),
  ];

  const label = model.standardLabel;
  const toc: TocEntry[] = [
    { anchor: 'stamoplysninger', title: 'Stamoplysninger', level: 1, page: '' },
    { anchor: 'sammenfatning', title: 'Sammenfatning', level: 1, page: '' },
    { anchor: 'samlet-vurdering', title: 'Scorer', level: 1, page: '' },
    { anchor: 'scoregrundlag', title: 'Scorernes grundlag', level: 1, page: '' },
    ...standards.map(
      (s): TocEntry => ({ anchor: s.anchor, title: `${label} ${s.code}: ${s.title}`, level: 2, page: '' }),
    ),
    { anchor: 'fund', title: 'Fund og påbud', level: 1, page: '' },
    ...(v.hearing ? [{ anchor: 'hoering', title: 'Høring', level: 1 as const, page: '' as const }] : []),
    { anchor: 'datakilder', title: 'Metode og datakilder', level: 1, page: '' },
  ];

  const issuer: ReportIssuer | null = authority && {
    name: authority.name,
    addressLines: lines(authority.address),
    contactLines: lines(authority.contact),
    logo: authority.logo,
  };
  const approverOf = v.approvedByName;

  return {
    title: `Tilsynsrapport – ${facility.name}`,
    author: authority?.name || 'Tilsynet',
    issuer,
    draft: v.status === 'in_hearing' || v.status === 'hearing_answered',
    generatedAt: generatedAt.toISOString(),
    facility: {
      name: facility.name,
      address: facility.address,
      municipality: facility.municipality,
      typeName: facility.type.name,
      legalBasis: facility.type.legalBasis,
      targetGroups: joinNames(facility.targetGroups),
      places: facility.places,
      units: joinNames(facility.units),
      leaders: joinNames(facility.leaders.map((l) => l.name)),
    },
    visit: {
      kindLabel: VISIT_KIND_LABELS[v.kind as VisitKind],
      date: v.plannedDate,
      inspectors: joinNames(v.inspectors.map((i) => i.name)),
      method: v.method,
      approvedAt: iso(v.approvedAt),
      approvedBy: approverOf ?? '',
      publishedAt: iso(v.publishedAt),
      themes: v.themes.map((t) => `${t.code} ${t.title}`).join(', '),
    },
    hearing: v.hearing && {
      sentAt: iso(v.hearing.sentAt)!,
      deadline: v.hearing.deadline,
      answeredAt: iso(v.hearing.answeredAt),
      publishReason: v.publishReason,
      comments: hearingComments.map((c) => ({
        subject: c.subject,
        text: c.text,
        outcomeLabel: c.outcomeLabel,
        outcomeReason: c.outcomeReason,
      })),
    },
    model: {
      name: model.name,
      number: model.number,
      standardLabel: label,
      scale: model.scale,
      rollupNote: rollupNote(model),
    },
    period: basis.period,
    overall: judged.overall,
    summary: { overallAssessment: v.overallAssessment ?? '', red: judged.red, actions },
    critical: { red: judged.red, orders },
    basis: {
      lines: sourceLines(basis.sources),
      surveys: basis.sources.surveys.map((r) => ({ ...r, rows: surveyRows(r) })),
    },
    standards,
    // the radar names its themes; the score table beside it carries the numbers
    chart: radarChart(
      `Score pr. ${label.toLowerCase()}`,
      standards.map((s) => ({ label: s.title, score: s.judgement?.score ?? null })),
      Math.max(...model.scale.levels.map((l) => l.value)),
    ),
    findings: checklist.findings.filter((f) => f.kind !== 'order').map(findingLine),
    orders,
    sources: {
      method: v.method,
      evidence: [...evidenceCounts].map(([source, count]) => ({
        label: EVIDENCE_SOURCE_LABELS[source as EvidenceSource] ?? source,
        count,
      })),
      attachments: checklist.attachments.map((a) => ({
        fileName: a.fileName,
        sha256: a.sha256,
        kb: Math.ceil(a.size / 1024),
      })),
      focusGroups: checklist.focusGroupNotes.length,
      lines: sourceSentences(checklist, basis.sources.surveys),
      indicatorsRated: checklist.indicators.filter((i) => i.answer?.assessment === 'rated').length,
      indicatorsTotal: checklist.indicators.length,
    },
    toc,
  };
}
