import { Role } from '#libs/auth';
import type { FieldError } from '#libs/core';
import { VISIT_STATUS_LABELS, type VisitStatus } from './vocabulary.js';

/**
 * The tilsyn workflow as one state machine: which step leads from which status to which, who may
 * take it, and what it needs. Pure, so every transition is unit-tested without a database.
 *
 *   draft ⇄ returned → submitted → approved → in_hearing → hearing_answered → published
 *   (submitted|approved → returned; draft|returned → cancelled; in_hearing → published after the
 *   deadline, or before it with a reason)
 *
 * Partshøring (forvaltningsloven § 19): region staff send the approved draft to the facility with a
 * deadline, the leader answers, region staff record what each comment led to and publish.
 */
export const VISIT_STEPS = [
  'submit',
  'approve',
  'return',
  'send_for_hearing',
  'answer_hearing',
  'publish',
  'cancel',
] as const;
export type VisitStep = (typeof VISIT_STEPS)[number];

/** Who is acting, as far as the workflow cares. */
export interface WorkflowActor {
  role: Role;
  /** An inspector assigned to the visit. */
  assigned: boolean;
  /** The person who submitted the visit (never the one to approve it: four eyes). */
  submitter: boolean;
  /** A leader of the visit's facility. */
  leader: boolean;
}

/** The facts about a visit that steps depend on. */
export interface WorkflowVisit {
  status: VisitStatus;
  plannedDate: string;
  hearingDeadline: string | null;
  /** Comments of the facility's answer still without a recorded outcome. */
  openOutcomes: number;
}

/** What the acting person wrote with the step. */
export interface StepInput {
  comment?: string;
  reason?: string;
  deadline?: string;
}

export type Decision =
  | { ok: true; to: VisitStatus }
  | { ok: false; refusal: 'status' | 'forbidden' | 'invalid'; message: string; errors: FieldError[] };

interface StepRule {
  from: readonly VisitStatus[];
  to: VisitStatus;
  may: (a: WorkflowActor) => boolean;
  /** Said when someone else tries: who may take the step. */
  forbidden: string;
  /** The step in a Danish sentence: "Besøget kan ikke <label>". */
  label: string;
  audit: string;
}

const staffOrAssigned = (a: WorkflowActor) => a.role === Role.RegionStaff || (a.role === Role.Inspector && a.assigned);

export const STEP_RULES: Record<VisitStep, StepRule> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    may: staffOrAssigned,
    forbidden: 'Kun besøgets tilsynskonsulenter og regionens medarbejdere må indsende besøget',
    label: 'indsendes',
    audit: 'visit.submitted',
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    may: (a) => staffOrAssigned(a) && !a.submitter,
    forbidden: 'Et besøg skal godkendes af en anden end den, der indsendte det (fire øjne)',
    label: 'godkendes',
    audit: 'visit.approved',
  },
  return: {
    from: ['submitted', 'approved'],
    to: 'returned',
    may: (a) => staffOrAssigned(a) && !a.submitter,
    forbidden: 'Et besøg sendes retur af en anden end den, der indsendte det (fire øjne)',
    label: 'sendes retur',
    audit: 'visit.returned',
  },
  send_for_hearing: {
    from: ['approved'],
    to: 'in_hearing',
    may: (a) => a.role === Role.RegionStaff,
    forbidden: 'Kun regionens medarbejdere sender rapporten i høring',
    label: 'sendes i høring',
    audit: 'visit.sent_for_hearing',
  },
  answer_hearing: {
    from: ['in_hearing'],
    to: 'hearing_answered',
    may: (a) => a.role === Role.FacilityLeader && a.leader,
    forbidden: 'Kun tilbuddets leder svarer på høringen',
    label: 'få et høringssvar',
    audit: 'visit.hearing_answered',
  },
  publish: {
    from: ['in_hearing', 'hearing_answered'],
    to: 'published',
    may: (a) => a.role === Role.RegionStaff,
    forbidden: 'Kun regionens medarbejdere offentliggør rapporten',
    label: 'offentliggøres',
    audit: 'visit.published',
  },
  cancel: {
    from: ['draft', 'returned'],
    to: 'cancelled',
    may: staffOrAssigned,
    forbidden: 'Kun besøgets tilsynskonsulenter og regionens medarbejdere må aflyse besøget',
    label: 'aflyses',
    audit: 'visit.cancelled',
  },
};

/** Steps that must not happen before the visit has taken place. */
const NOT_BEFORE_VISIT: readonly VisitStep[] = ['submit', 'approve', 'publish'];

/** Days the facility gets to answer unless region staff choose otherwise. */
export const DEFAULT_HEARING_DAYS = 14;

const danishDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${day}.${m}.${y}`;
};
const blank = (s?: string) => !s?.trim();
const invalid = (message: string, errors: FieldError[]): Decision => ({
  ok: false,
  refusal: 'invalid',
  message,
  errors,
});

/**
 * Whether `actor` may take `step` on `visit` today (a calendar date in Europe/Copenhagen), and
 * where it leads. Refusals say why in Danish: wrong status (409), not theirs to take (403), or
 * something missing or too early (422, naming the field and the rule).
 */
export function decide(
  step: VisitStep,
  visit: WorkflowVisit,
  actor: WorkflowActor,
  input: StepInput,
  today: string,
): Decision {
  const rule = STEP_RULES[step];
  if (!rule.from.includes(visit.status)) {
    return {
      ok: false,
      refusal: 'status',
      message: `Besøget kan ikke ${rule.label}, når det har status "${VISIT_STATUS_LABELS[visit.status]}"`,
      errors: [],
    };
  }
  if (!rule.may(actor)) return { ok: false, refusal: 'forbidden', message: rule.forbidden, errors: [] };
  if (NOT_BEFORE_VISIT.includes(step) && visit.plannedDate > today) {
    return invalid(`Besøget er dateret ${danishDate(visit.plannedDate)} og kan ikke ${rule.label} før den dag`, [
      {
        field: 'plannedDate',
        rule: 'notBeforeVisit',
        message: `besøget er dateret ${danishDate(visit.plannedDate)}; fandt det sted en anden dag, så ret datoen med en begrundelse`,
      },
    ]);
  }
  switch (step) {
    case 'return':
      if (blank(input.comment))
        return invalid('Skriv hvorfor besøget sendes retur', [
          { field: 'comment', rule: 'isNotEmpty', message: 'skal udfyldes' },
        ]);
      break;
    case 'cancel':
      if (blank(input.reason))
        return invalid('Skriv hvorfor besøget aflyses', [
          { field: 'reason', rule: 'isNotEmpty', message: 'en aflysning kan ikke fortrydes; skriv begrundelsen' },
        ]);
      break;
    case 'send_for_hearing':
      if (!input.deadline || input.deadline <= today)
        return invalid('Vælg en høringsfrist efter i dag', [
          { field: 'deadline', rule: 'afterToday', message: 'høringsfristen skal ligge efter i dag' },
        ]);
      break;
    case 'publish':
      if (
        visit.status === 'in_hearing' &&
        visit.hearingDeadline &&
        today <= visit.hearingDeadline &&
        blank(input.reason)
      )
        return invalid('Høringsfristen er ikke udløbet, og tilbuddet har ikke svaret', [
          {
            field: 'reason',
            rule: 'requiredBeforeDeadline',
            message: `fristen er ${danishDate(visit.hearingDeadline)}; skriv hvorfor rapporten offentliggøres før`,
          },
        ]);
      if (visit.openOutcomes > 0)
        return invalid('Notér, hvad hvert høringssvar førte til, før rapporten offentliggøres', [
          {
            field: 'outcomes',
            rule: 'allRecorded',
            message: `${visit.openOutcomes} kommentar${visit.openOutcomes === 1 ? '' : 'er'} mangler en afgørelse`,
          },
        ]);
      break;
  }
  return { ok: true, to: rule.to };
}

/** The steps `actor` could take now (status and role), for offering buttons; the guards still apply. */
export function availableSteps(visit: Pick<WorkflowVisit, 'status'>, actor: WorkflowActor): VisitStep[] {
  return VISIT_STEPS.filter((s) => STEP_RULES[s].from.includes(visit.status) && STEP_RULES[s].may(actor));
}

export const CLOSED_FOR_EDITS =
  'Besøget er indsendt og kan ikke ændres. Send det retur for at rette (i høring: kun regionens medarbejdere).';

/**
 * Who may change a visit's answers and findings: its inspectors and region staff while it is a
 * draft; region staff alone while the draft is in høring (amending it in light of the answer).
 */
export function mayEditContent(status: VisitStatus, actor: WorkflowActor): boolean {
  if (status === 'draft' || status === 'returned') return staffOrAssigned(actor);
  if (status === 'in_hearing' || status === 'hearing_answered') return actor.role === Role.RegionStaff;
  return false;
}

/** A low rating or "Ikke relevant" must say why; the threshold is the quality model's. */
export const needsJustification = (a: { assessment: string; rating: number | null }, atOrBelow: number) =>
  a.assessment === 'not_relevant' || (a.assessment === 'rated' && a.rating! <= atOrBelow);

/** The date of a visit that took place on another day may be corrected (with a reason) until it is sent for høring. */
export const DATE_CORRECTABLE: readonly VisitStatus[] = ['draft', 'returned', 'submitted', 'approved'];
