/** The words of the catalogue: stored as stable English keys, shown with the users' Danish labels. */

export const INDICATOR_KINDS = ['guideline', 'practice', 'monitoring', 'improvement'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** The four steps (trin) of the regional model, as in DDKM. */
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  guideline: 'Trin 1 – Retningslinje',
  practice: 'Trin 2 – Praksis',
  monitoring: 'Trin 3 – Kvalitetsovervågning',
  improvement: 'Trin 4 – Kvalitetsforbedring',
};

export const EVIDENCE_SOURCES = [
  'interview_leader',
  'interview_staff',
  'interview_resident',
  'interview_relative',
  'documentation',
  'observation',
  'focus_group',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  interview_leader: 'Interview med ledelse',
  interview_staff: 'Interview med medarbejdere',
  interview_resident: 'Interview med borgere',
  interview_relative: 'Interview med pårørende',
  documentation: 'Dokumentation',
  observation: 'Observation',
  focus_group: 'Fokusgruppe',
};

export type VersionStatus = 'draft' | 'published' | 'retired';

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Kladde',
  published: 'Udgivet',
  retired: 'Udgået',
};

export const ROLLUP_METHODS = ['mean', 'minimum', 'weighted', 'capped'] as const;
export type RollupMethod = (typeof ROLLUP_METHODS)[number];

export const ROLLUP_METHOD_LABELS: Record<RollupMethod, string> = {
  mean: 'Gennemsnit',
  minimum: 'Laveste værdi',
  weighted: 'Vægtet gennemsnit',
  capped: 'Gennemsnit med loft',
};

export type TrafficLightColour = 'green' | 'yellow' | 'red';

/** The traffic lights in words and colour (a light is never shown by colour alone). */
export const TRAFFIC_LIGHTS: Record<TrafficLightColour, { label: string; colour: string }> = {
  green: { label: 'Grøn', colour: '#1e6b34' },
  yellow: { label: 'Gul', colour: '#b7791f' },
  red: { label: 'Rød', colour: '#a4000f' },
};
