// Plain ESM on the build output: Jest loads global setup outside its module mapper and transforms.
import pg from 'pg';
import { migrateDatabase } from '../../dist/libs/database/src/index.js';
import { startTestServer, withDatabase } from '../../dist/libs/testing/src/test-server.js';

/** Starts (or connects to) PostgreSQL once and migrates a template that every test file clones. */
export default async function globalSetup() {
  const { adminUrl, stop } = await startTestServer();
  const template = `tilsyn_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  await migrateDatabase(withDatabase(adminUrl, template));
  process.env.TILSYN_TEST_ADMIN_URL = adminUrl;
  process.env.TILSYN_TEST_TEMPLATE = template;
  process.env.TILSYN_TEST_PREFIX = `tilsyn_t_${process.pid}`;
  globalThis.__tilsynStopDb = stop;
}
