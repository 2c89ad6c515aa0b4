import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './users/role.js';

export type AuthedRequest = { user?: AuthUser; session?: { userId?: string } & Record<string, unknown> };

/** The signed-in user; only on routes the guard has let through as authenticated. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().user!;
});
