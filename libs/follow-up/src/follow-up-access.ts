import { Injectable } from '@nestjs/common';
import { type AuthUser, PolicyService, Role } from '#libs/auth';
import { ForbiddenError, NotFoundError } from '#libs/core';
import { OrgTreeService } from '#libs/facilities';

/**
 * Who may do what with follow-up. A facility's plan is read by everyone who may read the facility
 * (a facility leader only their own; anything else is not found). A plan owned by a unit of the
 * organisation tree is read by region staff and inspectors, and by leaders of the facilities under
 * that unit. A status is written by region staff, or by a leader of the facility that writes it
 * (set per heading or recommendation, else the plan's facility); region staff alone create plans,
 * agreements and issue notes.
 */
@Injectable()
export class FollowUpAccess {
  constructor(
    readonly policy: PolicyService,
    private readonly tree: OrgTreeService,
  ) {}

  /** `what` names the record looked for, so a refusal reads as that record not being found. */
  async read(user: AuthUser, facilityId: string, what: string): Promise<void> {
    if (!(await this.policy.canFacility(user, facilityId, 'read'))) throw new NotFoundError(`${what} findes ikke`);
  }

  /** The units whose plans the user reads besides their facilities' ('all' for region staff and inspectors). */
  async readableUnits(user: AuthUser): Promise<string[] | 'all'> {
    const readable = await this.policy.readableFacilities(user);
    return readable === 'all' ? 'all' : this.tree.unitsAbove(readable);
  }

  async readPlan(user: AuthUser, plan: { facilityId: string | null; orgUnitId: string | null }, what: string) {
    if (plan.facilityId) return this.read(user, plan.facilityId, what);
    const units = await this.readableUnits(user);
    if (units !== 'all' && !units.includes(plan.orgUnitId ?? '')) throw new NotFoundError(`${what} findes ikke`);
  }

  /** A development agreement's status: its facility's readers, not inspectors. */
  async reportStatus(user: AuthUser, facilityId: string, what: string): Promise<void> {
    await this.read(user, facilityId, what);
    if (user.role === Role.Inspector)
      throw new ForbiddenError(
        'Kun tilbuddets ledere og regionens medarbejdere skriver status',
        [],
        {},
        'role-not-allowed',
      );
  }

  /** Whether the user may write the status of a heading or recommendation written by `writerFacilityId`. */
  async canWrite(user: AuthUser, writerFacilityId: string | null): Promise<boolean> {
    if (user.role === Role.RegionStaff) return true;
    if (user.role !== Role.FacilityLeader || !writerFacilityId) return false;
    const readable = await this.policy.readableFacilities(user);
    return readable === 'all' || readable.includes(writerFacilityId);
  }

  async writeStatus(user: AuthUser, writerFacilityId: string | null): Promise<void> {
    if (user.role === Role.Inspector)
      throw new ForbiddenError(
        'Kun tilbuddets ledere og regionens medarbejdere skriver status',
        [],
        {},
        'role-not-allowed',
      );
    if (!(await this.canWrite(user, writerFacilityId)))
      throw new ForbiddenError(
        'Status på dette punkt skrives af et andet tilbuds ledere eller af regionen',
        [],
        {},
        'role-not-allowed',
      );
  }
}
