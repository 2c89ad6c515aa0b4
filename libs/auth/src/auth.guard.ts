import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, RequestContext, UnauthenticatedError } from '#libs/core';
import { ACCESS, type Access } from './access.decorators.js';
import type { AuthedRequest } from './current-user.js';
import { TokensService } from './tokens/tokens.service.js';
import { toAuthUser, UsersRepository } from './users/users.repository.js';

/**
 * Global guard, deny by default: a route must say @Public() or @Authenticated(...roles).
 * The user comes from a bearer token (API clients) or the session cookie (pages).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<AuthedRequest & { headers: Record<string, string | undefined> }>();
    const user = await this.resolveUser(req);
    if (user) {
      req.user = user;
      const context = RequestContext.current();
      if (context) context.user = user;
    }
    if (!access) {
      this.logger.error(`Route ${ctx.getClass().name}.${ctx.getHandler().name} declares no access; refused`);
      throw new ForbiddenError('Ruten har ingen adgangsregel');
    }
    if (access.public) return true;
    if (!user) throw new UnauthenticatedError('Du skal logge ind for at se denne side');
    if (access.roles.length && !access.roles.includes(user.role)) {
      throw new ForbiddenError('Din rolle giver ikke adgang til denne handling', [], {}, 'role-not-allowed');
    }
    return true;
  }

  private async resolveUser(req: AuthedRequest & { headers: Record<string, string | undefined> }) {
    if (req.user) return req.user;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) return this.tokens.userFor(bearer);
    const entity = req.session?.userId ? await this.users.findActive(req.session.userId) : null;
    return entity ? toAuthUser(entity) : undefined;
  }
}
