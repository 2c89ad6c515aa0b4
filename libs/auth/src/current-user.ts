import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './users/role.js';

/** CLS key under which the guard stores the signed-in user for the rest of the request. */
export const CURRENT_USER = 'tilsyn.user';

export type AuthedRequest = { user?: AuthUser; session?: { userId?: string } & Record<string, unknown> };

/** The signed-in user; only on routes the guard has let through as authenticated. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().user!;
});
