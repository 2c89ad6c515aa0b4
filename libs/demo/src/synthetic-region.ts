import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import { ScoringService } from '#libs/scoring';

export interface SyntheticRegionOptions {
  facilities: number;
  years: number;
  /** The last year with visits; the first is `lastYear - years + 1`. */
  lastYear: number;
}

export interface SyntheticRegionResult {
  facilities: number;
  visits: number;
  answers: number;
}

const MUNICIPALITIES = [
  'Aarhus',
  'Randers',
  'Viborg',
  'Silkeborg',
  'Horsens',
  'Herning',
  'Holstebro',
  'Skive',
  'Favrskov',
  'Skanderborg',
  'Syddjurs',
  'Norddjurs',
  'Ikast-Brande',
  'Struer',
  'Lemvig',
  'Odder',
  'Hedensted',
  'Ringkøbing-Skjern',
  'Samsø',
];
/** Facilities per transaction: small enough for steady progress, large enough for few round trips. */
const CHUNK = 100;

/**
 * Fills the database with a fictitious region for benchmarks and trials: facilities named
 * "Syntetisk tilbud NNNN", one published announced visit a year each (an unannounced one every
 * third year), every applicable indicator rated around a facility's own level with a slow trend
 * and noise, then the stored scores. Bulk SQL, one chunk of facilities per transaction.
 */
@Injectable()
export class SyntheticRegion {
  constructor(
    private readonly tx: TransactionHost,
    private readonly scoring: ScoringService,
  ) {}

  async generate(
    opts: SyntheticRegionOptions,
    tick: (facilities: number) => void = () => undefined,
  ): Promise<SyntheticRegionResult> {
    const m = this.tx.tx;
    const [version] = await m.query(
      `select id, (select min((l->>'value')::int) from jsonb_array_elements(scale->'levels') l) as low,
              (select max((l->>'value')::int) from jsonb_array_elements(scale->'levels') l) as high
         from quality_model_version where status = 'published' order by model_key = 'socialtilsyn' desc, model_key limit 1`,
    );
    const [user] = await m.query(
      `select id from app_user where role = 'inspector' and active order by created_at limit 1`,
    );
    if (!version || !user)
      throw new Error('der skal være en udgivet kvalitetsmodel og en tilsynskonsulent; kør først: npm run cli -- seed');
    const [{ offset }] = await m.query(
      `select count(*)::int as offset from facility where name like 'Syntetisk tilbud %'`,
    );
    const result: SyntheticRegionResult = { facilities: 0, visits: 0, answers: 0 };
    for (let start = 0; start < opts.facilities; start += CHUNK) {
      const count = Math.min(CHUNK, opts.facilities - start);
      await this.tx.run(async () => {
        const t = this.tx.tx;
        const ids: string[] = (
          await t.query(
            `insert into facility (name, address, municipality, type_code)
             select format('Syntetisk tilbud %s', lpad((n + $1)::text, 4, '0')), format('Testvej %s', n + $1), ($3::text[])[1 + (n + $1) % cardinality($3::text[])],
                    (select array_agg(code order by code) from facility_type)[1 + (n + $1) % (select count(*) from facility_type)::int]
               from generate_series(1, $2) n
             returning id`,
            [offset + start, count, MUNICIPALITIES],
          )
        ).map((r: { id: string }) => r.id);
        const count$ = async (sql: string, params: unknown[]) =>
          (
            (await t.query(`with written as (${sql} returning 1) select count(*)::int as n from written`, params)) as {
              n: number;
            }[]
          )[0].n;
        const visits = await count$(
          `insert into visit (facility_id, model_version_id, kind, planned_date, status, created_by_id, submitted_by_id, submitted_at, approved_by_id, approved_at, published_at)
           select f, $4, kind, d, 'published', $5, $5, d, $5, d, d
             from unnest($1::uuid[]) f cross join generate_series($2::int, $3::int) y cross join unnest(array['announced', 'unannounced']) kind
             cross join lateral (select make_date(y, 1 + floor(random() * 12)::int, 1 + floor(random() * 28)::int) as d) day
            where kind = 'announced' or y % 3 = 0`,
          [ids, opts.lastYear - opts.years + 1, opts.lastYear, version.id, user.id],
        );
        // each facility's own level (2.0–4.5, from its id), a slow upward trend and noise of ±1
        const answers = await count$(
          `insert into visit_answer (visit_id, indicator_id, assessment, rating, justification, updated_by_id)
           select v.id, i.id, 'rated',
                  greatest($3::int, least($4::int, round(2 + (('x' || substr(md5(f.id::text), 1, 6))::bit(24)::int % 250) / 100.0
                                                         + (extract(year from v.planned_date) - $5) * 0.05 + (random() - 0.5) * 2)))::int,
                  'Syntetisk vurdering.', $6
             from visit v join facility f on f.id = v.facility_id
             join quality_indicator i on i.version_id = $2 and (cardinality(i.facility_types) = 0 or f.type_code = any(i.facility_types))
            where v.facility_id = any($1)`,
          [ids, version.id, version.low, version.high, opts.lastYear - opts.years + 1, user.id],
        );
        await this.scoring.refresh(ids);
        result.facilities += count;
        result.visits += visits;
        result.answers += answers;
      });
      tick(count);
    }
    // fresh statistics, or the planner guesses at tables that grew from nothing
    await m.query(`analyze facility, visit, visit_answer, score_node`);
    return result;
  }
}
