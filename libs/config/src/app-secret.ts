import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config.js';

let testSecret: string | null = null;

/**
 * The app's one secret: SESSION_SECRET (required in production; every server of a deployment has
 * the same); in development one random secret kept per data dir, so it survives restarts; in tests
 * one per process. Signs session cookies and derives the survey letters' codes.
 */
export function appSecret(config: Pick<AppConfig, 'SESSION_SECRET' | 'NODE_ENV' | 'DATA_DIR'>): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  if (config.NODE_ENV === 'test') {
    testSecret ??= randomBytes(32).toString('hex');
    return testSecret;
  }
  const file = join(config.DATA_DIR, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
