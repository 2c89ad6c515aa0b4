import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facility types with their legal basis and visit-frequency targets, and the facility register
 * fields: type, target groups, places and units.
 */
export class FacilityRegister1795450000000 implements MigrationInterface {
  name = 'FacilityRegister1795450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table facility_type (
        code text primary key,
        name text not null,
        legal_basis text not null,
        min_announced integer not null default 1 check (min_announced >= 0),
        min_unannounced integer not null default 1 check (min_unannounced >= 0),
        window_months integer not null default 12 check (window_months between 1 and 60),
        version integer not null default 1
      )`);
    // Reference data: the common service types under Serviceloven and Almenboligloven.
    await q.query(`
      insert into facility_type (code, name, legal_basis) values
        ('sel-107', 'Midlertidigt botilbud', 'SEL § 107'),
        ('sel-108', 'Længerevarende botilbud', 'SEL § 108'),
        ('sel-85', 'Socialpædagogisk støtte i eget hjem/bofællesskab', 'SEL § 85'),
        ('sel-103', 'Beskyttet beskæftigelse', 'SEL § 103'),
        ('sel-104', 'Aktivitets- og samværstilbud (dagtilbud)', 'SEL § 104'),
        ('abl-105', 'Almen plejebolig/bofællesskab med støtte', 'ABL § 105 med SEL § 85')`);
    await q.query(
      `alter table facility add column type_code text not null default 'sel-108' references facility_type (code)`,
    );
    await q.query(`alter table facility alter column type_code drop default`);
    await q.query(`alter table facility add column target_groups text[] not null default '{}'`);
    await q.query(`alter table facility add column places integer check (places >= 0)`);
    await q.query(`alter table facility add column units text[] not null default '{}'`);
    await q.query(`create unique index facility_name_municipality_key on facility (lower(name), lower(municipality))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index facility_name_municipality_key`);
    await q.query(
      `alter table facility drop column units, drop column places, drop column target_groups, drop column type_code`,
    );
    await q.query(`drop table facility_type`);
  }
}
