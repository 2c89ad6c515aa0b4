import { PROBLEMS } from '../../apps/server/src/problem-types.js';
import { ConflictError, NotFoundError } from '../../libs/core/src/errors.js';
import { problemTypes } from '../../libs/web/src/problem.filter.js';

describe('problem types', () => {
  it('gives every code a /problems/<code> type and the status its module declares', () => {
    expect(PROBLEMS['visit-not-editable']).toEqual({ status: 409, type: '/problems/visit-not-editable' });
    expect(PROBLEMS['not-found']).toEqual({ status: 404, type: '/problems/not-found' });
    for (const [code, { type }] of Object.entries(PROBLEMS)) expect(type).toBe(`/problems/${code}`);
    expect(Object.keys(PROBLEMS).length).toBeGreaterThan(40);
  });

  it('types an error class by the codes of its own status (npm run typecheck checks the lines marked)', () => {
    expect(new ConflictError('x', [], {}, 'visit-not-editable').code).toBe('visit-not-editable');
    expect(new NotFoundError('x').code).toBe('not-found');
    // @ts-expect-error a 404 cannot carry a 409 code
    expect(new NotFoundError('x', [], {}, 'visit-not-editable').status).toBe(404);
    // @ts-expect-error a mapping that leaves out a code does not type-check
    expect(problemTypes({ 'not-found': 404 })['not-found'].status).toBe(404);
    // @ts-expect-error nor one that gives a code another status than it declares
    expect(problemTypes({ ...statuses(), 'visit-not-editable': 422 })).toBeDefined();
  });
});

const statuses = () =>
  Object.fromEntries(Object.entries(PROBLEMS).map(([code, { status }]) => [code, status])) as {
    [C in keyof typeof PROBLEMS]: (typeof PROBLEMS)[C]['status'];
  };
