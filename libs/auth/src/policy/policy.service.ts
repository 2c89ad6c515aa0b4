import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '#libs/core';
import { TransactionHost } from '#libs/database';
import { type AuthUser, Role } from '../users/role.js';

/** What a user wants to do with a facility. */
export type FacilityAction = 'read' | 'manage';

/** What a user wants to do with a visit. */
export type VisitAction = 'read' | 'edit' | 'approve' | 'publish';

/** A facility leader sees a visit from the moment its draft report is sent for høring. */
export const LEADER_VISIBLE: readonly string[] = ['in_hearing', 'hearing_answered', 'published'];

/** The facts about a visit that decide access. */
export interface VisitFacts {
  facilityId: string;
  status: string;
  inspectorIds: string[];
  submittedById: string | null;
}

/**
 * The one place that answers "may this user do X to this facility". Region staff reach every
 * facility; inspectors read every facility (they plan visits anywhere) but manage none; a facility
 * leader reads only the facilities they lead. A facility the user may not read is reported as not
 * found, so its existence is not revealed.
 */
@Injectable()
export class PolicyService {
  constructor(private readonly tx: TransactionHost) {}

  /** Facility ids the user may read, or 'all'. */
  async readableFacilities(user: AuthUser): Promise<string[] | 'all'> {
    if (user.role !== Role.FacilityLeader) return 'all';
    const rows: { facility_id: string }[] = await this.tx.tx.query(
      'select facility_id from facility_leader where user_id = $1',
      [user.id],
    );
    return rows.map((r) => r.facility_id);
  }

  async canFacility(user: AuthUser, facilityId: string, action: FacilityAction): Promise<boolean> {
    if (action === 'manage') return user.role === Role.RegionStaff;
    const readable = await this.readableFacilities(user);
    return readable === 'all' || readable.includes(facilityId);
  }

  /** Creating facilities and changing shared settings is region staff's work. */
  assertRegionStaff(user: AuthUser): void {
    if (user.role !== Role.RegionStaff)
      throw new ForbiddenError('Kun regionens medarbejdere må gøre dette', [], {}, 'role-not-allowed');
  }

  async assertFacility(user: AuthUser, facilityId: string, action: FacilityAction): Promise<void> {
    if (await this.canFacility(user, facilityId, action)) return;
    if (action !== 'read' && (await this.canFacility(user, facilityId, 'read'))) {
      throw new ForbiddenError('Du må se tilbuddet, men ikke ændre det', [], {}, 'read-only-access');
    }
    throw new NotFoundError('Tilbuddet findes ikke');
  }

  /**
   * Visits: region staff reach all; inspectors the visits they are assigned to; a facility leader
   * only their own facilities' visits in høring or published, read-only (answering the høring is a
   * workflow step, see libs/inspections/src/visit-workflow.ts). Approval is four-eyes: never by the
   * person who submitted. Unreadable visits are reported as not found.
   */
  async canVisit(user: AuthUser, visit: VisitFacts, action: VisitAction): Promise<boolean> {
    const assigned = visit.inspectorIds.includes(user.id);
    switch (action) {
      case 'read':
        if (user.role === Role.FacilityLeader)
          return LEADER_VISIBLE.includes(visit.status) && (await this.canFacility(user, visit.facilityId, 'read'));
        return user.role === Role.RegionStaff || assigned;
      case 'edit':
        return user.role === Role.RegionStaff || (user.role === Role.Inspector && assigned);
      case 'approve':
        return (
          (user.role === Role.RegionStaff || (user.role === Role.Inspector && assigned)) &&
          visit.submittedById !== user.id
        );
      case 'publish':
        return user.role === Role.RegionStaff || (user.role === Role.Inspector && assigned);
    }
  }

  async assertVisit(user: AuthUser, visit: VisitFacts, action: VisitAction): Promise<void> {
    if (await this.canVisit(user, visit, action)) return;
    if (action !== 'read' && (await this.canVisit(user, visit, 'read'))) {
      const fourEyes = action === 'approve' && visit.submittedById === user.id;
      throw new ForbiddenError(
        fourEyes
          ? 'Et besøg skal godkendes af en anden end den, der indsendte det (fire øjne)'
          : 'Du må se besøget, men ikke gøre dette',
        [],
        {},
        fourEyes ? 'four-eyes-required' : 'read-only-access',
      );
    }
    throw new NotFoundError('Besøget findes ikke');
  }
}
