import type { INestApplication } from '@nestjs/common';
import { hashPassword, Role, UsersRepository } from '#libs/auth';
import { type AppConfig, loadConfig } from '#libs/config';
import { createLogger, RequestContext } from '#libs/core';
import { DemoSeed } from '#libs/demo';
import { FacilitiesRepository } from '#libs/facilities';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export const TEST_PASSWORD = 'test-password-1';

export type AppFactory = (config: AppConfig, logger: ReturnType<typeof createLogger>) => Promise<INestApplication>;

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  db: TestDatabase;
  config: AppConfig;
  /** Runs `fn` with a request-like context, so repositories and @Transactional work outside HTTP. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  newUser(role: Role, name?: string): Promise<{ id: string; email: string; name: string; role: Role }>;
  newFacility(name: string, leaderIds?: string[]): Promise<{ id: string; name: string }>;
  close(): Promise<void>;
}

/**
 * Boots the real app (real PostgreSQL clone, real HTTP on a free port) for one test file.
 * `factory` is the app's own builder (createServerApp), passed in so libs never import apps.
 */
export async function startTestApp(factory: AppFactory, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    // jobs stay queued unless a test starts a worker (or asks for JOBS_IN_PROCESS)
    JOBS_IN_PROCESS: 'false',
    DATABASE_URL: db.url,
    ...env,
  });
  const app = await factory(config, createLogger(config.LOG_LEVEL));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  // links that leave the app (letters, mails) point at this test server unless a test sets its own
  config.PUBLIC_URL ??= `http://127.0.0.1:${port}`;
  const run = <T>(fn: () => Promise<T>) => RequestContext.run({ requestId: 'test' }, fn);
  let n = 0;
  return {
    app,
    db,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    run,
    newUser: (role, name) =>
      run(async () => {
        const passwordHash = await hashPassword(TEST_PASSWORD);
        const email = `${role}.${++n}.${Date.now()}@test.tilsyn`;
        const u = await app.get(UsersRepository).create({ email, name: name ?? `${role} ${n}`, role, passwordHash });
        return { id: u.id, email, name: u.name, role };
      }),
    newFacility: (name, leaderIds = []) =>
      run(async () => {
        const repo = app.get(FacilitiesRepository);
        const f = await repo.create({ name, address: 'Testvej 1', municipality: 'Testrup' });
        for (const id of leaderIds) await repo.addLeader(f.id, id);
        return { id: f.id, name: f.name };
      }),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export async function seedDemo(t: TestApp): Promise<void> {
  await t.run(() => t.app.get(DemoSeed).run());
}

/** A bearer token for `email` via the public API, as an API client would get one. */
export async function tokenFor(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${t.baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 201) throw new Error(`login failed for ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** fetch against the test app with a bearer token and JSON body. */
export async function api(t: TestApp, token: string | undefined, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', json, text };
}

export { Role };
