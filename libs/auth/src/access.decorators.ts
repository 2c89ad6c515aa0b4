import { SetMetadata } from '@nestjs/common';
import type { Role } from './users/role.js';

export const ACCESS = 'tilsyn.access';
export type Access = { public: true } | { public: false; roles: Role[] };

/** Open to anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS, { public: true } satisfies Access);

/** Signed-in users; with roles, only those roles. Routes without either decorator are refused. */
export const Authenticated = (...roles: Role[]) => SetMetadata(ACCESS, { public: false, roles } satisfies Access);
