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

/** The front page's to-do list, composed from what each lib says waits for the user. */
@Injectable()
export class FrontPageService implements OnModuleInit {
  constructor(
    private readonly visits: VisitWorkList,
    private readonly items: FollowUpWorkList,
    private readonly reports: ReportsService,
    private readonly pages: PageRenderer,
  ) {}

  onModuleInit() {
    for (const role of Object.values(Role))
      this.pages.addNav(role, { href: '/', label: 'Forside', position: 0, counts: 'opgaver' });
    this.pages.countNav(async (user) => ({ '/': todoCount(await this.todo(user as AuthUser)) }));
  }

  async todo(user: AuthUser): Promise<TodoSection[]> {
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
