/** The words of satisfaction surveys: English keys in data, Danish labels for users. */

/** No figure built from answers is shown for fewer respondents than this (per facility and per breakdown). */
export const MIN_RESPONDENTS = 5;

/**
 * The region's figures are shown only when they pool at least this many facilities: with two, a
 * leader could subtract their own figures and read the other facility's.
 */
export const MIN_REGION_FACILITIES = 3;

/** How the answers reached us. Not identifying: it only says which channel was used. */
export const RESPONSE_MODES = ['web', 'interview', 'paper'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];
export const RESPONSE_MODE_LABELS: Record<ResponseMode, string> = {
  web: 'Selv på nettet',
  interview: 'Interview med hjælp fra medarbejder',
  paper: 'Papirskema tastet ind',
};

export const AUDIENCES = ['residents', 'relatives'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = { residents: 'Beboere og brugere', relatives: 'Pårørende' };

export const QUESTION_KINDS = ['scale', 'yes_no', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const CHOICES = ['yes', 'no', 'dont_know'] as const;
export type Choice = (typeof CHOICES)[number];
export const CHOICE_LABELS: Record<Choice, string> = { yes: 'Ja', no: 'Nej', dont_know: 'Ved ikke' };

export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = { open: 'Åben', closed: 'Lukket' };

/** Residents get at most this many questions (easy-read surveys recommend about 15). */
export const MAX_RESIDENT_QUESTIONS = 15;
export const MAX_TEXT_ANSWER = 2000;
/** Rounds should be 2–3 years apart; a newer one is allowed only when the user confirms. */
export const MIN_YEARS_BETWEEN_ROUNDS = 2;
