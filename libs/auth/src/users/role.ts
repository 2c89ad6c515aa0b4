export enum Role {
  Inspector = 'inspector',
  FacilityLeader = 'facility_leader',
  RegionStaff = 'region_staff',
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Inspector]: 'Tilsynskonsulent',
  [Role.FacilityLeader]: 'Leder af tilbud',
  [Role.RegionStaff]: 'Regionsmedarbejder',
};

/** The signed-in user as every layer below the guard sees it. */
export interface AuthUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}
