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

/**
 * The audit row of a change written in one SQL statement (where a round trip per write costs too
 * much, as in autosave): an `insert … select` for a CTE over `source`, a query that yields
 * entity_type, entity_id, facility_id, before and after. Actor and request come from the request
 * context as in `record`; its parameters are numbered from `first`.
 */
export function auditInsertSql(source: string, action: string, first: number): { sql: string; params: unknown[] } {
  const context = RequestContext.current();
  const user = context?.user;
  return {
    sql: `insert into audit_event (actor_id, actor_name, action, entity_type, entity_id, facility_id, before, after, request_id)
          select $${first}::uuid, $${first + 1}, $${first + 2}, entity_type, entity_id, facility_id, before, after, $${first + 3}
            from ${source}`,
    params: [user?.id ?? null, user?.name ?? 'system', action, context?.requestId ?? null],
  };
}
