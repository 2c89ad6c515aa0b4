import { describe, expect, it } from '@jest/globals';
import { Role } from '../../libs/auth/src/users/role.js';
import {
  availableSteps,
  decide,
  mayEditContent,
  STEP_RULES,
  VISIT_STEPS,
  type VisitStep,
  type WorkflowActor,
} from '../../libs/inspections/src/visit-workflow.js';
import { VISIT_STATUSES, type VisitStatus } from '../../libs/inspections/src/vocabulary.js';

const TODAY = '2026-12-03';
const actors = {
  region: { role: Role.RegionStaff, assigned: false, submitter: false, leader: false },
  regionSubmitter: { role: Role.RegionStaff, assigned: false, submitter: true, leader: false },
  assigned: { role: Role.Inspector, assigned: true, submitter: false, leader: false },
  assignedSubmitter: { role: Role.Inspector, assigned: true, submitter: true, leader: false },
  otherInspector: { role: Role.Inspector, assigned: false, submitter: false, leader: false },
  leader: { role: Role.FacilityLeader, assigned: false, submitter: false, leader: true },
  otherLeader: { role: Role.FacilityLeader, assigned: false, submitter: false, leader: false },
} satisfies Record<string, WorkflowActor>;
type ActorName = keyof typeof actors;

/** The whole table: from which statuses each step goes where, and who may take it. */
const EXPECTED: Record<VisitStep, { from: VisitStatus[]; to: VisitStatus; who: ActorName[] }> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    who: ['region', 'regionSubmitter', 'assigned', 'assignedSubmitter'],
  },
  approve: { from: ['submitted'], to: 'approved', who: ['region', 'assigned'] },
  return: { from: ['submitted', 'approved'], to: 'returned', who: ['region', 'assigned'] },
  send_for_hearing: { from: ['approved'], to: 'in_hearing', who: ['region', 'regionSubmitter'] },
  answer_hearing: { from: ['in_hearing'], to: 'hearing_answered', who: ['leader'] },
  publish: { from: ['in_hearing', 'hearing_answered'], to: 'published', who: ['region', 'regionSubmitter'] },
  cancel: {
    from: ['draft', 'returned'],
    to: 'cancelled',
    who: ['region', 'regionSubmitter', 'assigned', 'assignedSubmitter'],
  },
};

/** Input that satisfies every step's own requirements, so only status and role decide. */
const complete = { comment: 'Uddyb 2.1', reason: 'Aftalt med tilbuddet', deadline: '2026-12-17' };
const visit = (status: VisitStatus, over: Partial<Parameters<typeof decide>[1]> = {}) => ({
  status,
  plannedDate: '2026-11-20',
  hearingDeadline: '2026-12-10',
  openOutcomes: 0,
  ...over,
});

describe('the visit workflow state machine', () => {
  it('has exactly the documented steps', () => {
    expect(Object.keys(STEP_RULES).sort()).toEqual([...VISIT_STEPS].sort());
    for (const step of VISIT_STEPS) {
      expect({ step, from: [...STEP_RULES[step].from], to: STEP_RULES[step].to }).toEqual({
        step,
        from: EXPECTED[step].from,
        to: EXPECTED[step].to,
      });
    }
  });

  describe.each(VISIT_STEPS)('%s', (step) => {
    const e = EXPECTED[step];
    it.each(VISIT_STATUSES)(`from %s: leads on only from ${e.from.join(' or ')}`, (status) => {
      const d = decide(step, visit(status), actors[e.who[0]], complete, TODAY);
      if (e.from.includes(status)) expect(d).toEqual({ ok: true, to: e.to });
      else expect(d).toMatchObject({ ok: false, refusal: 'status', message: expect.stringContaining('kan ikke') });
    });
    it.each(Object.keys(actors) as ActorName[])('by %s', (name) => {
      const d = decide(step, visit(e.from[0]), actors[name], complete, TODAY);
      if (e.who.includes(name)) expect(d).toEqual({ ok: true, to: e.to });
      else expect(d).toMatchObject({ ok: false, refusal: 'forbidden' });
    });
  });

  it('keeps four eyes: the submitter can neither approve nor return', () => {
    const d = decide('approve', visit('submitted'), actors.assignedSubmitter, {}, TODAY);
    expect(d).toMatchObject({ refusal: 'forbidden', message: expect.stringContaining('fire øjne') });
  });

  it.each(['submit', 'approve', 'publish'] as const)('refuses to %s before the visit date', (step) => {
    const from = EXPECTED[step].from[0];
    const early = decide(step, visit(from, { plannedDate: '2026-12-10' }), actors.region, complete, TODAY);
    expect(early).toMatchObject({
      ok: false,
      refusal: 'invalid',
      message: `Besøget er dateret 10.12.2026 og kan ikke ${STEP_RULES[step].label} før den dag`,
      errors: [expect.objectContaining({ field: 'plannedDate', rule: 'notBeforeVisit' })],
    });
    expect(decide(step, visit(from, { plannedDate: TODAY }), actors.region, complete, TODAY).ok).toBe(true);
  });

  it('needs a comment to return and a reason to cancel', () => {
    expect(decide('return', visit('submitted'), actors.region, { comment: '  ' }, TODAY)).toMatchObject({
      errors: [{ field: 'comment', rule: 'isNotEmpty' }],
    });
    expect(decide('cancel', visit('draft'), actors.assigned, {}, TODAY)).toMatchObject({
      errors: [{ field: 'reason', rule: 'isNotEmpty' }],
    });
  });

  it('needs a høring deadline after today', () => {
    for (const deadline of [undefined, TODAY, '2026-12-01']) {
      expect(decide('send_for_hearing', visit('approved'), actors.region, { deadline }, TODAY)).toMatchObject({
        errors: [{ field: 'deadline', rule: 'afterToday' }],
      });
    }
  });

  it('publishes before the deadline without an answer only with a reason; after it without', () => {
    const inHearing = visit('in_hearing', { hearingDeadline: TODAY });
    expect(decide('publish', inHearing, actors.region, {}, TODAY)).toMatchObject({
      errors: [{ field: 'reason', rule: 'requiredBeforeDeadline', message: expect.stringContaining('3.12.2026') }],
    });
    expect(
      decide('publish', inHearing, actors.region, { reason: 'Tilbuddet har meddelt, at de ikke svarer' }, TODAY),
    ).toEqual({ ok: true, to: 'published' });
    expect(decide('publish', inHearing, actors.region, {}, '2026-12-04')).toEqual({ ok: true, to: 'published' });
  });

  it('publishes an answered høring only when every comment has a recorded outcome', () => {
    expect(decide('publish', visit('hearing_answered', { openOutcomes: 2 }), actors.region, {}, TODAY)).toMatchObject({
      errors: [{ field: 'outcomes', rule: 'allRecorded', message: '2 kommentarer mangler en afgørelse' }],
    });
    expect(decide('publish', visit('hearing_answered'), actors.region, {}, TODAY)).toEqual({
      ok: true,
      to: 'published',
    });
  });

  it('offers each role the steps it may take', () => {
    expect(availableSteps({ status: 'approved' }, actors.region)).toEqual(['return', 'send_for_hearing']);
    expect(availableSteps({ status: 'in_hearing' }, actors.leader)).toEqual(['answer_hearing']);
    expect(availableSteps({ status: 'in_hearing' }, actors.assigned)).toEqual([]);
    expect(availableSteps({ status: 'draft' }, actors.assigned)).toEqual(['submit', 'cancel']);
  });

  it('lets inspectors edit drafts, and only region staff amend a draft in høring', () => {
    expect(mayEditContent('draft', actors.assigned)).toBe(true);
    expect(mayEditContent('draft', actors.otherInspector)).toBe(false);
    expect(mayEditContent('in_hearing', actors.assigned)).toBe(false);
    expect(mayEditContent('hearing_answered', actors.region)).toBe(true);
    expect(mayEditContent('submitted', actors.region)).toBe(false);
    expect(mayEditContent('published', actors.region)).toBe(false);
    expect(mayEditContent('draft', actors.leader)).toBe(false);
  });
});
