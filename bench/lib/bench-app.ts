import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { createLogger } from '#libs/core';
import { migrateDatabase, startEmbeddedPostgres } from '#libs/database';
import { DemoSeed } from '#libs/demo';
import { createServerApp } from '../../apps/server/src/server-app.js';

/**
 * The real app on a throw-away embedded PostgreSQL (or BENCH_DATABASE_URL), migrated and seeded
 * with the demo data, listening on a free loopback port; jobs run in it only when asked.
 */
export async function startBenchApp(
  opts: { jobs?: boolean } = {},
): Promise<{ app: INestApplication; baseUrl: string; stop: () => Promise<void> }> {
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb: () => Promise<void> = async () => {};
  let dir: string | undefined;
  if (!url) {
    dir = mkdtempSync(join(tmpdir(), 'tilsyn-bench-'));
    chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres({
      dir: join(dir, 'data'),
      port: 54400 + Math.floor(Math.random() * 500),
      database: 'bench',
      persistent: false,
    });
    url = db.url;
    stopDb = db.stop;
  }
  await migrateDatabase(url);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    LOGIN_RATE_LIMIT: '1000',
    JOBS_IN_PROCESS: String(opts.jobs ?? false),
  });
  const app = await createServerApp(config, createLogger('silent'));
  await app.listen(0, '127.0.0.1');
  await app.get(DemoSeed).run();
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      await stopDb();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A bare Nest app with one JSON PUT route: the baseline for "what Nest itself costs" in the same process. */
export async function startBareNest(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const { Body, Controller, Module, Param, Put } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  @Controller('bare')
  class BareController {
    @Put(':id')
    put(@Param('id') id: string, @Body() body: unknown) {
      return { id, body, version: 1 };
    }
  }
  @Module({ controllers: [BareController] })
  class BareModule {}
  const app = await NestFactory.create(BareModule, { logger: false });
  // idle connections kept as long as the app keeps them (apps/server/src/server-app.ts)
  Object.assign(app.getHttpServer(), { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => app.close() };
}

export async function token(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await res.json()) as { token: string }).token;
}
