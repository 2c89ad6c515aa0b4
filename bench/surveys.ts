import pg from 'pg';
import { DataSource } from 'typeorm';
import { today as danishToday } from '#libs/core';
import { codeHash, newInvitationCode, normaliseCode } from '#libs/surveys';
import { startBareNest, startBenchApp, token } from './lib/bench-app.js';
import { interleave, printComparison } from './lib/compare.js';
import { client } from './lib/load.js';
import { recordSql } from './lib/sql-recorder.js';

/** A full residents' questionnaire as a respondent would send it. */
const answers = (n: number) => ({
  B01: (n % 5) + 1,
  B02: 4,
  B03: 5,
  B04: 'dont_know',
  B05: 3,
  B06: 4,
  B07: 5,
  B08: 4,
  B09: 3,
  B10: 'yes',
  B11: n % 2 ? 'yes' : 'no',
  B12: 'yes',
  B13: 'dont_know',
  B14: 4,
  B15: `Det er godt at bo her, især haven (${n}).`,
});

type Code = { code: string; roundId: string };

/**
 * Survey submissions with 200 concurrent respondents, each sending a whole questionnaire with a
 * fresh code. Baseline: the very SQL one submission sends (code lookup, the submission statement),
 * caught on the wire and sent bare through pg with a pool as large as the app's. The restamp of the
 * round's used invitations follows each answer in the app (at most one per round a second) and is
 * not in the baseline, so its cost counts against the app. A bare Nest route taking the same JSON
 * shows the framework alone. Codes are spread over rounds of realistic size; app and baseline use
 * rounds of their own. Interleaved slices.
 */
export async function surveysBench(
  opts = { respondents: 200, slices: 10, sliceMs: 1500, rounds: 100, perRound: 250, barePerRound: 1000 },
) {
  const { app, baseUrl, stop } = await startBenchApp();
  const bare = await startBareNest();
  const bareClient = client(bare.baseUrl, opts.respondents);
  const appClient = client(baseUrl, opts.respondents);
  const pool = new pg.Pool({ connectionString: (app.get(DataSource).options as { url: string }).url, max: 10 });
  try {
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown) =>
      (await appClient.request(method, path, { authorization: `Bearer ${region}` }, body)).json;
    const version = (await call('GET', '/api/v1/quality-models')).items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const today = danishToday();
    const appCodes: Code[] = [];
    const bareCodes: Code[] = [];
    for (let f = 0; f < opts.rounds; f++) {
      const facility = await call('POST', '/api/v1/facilities', {
        name: `Bostedet Bænk ${f}`,
        address: `Bænkevej ${f}`,
        municipality: 'Aarhus',
        typeCode: 'sel-108',
      });
      const round = await call('POST', '/api/v1/survey-rounds', {
        facilityId: facility.id,
        questionnaireKey: 'beboere',
        modelVersionId: version.id,
        periodStart: today,
        periodEnd: today,
      });
      const { codes } = await call('POST', `/api/v1/survey-rounds/${round.id}/invitations`, { count: opts.perRound });
      (f % 2 ? bareCodes : appCodes).push(...codes.map((code: string) => ({ code, roundId: round.id })));
      if (f % 2) {
        // the bare statements are fast enough to use up many more codes; the restamp, which
        // depends on a round's size, is not among them, so they may go into the same rounds
        const more = Array.from({ length: opts.barePerRound }, () => newInvitationCode());
        await pool.query(
          `insert into survey_invitation (round_id, code_hash, used) select $1, unnest($2::text[]), false`,
          [round.id, more.map((c) => codeHash(normaliseCode(c)!))],
        );
        bareCodes.push(...more.map((code) => ({ code, roundId: round.id })));
      }
    }
    // interleave rounds, as respondents of many facilities answer at the same time
    for (const codes of [appCodes, bareCodes]) codes.sort(() => Math.random() - 0.5);
    const submit = (code: string, n: number) =>
      appClient.request('POST', '/api/v1/survey-responses', {}, { code, answers: answers(n) });

    // What one submission sends, caught on the wire; replayed with another code and round
    const probe = appCodes.pop()!;
    // The restamp of the round runs after the answer, shared by the submissions of a second; it is
    // caught too (recording waits for its commit) but is not the request's, so the baseline leaves it
    // out: the app's restamps load the database during its own slices.
    const caught = await recordSql(
      () => submit(probe.code, 0),
      (seen) => seen.some((s) => s.text.includes('insert into survey_invitation')) && seen.at(-1)?.text === 'COMMIT',
    );
    const restampStarts = caught.findIndex((s) => s.text === 'START TRANSACTION');
    const sent = caught.slice(0, restampStarts);
    if (process.env.BENCH_SQL) for (const s of caught) console.log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 140)}`);
    const probeHash = codeHash(normaliseCode(probe.code)!);
    const replay = async (code: Code) => {
      const hash = codeHash(normaliseCode(code.code)!);
      const swap = (v: unknown) => (v === probeHash ? hash : v === probe.roundId ? code.roundId : v);
      const connection = await pool.connect();
      try {
        for (const s of sent) await connection.query(s.text, s.values.map(swap));
      } finally {
        connection.release();
      }
      return true;
    };
    let nextApp = 0;
    let accepted = 1; // the probe's
    let nextBare = 0;
    const results = await interleave({
      concurrency: opts.respondents,
      slices: opts.slices,
      sliceMs: opts.sliceMs,
      contenders: {
        'bare SQL (same statements)': async () => {
          const code = bareCodes[nextBare++];
          if (!code) throw new Error('ran out of codes');
          return replay(code);
        },
        'submit (POST 15 answers)': async (_, n) => {
          const code = appCodes[nextApp++];
          if (!code) throw new Error('ran out of codes');
          const ok = (await submit(code.code, n)).status === 201;
          if (ok) accepted++;
          return ok;
        },
        'bare Nest route': async (w, n) =>
          (await bareClient.request('PUT', `/bare/${w}`, {}, { code: `XXXXX-${n}`, answers: answers(n) })).status ===
          200,
      },
    });
    if (nextApp > appCodes.length || nextBare > bareCodes.length)
      throw new Error(`ran out of codes (${opts.rounds} rounds of ${opts.perRound}): the figures would be wrong`);
    // a few codes sent again (more would trip the limit on refused requests per IP)
    const again = await Promise.all(
      appCodes
        .slice(0, nextApp)
        .slice(0, 10)
        .map((c) => submit(c.code, 0)),
    );
    const duplicates = again.filter((r) => r.status === 201).length;
    const db = app.get(DataSource);
    const appRounds = [...new Set([probe, ...appCodes].map((c) => c.roundId))];
    const [{ stored }] = await db.query(
      `select count(*)::int as stored from survey_response r where r.round_id = any($1)`,
      [appRounds],
    );
    // restamps still under way when the load stopped are given a moment to finish
    const links = async () =>
      (
        await db.query(
          `select count(*)::int as linked from survey_invitation i join survey_response r on r.xmin = i.xmin
            where i.round_id = any($1)`,
          [appRounds],
        )
      )[0].linked as number;
    for (const deadline = Date.now() + 10_000; (await links()) > 0 && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 50));
    const linked = await links();
    const submitted = results['submit (POST 15 answers)'];
    printComparison(
      `Survey submissions, ${opts.respondents} concurrent respondents, ${opts.slices} interleaved slices of ${opts.sliceMs} ms each; one submission sends ${sent.length} statements`,
      results,
      'bare SQL (same statements)',
      [
        `submit throughput ≥ 0.5× bare SQL: ${(submitted.rps / results['bare SQL (same statements)'].rps).toFixed(2)}×`,
        `submit p99 ≤ 500 ms: ${submitted.p99.toFixed(0)} ms`,
      ],
    );
    console.log(
      `  stored ${stored} submissions in the app's rounds for ${accepted} accepted; of 10 codes sent again, accepted: ${duplicates}; invitations joinable to a response by transaction id: ${linked}`,
    );
    return results;
  } finally {
    await Promise.all([bareClient.close(), appClient.close(), pool.end()]);
    await bare.stop();
    await stop();
  }
}
