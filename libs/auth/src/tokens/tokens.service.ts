import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import type { AuthUser } from '../users/role.js';
import { ApiTokenEntity } from './api-token.entity.js';

const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class TokensService {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.tx.getRepository(ApiTokenEntity);
  }

  async issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = `tls_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS);
    await this.repo.insert({ userId, tokenHash: sha256(token), expiresAt });
    return { token, expiresAt };
  }

  /** The active user a live token belongs to: one plain query, as it runs on every API request. */
  async userFor(token: string): Promise<AuthUser | undefined> {
    const [user]: AuthUser[] = await this.tx.tx.query(
      `select u.id, u.name, u.email, u.role from api_token t join app_user u on u.id = t.user_id
        where t.token_hash = $1 and t.expires_at > now() and u.active`,
      [sha256(token)],
    );
    return user;
  }
}
