import { type AuthUser, PolicyService, Role } from '#libs/auth';
import { ForbiddenError } from '#libs/core';
import { Injectable } from '@nestjs/common';

/**
 * Who may do what with a facility's follow-up: everyone who may read the facility reads it (a
 * facility leader only their own; anything else is not found); its leaders and region staff write
 * status; region staff alone create plans, agreements and issue reports.
 */
@Injectable()
export class FollowUpAccess {
  constructor(readonly policy: PolicyService) {}

  read(user: AuthUser, facilityId: string): Promise<void> {
    return this.policy.assertFacility(user, facilityId, 'read');
  }

  async reportStatus(user: AuthUser, facilityId: string): Promise<void> {
    await this.read(user, facilityId);
    if (user.role === Role.Inspector) throw new ForbiddenError('Kun tilbuddets ledere og regionens medarbejdere skriver status');
  }

  canReportStatus(user: AuthUser): boolean {
    return user.role !== Role.Inspector;
  }
}
