import { TransactionHost } from '#libs/database';
import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '#libs/core';
import { Role, type AuthUser } from '../users/role.js';

/** What a user wants to do with a facility. */
export type FacilityAction = 'read' | 'manage';

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
    if (user.role !== Role.RegionStaff) throw new ForbiddenError('Kun regionens medarbejdere må gøre dette');
  }

  async assertFacility(user: AuthUser, facilityId: string, action: FacilityAction): Promise<void> {
    if (await this.canFacility(user, facilityId, action)) return;
    if (action !== 'read' && (await this.canFacility(user, facilityId, 'read'))) {
      throw new ForbiddenError('Du må se tilbuddet, men ikke ændre det');
    }
    throw new NotFoundError('Tilbuddet findes ikke');
  }
}
