import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { CURRENT_USER } from '../current-user.js';
import type { AuthUser } from '../users/role.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  facilityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes through the caller's transaction (TransactionHost.tx), so the audit row commits or rolls
 * back together with the change it describes. Callers must be inside @Transactional().
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly tx: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  async record(change: AuditChange, actor?: { id: string | null; name: string }): Promise<void> {
    const user = this.cls.isActive() ? this.cls.get<AuthUser | undefined>(CURRENT_USER) : undefined;
    const who = actor ?? (user ? { id: user.id, name: user.name } : { id: null, name: 'system' });
    await this.tx.tx.getRepository(AuditEventEntity).insert({
      actorId: who.id,
      actorName: who.name,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      facilityId: change.facilityId ?? null,
      before: (change.before ?? null) as object | null,
      after: (change.after ?? null) as object | null,
      requestId: this.cls.isActive() ? (this.cls.getId() ?? null) : null,
    });
  }

  /** The trail of one record, oldest first. */
  history(entityType: string, entityId: string): Promise<AuditEventEntity[]> {
    return this.tx.tx.getRepository(AuditEventEntity).find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }
}
