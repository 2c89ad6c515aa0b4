import { Controller, Get, Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authenticated, type AuthUser, CurrentUser, ROLE_LABELS, Role } from '#libs/auth';
import { today } from '#libs/core';
import { FacilitiesService } from '#libs/facilities';
import { FollowUpWorkList } from '#libs/follow-up';
import { VisitWorkList } from '#libs/inspections';
import { ReportsService } from '#libs/reporting';
import { PageRenderer, view } from '#libs/web';
import { inspectorTodo, leaderTodo, regionTodo, type TodoSection, todoCount } from './front-page.js';

/** How long a menu count is shown before it is counted again (in the background). */
const MENU_COUNT_FRESH_MS = 30_000;
const MENU_COUNT_USERS = 5_000;

/**
 * The front page's to-do list, composed from what each lib says waits for the user. The menu shows
 * its size on every page; counting reads every facility's visits for region staff, so a page shows
 * the last count (made by the front page or in the background) instead of counting again.
 */
@Injectable()
export class FrontPageService implements OnModuleInit {
  private readonly counted = new Map<string, { at: number; count: number; refreshing?: Promise<number> }>();

  constructor(
    private readonly visits: VisitWorkList,
    private readonly items: FollowUpWorkList,
    private readonly reports: ReportsService,
    private readonly pages: PageRenderer,
  ) {}

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/', label: 'Forside', position: 0, counts: 'opgaver' });
    this.pages.countNav(async (user) => ({ '/': await this.menuCount(user as AuthUser) }));
  }

  /** The count beside "Forside": the last one while fresh; a stale one is shown while it is recounted. */
  private async menuCount(user: AuthUser): Promise<number> {
    const known = this.counted.get(user.id);
    if (known && Date.now() - known.at < MENU_COUNT_FRESH_MS) return known.count;
    const refreshing =
      known?.refreshing ??
      this.todo(user)
        .then(todoCount)
        .finally(() => {
          const entry = this.counted.get(user.id);
          if (entry) delete entry.refreshing;
        });
    if (!known) return refreshing;
    known.refreshing = refreshing;
    refreshing.catch(() => undefined); // a failed recount keeps the last count; the next page tries again
    return known.count;
  }

  async todo(user: AuthUser): Promise<TodoSection[]> {
    const sections = await this.sections(user);
    this.counted.delete(user.id); // re-inserted last: the map's order is oldest first
    this.counted.set(user.id, { at: Date.now(), count: todoCount(sections) });
    if (this.counted.size > MENU_COUNT_USERS) this.counted.delete(this.counted.keys().next().value!);
    return sections;
  }

  private async sections(user: AuthUser): Promise<TodoSection[]> {
    const on = today();
    switch (user.role) {
      case Role.Inspector:
        return inspectorTodo(await this.visits.inspector(user), on);
      case Role.RegionStaff: {
        const { visits, overdue } = await this.visits.region();
        return regionTodo(
          {
            visits,
            overdueVisits: overdue,
            items: await this.items.open(user),
            failedReports: await this.reports.failed(user),
          },
          on,
        );
      }
      case Role.FacilityLeader:
        return leaderTodo(await this.visits.leader(user), await this.items.open(user), on);
      default:
        return [];
    }
  }
}

@ApiExcludeController()
@Controller()
export class HomePageController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly frontPage: FrontPageService,
  ) {}

  @Get()
  @Authenticated()
  async home(@CurrentUser() user: AuthUser) {
    const [sections, facilities] = [await this.frontPage.todo(user), await this.facilities.list(user)];
    return view('home', 'Forside', {
      roleLabel: ROLE_LABELS[user.role],
      sections,
      total: todoCount(sections),
      canPlan: user.role !== Role.FacilityLeader,
      facilities,
    });
  }
}
