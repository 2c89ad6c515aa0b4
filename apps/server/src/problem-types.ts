import { PROBLEM_TYPES, problemTypes } from '#libs/web';

/**
 * The one mapping from error code to HTTP status and problem `type` URI (`/problems/<code>`). Each
 * domain module declares its codes (`libs/<module>/src/<module>.errors.ts`) with the status it
 * means; this record is typed over all of them, so a code without a line here, or with another
 * status, fails the type check. The spec lists the codes per status (see openapi.ts).
 */
export const PROBLEMS = problemTypes({
  // generic (libs/core)
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'stale-version': 409,
  'invalid-input': 422,
  'too-many-requests': 429,
  // the web layer (libs/web)
  'invalid-id': 400,
  'unreadable-body': 400,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'already-exists': 409,
  'references-missing': 422,
  'value-not-storable': 422,
  'form-expired': 403,
  'service-unavailable': 503,
  'internal-error': 500,
  // auth
  'wrong-credentials': 401,
  'role-not-allowed': 403,
  'read-only-access': 403,
  'four-eyes-required': 403,
  'too-many-logins': 429,
  // facilities
  'facility-import-rejected': 422,
  // quality-model
  'model-version-locked': 409,
  'model-version-not-retirable': 409,
  'catalogue-invalid': 422,
  // inspections
  'visit-not-editable': 409,
  'visit-step-refused': 409,
  'visit-step-forbidden': 403,
  'visit-date-locked': 409,
  'hearing-awaiting-publication': 409,
  'file-rejected': 422,
  // reporting
  'visit-not-reportable': 409,
  'report-not-ready': 404,
  'template-wrong-status': 409,
  'template-invalid': 422,
  'no-visits-in-period': 422,
  // surveys
  'survey-round-closed': 409,
  'survey-code-used': 409,
  'survey-batch-voided': 409,
  'survey-code-unusable': 422,
  'survey-recent-round': 422,
  'survey-too-few-respondents': 409,
  'too-many-code-attempts': 429,
  // follow-up
  'visit-not-published': 409,
  'follow-up-import-rejected': 422,
});

export const problemTypesProvider = { provide: PROBLEM_TYPES, useValue: PROBLEMS };
