import { TransactionHost } from '#libs/database';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { MoreThan } from 'typeorm';
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

  /** The user id a live token belongs to, or undefined. */
  async userIdFor(token: string): Promise<string | undefined> {
    const row = await this.repo.findOneBy({ tokenHash: sha256(token), expiresAt: MoreThan(new Date()) });
    return row?.userId;
  }
}
