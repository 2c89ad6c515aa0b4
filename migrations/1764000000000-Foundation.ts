import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users and roles, facilities with their leaders, API tokens, web sessions and the audit trail. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table app_user (
        id uuid primary key default gen_random_uuid(),
        email text not null,
        name text not null,
        role text not null check (role in ('inspector', 'facility_leader', 'region_staff')),
        password_hash text not null,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    await q.query(`create unique index app_user_email_key on app_user (lower(email))`);

    await q.query(`
      create table facility (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        address text not null default '',
        municipality text not null default '',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);

    await q.query(`
      create table facility_leader (
        facility_id uuid not null references facility (id) on delete cascade,
        user_id uuid not null references app_user (id) on delete cascade,
        primary key (facility_id, user_id)
      )`);
    await q.query(`create index facility_leader_user_idx on facility_leader (user_id)`);

    await q.query(`
      create table api_token (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references app_user (id) on delete cascade,
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      )`);

    // Table layout required by connect-pg-simple (express-session store).
    await q.query(`
      create table user_session (
        sid varchar not null primary key,
        sess json not null,
        expire timestamp(6) not null
      )`);
    await q.query(`create index user_session_expire_idx on user_session (expire)`);

    await q.query(`
      create table audit_event (
        id bigint generated always as identity primary key,
        occurred_at timestamptz not null default now(),
        actor_id uuid references app_user (id),
        actor_name text not null,
        action text not null,
        entity_type text not null,
        entity_id text not null,
        facility_id uuid,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    await q.query(`create index audit_event_entity_idx on audit_event (entity_type, entity_id, id)`);
    await q.query(`create index audit_event_facility_idx on audit_event (facility_id, id)`);
    // The trail is append-only: the database itself refuses to change or remove a row.
    await q.query(`
      create function audit_event_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    await q.query(`
      create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_refuse_change()`);
    await q.query(`
      create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table audit_event`);
    await q.query(`drop function audit_event_refuse_change()`);
    await q.query(`drop table user_session`);
    await q.query(`drop table api_token`);
    await q.query(`drop table facility_leader`);
    await q.query(`drop table facility`);
    await q.query(`drop table app_user`);
  }
}
