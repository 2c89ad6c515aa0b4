import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { verifyPassword } from '#libs/auth';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { runCli } from './run-cli.js';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('cli: seed and users', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const userCount = () => query<{ n: number }>(db.url, 'select count(*)::int as n from app_user').then(([r]) => r.n);

  it('seeds the demo data once, and lists the demo users each time', async () => {
    const first = await runCli(['seed'], { DATABASE_URL: db.url });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Demodata indlæst.');
    expect(first.stdout).toContain('region@tilsyn.demo');
    const seeded = await userCount();
    expect(seeded).toBeGreaterThan(0);

    const second = await runCli(['seed'], { DATABASE_URL: db.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Demodata fandtes allerede');
    expect(second.stdout).toContain('region@tilsyn.demo');
    expect(await userCount()).toBe(seeded);
  });

  it('refuses bad input with exit code 2, naming every bad option, and creates nothing', async () => {
    const before = await userCount();
    const [invalid, unknown] = await Promise.all([
      runCli(['users:create', '--role', 'boss', '--password-env', 'NO_SUCH_VAR'], { DATABASE_URL: db.url }),
      runCli(['users:create', '--colour', 'red'], { DATABASE_URL: db.url }),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toBe(
      [
        'Ugyldige oplysninger (invalid input):',
        '  --email: skal udfyldes',
        '  --name: skal udfyldes',
        '  --role: skal være en af de tilladte værdier (inspector, facility_leader, region_staff)',
        '  NO_SUCH_VAR (--password-env): skal udfyldes',
        '',
      ].join('\n'),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--colour'");
    expect(await userCount()).toBe(before);
  });

  it('creates a user who can log in, audits it, and refuses the same e-mail twice with exit code 1', async () => {
    const args = [
      'users:create',
      '--email',
      'Tove@Tilsyn.test',
      '--name',
      'Tove Tilsyn',
      '--role',
      'inspector',
      '--password-env',
      'NEW_PASSWORD',
    ];
    const created = await runCli(args, { DATABASE_URL: db.url, NEW_PASSWORD: 'et-langt-kodeord' });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const [user] = await query<{ id: string; role: string; password_hash: string }>(
      db.url,
      `select id, role, password_hash from app_user where email = 'Tove@Tilsyn.test'`,
    );
    expect(user.role).toBe('inspector');
    expect(await verifyPassword(user.password_hash, 'et-langt-kodeord')).toBe(true);
    const audit = await query<{ action: string; actor_name: string; after: object }>(
      db.url,
      `select action, actor_name, after from audit_event where entity_id = $1`,
      [user.id],
    );
    expect(audit).toEqual([
      {
        action: 'user.created',
        actor_name: expect.stringMatching(/^cli:/),
        after: { email: 'Tove@Tilsyn.test', name: 'Tove Tilsyn', role: 'inspector' },
      },
    ]);

    const again = await runCli(
      args.map((a) => (a === 'Tove@Tilsyn.test' ? 'tove@tilsyn.test' : a)),
      {
        DATABASE_URL: db.url,
        NEW_PASSWORD: 'et-langt-kodeord',
      },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('der findes allerede en bruger med e-mailen tove@tilsyn.test');
  });
});
