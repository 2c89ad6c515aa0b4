import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditService } from '#libs/auth';
import { TransactionHost } from '#libs/database';
import { startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('audit trail', () => {
  let t: TestApp;
  let db: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    db = t.app.get(DataSource);
    audit = t.app.get(AuditService);
    await t.run(() =>
      t.app
        .get(TransactionHost)
        .run(() => audit.record({ action: 'test.created', entityType: 'test', entityId: '1', after: { a: 1 } })),
    );
  });
  afterAll(() => t.close());

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await expect(db.query(`update audit_event set actor_name = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from audit_event`)).rejects.toThrow(/append-only/);
    await expect(db.query(`truncate audit_event`)).rejects.toThrow(/append-only/);
    expect(await audit.history('test', '1')).toHaveLength(1);
  });

  it('rolls back together with the change it describes', async () => {
    const failing = t.run(() =>
      t.app.get(TransactionHost).run(async () => {
        await audit.record({ action: 'test.created', entityType: 'test', entityId: '2' });
        throw new Error('the change itself failed');
      }),
    );
    await expect(failing).rejects.toThrow('the change itself failed');
    expect(await audit.history('test', '2')).toEqual([]);
  });

  it("records 'system' as actor outside a signed-in request", async () => {
    const [event] = await audit.history('test', '1');
    expect(event).toMatchObject({ actorId: null, actorName: 'system', action: 'test.created', after: { a: 1 } });
  });
});
