/** The words of inspection visits: English keys in data, Danish labels for users. */

export const VISIT_KINDS = ['announced', 'unannounced'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS: Record<VisitKind, string> = { announced: 'Anmeldt', unannounced: 'Uanmeldt' };

/** The workflow's statuses; the steps between them are in visit-workflow.ts. */
export const VISIT_STATUSES = [
  'draft',
  'returned',
  'submitted',
  'approved',
  'in_hearing',
  'hearing_answered',
  'published',
  'cancelled',
] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  draft: 'Kladde',
  returned: 'Sendt retur',
  submitted: 'Indsendt til godkendelse',
  approved: 'Godkendt',
  in_hearing: 'Udkast i høring hos tilbuddet',
  hearing_answered: 'Høringssvar modtaget',
  published: 'Offentliggjort for tilbuddet',
  cancelled: 'Aflyst',
};

export const ASSESSMENTS = ['rated', 'not_relevant', 'not_assessed'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];
export const ASSESSMENT_LABELS: Record<Exclude<Assessment, 'rated'>, string> = {
  not_relevant: 'Ikke relevant',
  not_assessed: 'Ikke vurderet',
};

export const FINDING_KINDS = ['development_point', 'recommendation', 'order'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  development_point: 'Udviklingspunkt',
  recommendation: 'Anbefaling',
  order: 'Påbud',
};

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const HEARING_OUTCOMES = ['changed', 'not_changed'] as const;
export type HearingOutcome = (typeof HEARING_OUTCOMES)[number];
export const HEARING_OUTCOME_LABELS: Record<HearingOutcome, string> = {
  changed: 'Rapporten er ændret',
  not_changed: 'Ikke ændret',
};

/** Photos are scaled in the browser to at most this before upload; thumbnails are far smaller. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_THUMBNAIL_BYTES = 100 * 1024;
