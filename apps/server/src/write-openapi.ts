import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '#libs/config';
import { projectRoot } from '#libs/web';
import { openApiDocument, openApiText } from './openapi.js';
import { serverModule } from './server-app.js';

/**
 * `npm run openapi`: writes openapi.json at the repository root from the app's own routes and DTOs.
 * The app is built in preview mode (no database, nothing started); a test fails while the file
 * differs from what the running app serves at /api/docs-json.
 */
const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
const app = await NestFactory.create(serverModule(config), { preview: true, logger: false });
const file = join(projectRoot, 'openapi.json');
writeFileSync(file, openApiText(openApiDocument(app)));
await app.close();
console.log(`Wrote ${file}`);
