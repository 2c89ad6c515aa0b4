import { Injectable } from '@nestjs/common';
import { RequestContext } from '#libs/core';
import { TransactionHost } from '#libs/database';
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
  constructor(private readonly tx: TransactionHost) {}

  async record(change: AuditChange, actor?: { id: string | null; name: string }): Promise<void> {
    const context = RequestContext.current();
    const user = context?.user;
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
      requestId: context?.requestId ?? null,
    });
  }

  /** The trail of one record, oldest first. */
  history(entityType: string, entityId: string): Promise<AuditEventEntity[]> {
    return this.tx.tx.getRepository(AuditEventEntity).find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }
}
