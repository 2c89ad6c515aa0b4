/** The words of reporting: English keys in data, Danish labels for users. */

export const REPORT_STATUSES = ['queued', 'rendering', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  queued: 'I kø',
  rendering: 'Dannes',
  done: 'Færdig',
  failed: 'Fejlet',
};

export type ReportFileKind = 'pdf' | 'html';

export const TEMPLATE_STATUSES = ['draft', 'active', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
export const TEMPLATE_STATUS_LABELS: Record<TemplateStatus, string> = {
  draft: 'Kladde (kun forhåndsvisning)',
  active: 'Aktiv',
  retired: 'Udgået',
};

/** The built-in template (templates/reports/tilsynsrapport.hbs), chosen when a report names none. */
export const STANDARD_TEMPLATE_NAME = 'Standard (Tilsyn)';
