import { describe, expect, it } from '@jest/globals';
import type { OpenItem } from '#libs/follow-up';
import type { DraftVisit, PlanningRow, WorkListVisit } from '#libs/inspections';
import {
  inspectorTodo,
  leaderTodo,
  MAX_ROWS,
  regionTodo,
  type TodoSection,
  todoCount,
} from '../../apps/server/src/front-page.js';

const TODAY = '2026-12-03';

const visit = (over: Partial<WorkListVisit>): WorkListVisit => ({
  id: 'v1',
  facilityId: 'f1',
  facilityName: 'Bostedet Lærkereden',
  kind: 'unannounced',
  plannedDate: TODAY,
  status: 'draft',
  returnComment: '',
  hearingDeadline: null,
  hearingAnsweredAt: null,
  publishedAt: null,
  submittedAt: null,
  approvedAt: null,
  ...over,
});
const draft = (over: Partial<DraftVisit>): DraftVisit => ({
  ...visit({}),
  answered: 0,
  total: 6,
  missing: ['mangler vurdering af 1a'],
  ...over,
});
const item = (over: Partial<OpenItem>): OpenItem => ({
  id: 'i1',
  planId: 'p1',
  facilityId: 'f1',
  facilityName: 'Bostedet Lærkereden',
  number: '1.1',
  text: 'Medicin opbevares aflåst',
  owner: 'Forstander',
  deadline: null,
  statusLabel: 'ikke påbegyndt',
  statusChangedAt: null,
  ...over,
});
const rows = (sections: TodoSection[], id: string) => sections.find((s) => s.id === id)!.rows;
const ids = (sections: TodoSection[], id: string) => rows(sections, id).map((r) => r.href);

describe("the inspector's front page", () => {
  const drafts = [
    draft({ id: 'today', plannedDate: TODAY }),
    draft({ id: 'in30', plannedDate: '2027-01-02' }),
    draft({ id: 'in31', plannedDate: '2027-01-03' }),
    draft({ id: 'past-done', plannedDate: '2026-11-20', answered: 6, missing: [] }),
    draft({ id: 'past-open', plannedDate: '2026-11-21', answered: 2 }),
    draft({ id: 'back', plannedDate: '2026-11-10', status: 'returned', returnComment: 'Uddyb 1a', missing: [] }),
  ];
  const page = inspectorTodo(drafts, TODAY);

  it('lists my visits from today to 30 days ahead, with how far the checklist is', () => {
    expect(ids(page, 'kommende')).toEqual(['/besoeg/today', '/besoeg/in30']);
    expect(rows(page, 'kommende')[0]).toMatchObject({
      title: 'Uanmeldt besøg – Bostedet Lærkereden',
      detail: 'I dag · 0 af 6 indikatorer vurderet',
    });
    expect(rows(page, 'kommende')[1].detail).toBe('2. januar 2027 · 0 af 6 indikatorer vurderet');
  });

  it('quotes the comment of a visit sent back', () => {
    expect(rows(page, 'retur')).toEqual([expect.objectContaining({ href: '/besoeg/back', quote: 'Uddyb 1a' })]);
  });

  it('sends an unfinished checklist of a visit held to its "Færdig" list, and a finished draft to submission', () => {
    expect(ids(page, 'ufaerdige')).toEqual(['/besoeg/today/tjekliste#faerdig', '/besoeg/past-open/tjekliste#faerdig']);
    expect(rows(page, 'ufaerdige')[1].detail).toContain('mangler vurdering af 1a');
    expect(ids(page, 'kladder')).toEqual(['/besoeg/past-done#arbejdsgang', '/besoeg/back#arbejdsgang']);
  });

  it('counts every row for the menu', () => {
    expect(todoCount(page)).toBe(2 + 1 + 2 + 2);
  });
});

describe("region staff's front page", () => {
  const overdue: PlanningRow[] = Array.from({ length: MAX_ROWS + 2 }, (_, n) => ({
    facilityId: `f${n}`,
    facilityName: `Tilbud ${String(n).padStart(2, '0')}`,
    municipality: 'Aarhus',
    kind: 'announced',
    state: 'overdue',
    dueDate: '2026-11-01',
    lastVisit: null,
    nextPlanned: null,
  }));
  const page = regionTodo(
    {
      visits: [
        visit({ id: 'sub', status: 'submitted', submittedAt: new Date('2026-12-02T09:00:00Z') }),
        visit({ id: 'appr', status: 'approved', approvedAt: new Date('2026-12-02T10:00:00Z') }),
        visit({ id: 'ans', status: 'hearing_answered', hearingAnsweredAt: new Date('2026-12-02T11:00:00Z') }),
        visit({ id: 'late', status: 'in_hearing', hearingDeadline: '2026-12-02' }),
        visit({ id: 'waiting', status: 'in_hearing', hearingDeadline: TODAY }),
      ],
      overdueVisits: overdue,
      items: [
        item({ id: 'old', deadline: '2026-12-02' }),
        item({ id: 'due', deadline: TODAY }),
        item({ id: 'none', deadline: null }),
      ],
      failedReports: [
        {
          id: 'r1',
          facilityName: 'Bostedet Lærkereden',
          plannedDate: '2026-11-20',
          error: 'Chromium crashed\nstack',
          finishedAt: new Date('2026-12-02T12:00:00Z'),
        },
      ],
    },
    TODAY,
  );

  it('links each visit to the step that waits: approval, høring, the answer, a deadline passed', () => {
    expect(ids(page, 'godkendelse')).toEqual(['/besoeg/sub#godkendelse']);
    expect(rows(page, 'godkendelse')[0].detail).toBe('Besøg 3. december 2026 · indsendt 2. december 2026 kl. 10.00');
    expect(ids(page, 'til-hoering')).toEqual(['/besoeg/appr#send-hoering']);
    expect(ids(page, 'hoeringssvar')).toEqual(['/besoeg/ans#hoering']);
    // a deadline of today has not passed yet
    expect(ids(page, 'frist-udloebet')).toEqual(['/besoeg/late#hoering']);
  });

  it('lists overdue visits as links to plan them, the first ten with a link to all', () => {
    const s = page.find((x) => x.id === 'besoeg-overskredet')!;
    expect(s.rows).toHaveLength(MAX_ROWS);
    expect(s.total).toBe(MAX_ROWS + 2);
    expect(s.more).toEqual({ href: '/besoeg/planlaegning', label: 'Se alle på planlægningssiden' });
    expect(s.rows[0]).toMatchObject({
      href: '/besoeg/ny?facilityId=f0&kind=announced',
      title: 'Anmeldt besøg – Tilbud 00',
    });
    expect(s.rows[0].detail).toContain('seneste besøg aldrig');
  });

  it('lists follow-up items past their deadline (not those due today) and failed reports', () => {
    expect(ids(page, 'punkter-overskredet')).toEqual(['/opfoelgning/planer/p1#punkt-old']);
    expect(rows(page, 'rapportfejl')).toEqual([
      {
        href: '/rapporter/r1',
        title: 'Rapport for besøg 20. november 2026 – Bostedet Lærkereden',
        detail: 'Opgivet 2. december 2026 kl. 13.00 · Chromium crashed',
      },
    ]);
  });
});

describe("the facility leader's front page", () => {
  const page = leaderTodo(
    [
      visit({ id: 'hear', status: 'in_hearing', hearingDeadline: '2026-12-17' }),
      visit({ id: 'answered', status: 'hearing_answered', hearingDeadline: '2026-12-17' }),
      visit({ id: 'new', status: 'published', publishedAt: new Date('2026-11-05T10:00:00Z') }),
      visit({ id: 'old', status: 'published', publishedAt: new Date('2026-11-02T10:00:00Z') }),
    ],
    [
      item({ id: 'fresh', deadline: '2027-01-02' }),
      item({ id: 'answered', deadline: '2027-01-03', statusChangedAt: new Date('2026-12-01T10:00:00Z') }),
      item({ id: 'late', deadline: '2026-12-01', statusChangedAt: new Date('2026-11-01T10:00:00Z') }),
    ],
    TODAY,
  );

  it('asks for a comment on reports in høring only until answered', () => {
    expect(ids(page, 'hoering')).toEqual(['/besoeg/hear#hoering']);
    expect(rows(page, 'hoering')[0].detail).toBe('Besøg 3. december 2026 · svar senest 17. december 2026');
  });

  it('shows reports published in the last 30 days', () => {
    expect(ids(page, 'nye-rapporter')).toEqual(['/rapporter/besoeg/new']);
  });

  it('asks for a status on items nobody has written one on, and lists deadlines within 30 days', () => {
    expect(ids(page, 'status')).toEqual(['/opfoelgning/planer/p1#punkt-fresh']);
    expect(ids(page, 'frister')).toEqual(['/opfoelgning/planer/p1#punkt-late', '/opfoelgning/planer/p1#punkt-fresh']);
    expect(rows(page, 'frister')[0].detail).toContain('(overskredet)');
  });
});
