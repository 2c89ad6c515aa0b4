import { Injectable } from '@nestjs/common';
import { type AuthUser, PolicyService } from '#libs/auth';
import { InspectionsRepository, type WorkListVisit } from './inspections.repository.js';
import { type PlanningRow, VisitPlanningService } from './visit-planning.service.js';
import { VisitsService } from './visits.service.js';

/** A visit still being written, with how far its checklist is. */
export interface DraftVisit extends WorkListVisit {
  answered: number;
  total: number;
  /** What submitting would still refuse (answers or justifications missing), in Danish. */
  missing: string[];
}

/**
 * The visits each role has work on, for the front page's to-do list. Plain lists; which of them
 * are due, and how they are shown, is the front page's to decide (against today's date).
 */
@Injectable()
export class VisitWorkList {
  constructor(
    private readonly repo: InspectionsRepository,
    private readonly visits: VisitsService,
    private readonly planning: VisitPlanningService,
    private readonly policy: PolicyService,
  ) {}

  /** The inspector's own visits not yet submitted (drafts and those sent back), with their checklists' state. */
  async inspector(user: AuthUser): Promise<DraftVisit[]> {
    const out: DraftVisit[] = [];
    // Sequential: inside a transaction all queries share one connection.
    for (const v of await this.repo.workList({ statuses: ['draft', 'returned'], inspectorId: user.id })) {
      const entity = (await this.repo.visit(v.id))!;
      const scope = new Set((await this.visits.scope(entity)).map((i) => i.id));
      const answered = (await this.repo.answers(v.id)).filter((a) => scope.has(a.indicatorId)).length;
      const missing = (await this.visits.readiness(entity)).map((p) => p.message);
      out.push({ ...v, answered, total: scope.size, missing });
    }
    return out;
  }

  /** Visits between submission and publication, for region staff; and facilities whose visit is overdue. */
  async region(): Promise<{ visits: WorkListVisit[]; overdue: PlanningRow[] }> {
    const visits = await this.repo.workList({ statuses: ['submitted', 'approved', 'in_hearing', 'hearing_answered'] });
    const overdue = (await this.planning.status())
      .filter((r) => r.state === 'overdue')
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.facilityName.localeCompare(b.facilityName));
    return { visits, overdue };
  }

  /** The leader's facilities' visits in høring or published. */
  async leader(user: AuthUser): Promise<WorkListVisit[]> {
    const own = await this.policy.readableFacilities(user);
    return this.repo.workList({
      statuses: ['in_hearing', 'hearing_answered', 'published'],
      facilityIds: own === 'all' ? undefined : own,
    });
  }
}
