import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { type AuthUser, Role } from '#libs/auth';
import type { DraftVisit } from '#libs/inspections';
import type { PageRenderer } from '#libs/web';
import { FrontPageService } from '../../apps/server/src/home-page.controller.js';

/** A front page whose inspector has `drafts()` waiting; counts how often the work list is read. */
function frontPage(drafts: () => DraftVisit[]) {
  let reads = 0;
  let counter: (user: unknown) => Promise<Record<string, number>> = async () => ({});
  const visits = {
    inspector: async () => {
      reads++;
      return drafts();
    },
  };
  const pages = { addNav: () => undefined, countNav: (c: typeof counter) => (counter = c) };
  const service = new FrontPageService(visits as never, {} as never, {} as never, pages as unknown as PageRenderer);
  service.onModuleInit();
  return { service, menu: async (u: AuthUser) => (await counter(u))['/'], reads: () => reads };
}

const anna = { id: 'u1', name: 'Anna Ærø', email: 'anna@tilsyn.dk', role: Role.Inspector } as AuthUser;
const draft = (id: string): DraftVisit =>
  ({
    id,
    facilityId: 'f1',
    facilityName: 'Bostedet Lærkereden',
    kind: 'announced',
    plannedDate: '2026-12-10',
    status: 'returned',
    returnComment: 'Begrund 2a',
    hearingDeadline: null,
    hearingAnsweredAt: null,
    publishedAt: null,
    submittedAt: null,
    approvedAt: null,
    answered: 3,
    total: 31,
    missing: ['mangler vurdering af 1a'],
  }) as DraftVisit;

describe('the count beside "Forside" in the menu', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('is counted on the first page, then reused instead of read again on every page', async () => {
    let waiting = [draft('v1')];
    const { menu, reads } = frontPage(() => waiting);
    const first = await menu(anna);
    expect(first).toBeGreaterThan(0);
    waiting = [];
    expect(await menu(anna)).toBe(first);
    expect(reads()).toBe(1);
  });

  it('is the front page’s own count after the front page was shown', async () => {
    let waiting = [draft('v1')];
    const { service, menu, reads } = frontPage(() => waiting);
    await menu(anna);
    waiting = [];
    const sections = await service.todo(anna);
    expect(sections.every((s) => s.rows.length === 0)).toBe(true);
    expect(await menu(anna)).toBe(0);
    expect(reads()).toBe(2);
  });

  it('shows the last count while it is recounted in the background after 30 seconds', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let waiting = [draft('v1'), draft('v2')];
    const { menu, reads } = frontPage(() => waiting);
    const before = await menu(anna);
    waiting = [];
    jest.setSystemTime(Date.now() + 31_000);
    expect(await menu(anna)).toBe(before); // the stale count, at once
    await new Promise((r) => setImmediate(r));
    expect(await menu(anna)).toBe(0); // the recount
    expect(reads()).toBe(2);
  });
});
