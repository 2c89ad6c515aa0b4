import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres } from '#libs/database';
import { freePort } from '#libs/testing';

const alive = (pid: number) => existsSync(`/proc/${pid}`);

describe('embedded PostgreSQL', () => {
  it('starts again after its parent was killed with SIGKILL, keeping the data', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tilsyn-ep-'));
    chmodSync(parent, 0o755);
    const dir = join(parent, 'data');
    const port = await freePort();
    const lib = resolve('dist/libs/database/src/index.js');
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(lib)});
      const db = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port}, database: 'keep' });
      const pg = (await import('pg')).default;
      const c = new pg.Client(db.url); await c.connect();
      await c.query('create table kept (v text)'); await c.query("insert into kept values ('æøå')"); await c.end();
      console.log('ready'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && ok());
      child.on('exit', (code) => fail(new Error(`child exited ${code}`)));
    });
    const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(alive(postmaster)).toBe(true); // orphaned, still holding the lock

    const db = await startEmbeddedPostgres({ dir, port, database: 'keep' });
    try {
      const c = new pg.Client(db.url);
      await c.connect();
      expect((await c.query('select v from kept')).rows).toEqual([{ v: 'æøå' }]);
      await c.end();
      expect(alive(postmaster)).toBe(false);
    } finally {
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
