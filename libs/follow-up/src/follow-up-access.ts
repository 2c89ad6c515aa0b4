import { Injectable } from '@nestjs/common';
import { type AuthUser, PolicyService, Role } from '#libs/auth';
import { ForbiddenError, NotFoundError } from '#libs/core';

/**
 * Who may do what with a facility's follow-up: everyone who may read the facility reads it (a
 * facility leader only their own; anything else is not found); its leaders and region staff write
 * status; region staff alone create plans, agreements and issue reports.
 */
@Injectable()
export class FollowUpAccess {
  constructor(readonly policy: PolicyService) {}

  /** `what` names the record looked for, so a refusal reads as that record not being found. */
  async read(user: AuthUser, facilityId: string, what: string): Promise<void> {
    if (!(await this.policy.canFacility(user, facilityId, 'read'))) throw new NotFoundError(`${what} findes ikke`);
  }

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
}
