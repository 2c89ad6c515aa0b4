import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/*
 * Each table belongs to one lib: the one whose entity maps it, or as listed below for tables without
 * an entity. A lib writes only its own tables. It reads another lib's tables only where READS lists
 * the pair with its reason; everything else it gets from the owner's exported services. The list
 * should only shrink.
 */
const WITHOUT_ENTITY: Record<string, string> = {
  user_session: 'auth',
  facility_leader: 'facilities',
  visit_inspector: 'inspections',
  score_node: 'scoring',
  schema_migration: 'database',
};

const READS: Record<string, Record<string, string>> = {
  auth: { facility_leader: 'the access policy: which facilities a leader leads' },
  facilities: { app_user: "leaders' names and roles beside the facility" },
  inspections: {
    app_user: "inspectors' names on visits",
    facility: "a visit's facility name and access facts, in the same statement as the visit",
    quality_model_version: "a visit's model name and scale, in the list and the autosave's one round trip",
    quality_indicator: "the autosave's one round trip checks the indicator is in the visit's scope",
  },
  surveys: { facility: 'facility names in the round list' },
  notifications: {
    visit: 'daily reminders: høring deadlines in 3 days',
    facility: 'facility names in reminder mails',
    follow_up_item: 'daily reminders: follow-up deadlines in 14 days and overdue items',
    follow_up_status: "daily reminders: an item's latest status decides whether it is still open",
    follow_up_section: "daily reminders: an item's plan is reached through its section",
    follow_up_plan: 'daily reminders: the facility an item belongs to (or the one that writes its status)',
    app_user: "recipients' addresses and their mail choices",
    facility_leader: 'the leaders who receive mails about their facilities',
  },
  reporting: { visit: 'published visits a report batch covers', facility: 'facility names in report lists' },
  'follow-up': {
    facility: 'facility names beside plans and items',
    org_unit:
      "the name of a plan's owner when a unit of the organisation tree owns it, in the same statement as the plan",
    app_user: 'who wrote a status',
    visit: 'the visit a finding came from; the latest published visit decides what is open',
    finding: 'recommendations and orders of visits, which follow-up items follow up',
    quality_indicator: 'indicator codes of an open recommendation',
  },
  scoring: {
    visit: 'ratings of published visits are the evidence scores are computed from',
    visit_answer: 'ratings of published visits are the evidence scores are computed from',
    visit_evidence: "an indicator's evidence trail",
    visit_attachment: "an indicator's evidence trail",
    facility: 'the heat map filters and names facilities in the same statement as their scores',
    facility_type: 'the heat map filters and names facility types',
    quality_model_version: 'the heat map offers the model versions that have scores',
  },
  demo: {
    quality_model_version: 'the synthetic region rates visits under the published model',
    quality_indicator: 'the synthetic region rates visits under the published model',
    facility_type: 'the synthetic region spreads its facilities over the types',
  },
};

/** Bulk fictional data (the synthetic region for benchmarks) is written straight into the tables. */
const WRITES: Record<string, string[]> = {
  demo: ['app_user', 'facility', 'visit', 'visit_answer'],
};

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const libs = readdirSync('libs');
const sources = Object.fromEntries(libs.map((lib) => [lib, files(join('libs', lib, 'src'))]));

const owner: Record<string, string> = { ...WITHOUT_ENTITY };
for (const lib of libs)
  for (const file of sources[lib])
    for (const [, table] of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*'([a-z_]+)'/g)) owner[table] = lib;

/** The SQL in a file's string literals: the tables it reads and writes. */
function tablesIn(file: string): { reads: Set<string>; writes: Set<string> } {
  const sql = (readFileSync(file, 'utf8').match(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g) ?? []).join('\n');
  const names = (re: RegExp) => new Set([...sql.matchAll(re)].map((m) => m[1]).filter((t) => t in owner));
  return {
    reads: names(/\b(?:from|join)\s+"?([a-z_]+)"?/gi),
    writes: names(/\b(?:insert\s+into|update|delete\s+from|truncate)\s+"?([a-z_]+)"?/gi),
  };
}

describe('table ownership', () => {
  it('gives every table made by a migration an owning lib', () => {
    const created = readdirSync('migrations')
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [
        ...readFileSync(join('migrations', f), 'utf8').matchAll(/create table (?:if not exists )?"?([a-z_]+)/gi),
      ])
      .map((m) => m[1]);
    expect(created.filter((t) => !(t in owner))).toEqual([]);
  });

  it("keeps each lib's SQL to its own tables, but for the reads listed with a reason", () => {
    const crossings: string[] = [];
    const used = new Set<string>();
    for (const lib of libs.filter((l) => l !== 'testing')) {
      for (const file of sources[lib]) {
        const { reads, writes } = tablesIn(file);
        for (const table of writes)
          if (owner[table] !== lib && !WRITES[lib]?.includes(table)) crossings.push(`${file} writes ${table}`);
        for (const table of reads) {
          if (owner[table] === lib || WRITES[lib]?.includes(table)) continue;
          if (READS[lib]?.[table]) used.add(`${lib}:${table}`);
          else crossings.push(`${file} reads ${table} (owned by ${owner[table]})`);
        }
      }
    }
    expect(crossings).toEqual([]);
    // A crossing that is gone comes off the list, so the list stays the truth.
    const listed = Object.entries(READS).flatMap(([lib, tables]) => Object.keys(tables).map((t) => `${lib}:${t}`));
    expect(listed.filter((pair) => !used.has(pair))).toEqual([]);
  });
});
