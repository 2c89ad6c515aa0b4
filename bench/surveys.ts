import { DataSource } from 'typeorm';
import { today as danishToday } from '#libs/core';
import { startBareNest, startBenchApp, token } from './lib/bench-app.js';
import { client, fmt, load } from './lib/load.js';

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

/**
 * Survey submissions with 200 concurrent respondents, each sending a whole questionnaire with a
 * fresh code, against a bare Nest route taking the same JSON in the same process. Codes are spread
 * over rounds of realistic size (a facility's residents), since each round's used invitations are
 * rewritten after submissions (the anonymity restamp).
 */
export async function surveysBench(opts = { respondents: 200, seconds: 10, facilities: 40, invitationsPerRound: 250 }) {
  const { app, baseUrl, stop } = await startBenchApp();
  const bare = await startBareNest();
  const bareClient = client(bare.baseUrl, opts.respondents);
  const appClient = client(baseUrl, opts.respondents);
  try {
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown) =>
      (await appClient.request(method, path, { authorization: `Bearer ${region}` }, body)).json;
    const version = (await call('GET', '/api/v1/quality-models')).find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const today = danishToday();
    const codes: string[] = [];
    for (let f = 0; f < opts.facilities; f++) {
      const facility = await call('POST', '/api/v1/facilities', {
        name: `Bostedet Bænk ${f}`,
        address: `Bænkevej ${f}`,
        municipality: 'Aarhus',
        typeCode: 'sel-108',
      });
      for (const questionnaireKey of ['beboere', 'paaroerende']) {
        const round = await call('POST', '/api/v1/survey-rounds', {
          facilityId: facility.id,
          questionnaireKey,
          modelVersionId: version.id,
          periodStart: today,
          periodEnd: today,
        });
        if (questionnaireKey === 'beboere')
          codes.push(
            ...(
              await call('POST', `/api/v1/survey-rounds/${round.id}/invitations`, { count: opts.invitationsPerRound })
            ).codes,
          );
      }
    }
    // interleave rounds, as respondents of many facilities answer at the same time
    codes.sort(() => Math.random() - 0.5);
    const duration = opts.seconds * 1000;

    const baseline = await load({
      concurrency: opts.respondents,
      durationMs: duration,
      request: async (w, n) =>
        (await bareClient.request('PUT', `/bare/${w}`, {}, { code: `XXXXX-${n}`, answers: answers(n) })).status === 200,
    });
    let next = 0;
    const submissions = await load({
      concurrency: opts.respondents,
      durationMs: duration,
      request: async (_, n) => {
        const code = codes[next++];
        if (!code) throw new Error('ran out of codes');
        return (
          (await appClient.request('POST', '/api/v1/survey-responses', {}, { code, answers: answers(n) })).status ===
          201
        );
      },
    });
    // a few codes sent again (more would trip the limit on refused requests per IP)
    const again = await Promise.all(
      codes
        .slice(0, 10)
        .map((code) => appClient.request('POST', '/api/v1/survey-responses', {}, { code, answers: answers(0) })),
    );
    const duplicates = again.filter((r) => r.status !== 409).length;
    const db = app.get(DataSource);
    const [{ stored }] = await db.query(`select count(*)::int as stored from survey_response`);
    const [{ linked }] = await db.query(
      `select count(*)::int as linked from survey_invitation i join survey_response r on r.xmin = i.xmin`,
    );
    console.log(
      `\nSurvey submissions, ${opts.respondents} concurrent respondents, ${opts.seconds} s each, ${opts.facilities} rounds`,
    );
    console.log(`  bare Nest PUT route       ${fmt(baseline)}`);
    console.log(`  submit (POST 15 answers)  ${fmt(submissions)}`);
    console.log(
      `  ratio submit/bare: throughput ${(submissions.rps / baseline.rps).toFixed(2)}×, p99 ${(submissions.p99 / baseline.p99).toFixed(1)}×`,
    );
    console.log(
      `  stored ${stored} submissions for ${submissions.requests - submissions.errors} accepted; of 10 codes sent again, accepted: ${duplicates}; invitations joinable to a response by transaction id: ${linked}`,
    );
    return { baseline, submissions };
  } finally {
    await Promise.all([bareClient.close(), appClient.close()]);
    await bare.stop();
    await stop();
  }
}
