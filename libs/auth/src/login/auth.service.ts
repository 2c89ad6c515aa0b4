import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '#libs/core';
import { TokensService } from '../tokens/tokens.service.js';
import { verifyPassword } from '../users/password.js';
import type { AuthUser } from '../users/role.js';
import { toAuthUser, UsersRepository } from '../users/users.repository.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
  ) {}

  /** The user for valid credentials; one message for unknown email and wrong password alike. */
  async login(email: string, password: string): Promise<AuthUser> {
    const user = await this.users.findForLogin(email.trim());
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      throw new UnauthenticatedError('Forkert e-mail eller adgangskode', [], {}, 'wrong-credentials');
    }
    return toAuthUser(user);
  }

  async issueToken(email: string, password: string) {
    const user = await this.login(email, password);
    const { token, expiresAt } = await this.tokens.issue(user.id);
    return { token, tokenType: 'Bearer' as const, expiresAt, user };
  }
}
