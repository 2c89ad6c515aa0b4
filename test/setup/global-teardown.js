import pg from 'pg';

/** Drops every database this run created, then stops the embedded cluster if one was started. */
export default async function globalTeardown() {
  const admin = new pg.Client({ connectionString: process.env.TILSYN_TEST_ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query(`select datname from pg_database where datname like $1 or datname = $2`, [
    `${process.env.TILSYN_TEST_PREFIX}_%`,
    process.env.TILSYN_TEST_TEMPLATE,
  ]);
  for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  await admin.end();
  await globalThis.__tilsynStopDb?.();
}
