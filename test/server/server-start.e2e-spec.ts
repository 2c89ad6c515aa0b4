import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, freePort, type TestDatabase } from '#libs/testing';

/** The built server as `npm start` runs it, on a fresh migrated database, with the demo seeded. */
describe('the server as npm start runs it', () => {
  let db: TestDatabase;
  let server: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
    server = spawn(process.execPath, [resolve('dist/apps/server/src/main.js')], {
      env: {
        ...inherited,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        PORT: String(port),
        SEED_DEMO: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((ok, fail) => {
      const collect = (d: Buffer) => {
        output += d;
        if (output.includes('Tilsyn kører på')) ok();
      };
      server.stdout!.on('data', collect);
      server.stderr!.on('data', collect);
      server.on('exit', (code) => fail(new Error(`server exited with ${code} before it listened:\n${output}`)));
    });
  }, 120_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await db?.drop();
  });

  it('prints the demo users and shows the demo leader stored scores from the demo visit and survey', async () => {
    expect(output).toContain('leder@tilsyn.demo');
    const token = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'leder@tilsyn.demo', password: 'tilsyn-demo' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const auth = { authorization: `Bearer ${token.token}` };
    const start = await fetch(`${base}/resultater`, { headers: auth });
    const page = await start.text();
    const facility =
      /href="\/resultater\/tilbud\/([0-9a-f-]{36})">Bostedet Lærkereden/.exec(page)?.[1] ??
      /\/resultater\/tilbud\/([0-9a-f-]{36})/.exec(start.url)?.[1];
    expect(facility).toBeDefined();
    const dashboard = await (await fetch(`${base}/resultater/tilbud/${facility}`, { headers: auth })).text();
    expect(dashboard).toContain('Aktuelle scorer');
    expect(dashboard).not.toContain('Der er endnu ingen offentliggjorte tilsynsbesøg');
  });

  it('stops cleanly on SIGTERM', async () => {
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    expect(code).toBe(0);
  });
});
