import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { migrations } from '../../migrations/index.js';
import { runCli } from './run-cli.js';

const names = migrations.map((m) => new m().name!);

describe('cli: migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db.drop());

  it('applies every migration to an empty database, naming each, and none on a second run', async () => {
    const first = await runCli(['migrate'], { DATABASE_URL: db.url });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    for (const name of names) expect(first.stdout).toContain(`Anvendt: ${name}`);
    // Piped, the progress bar degrades to plain lines.
    expect(first.stdout).toContain(`Migrerer: ${names.length}/${names.length}\n`);

    const second = await runCli(['migrate'], { DATABASE_URL: db.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('ingen ventende migreringer');
    expect(second.stdout).not.toContain('Anvendt');
  });

  it('lists applied and pending migrations', async () => {
    const status = await runCli(['migrate:status'], { DATABASE_URL: db.url });
    expect(status.code).toBe(0);
    for (const name of names) expect(status.stdout).toContain(`anvendt  ${name}`);
    expect(status.stdout).toContain(`${names.length} anvendt, 0 venter.`);
  });
});

describe('cli: on a database without the schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db.drop());

  it('refuses to seed and says to migrate first', async () => {
    const res = await runCli(['seed'], { DATABASE_URL: db.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('npm run cli -- migrate');
  });
});
