import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The checklist as a field tool. An answer already held any number of evidence rows; their order is
 * now unique per answer (the autosave rewrites them as a list), and a row whose file is a photo can
 * be marked for the report. Photos are attachments with a small thumbnail made in the browser, and
 * the browser's own key for each upload, so a retry after a lost connection stores it only once.
 * Existing rows keep their data: in_report starts false, thumbnail and client_key empty.
 */
export class ChecklistPhotos1796297850516 implements MigrationInterface {
  name = 'ChecklistPhotos1796297850516';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table visit_evidence add column in_report boolean not null default false`);
    await q.query(
      `alter table visit_evidence add constraint visit_evidence_answer_id_position_key unique (answer_id, position)`,
    );
    await q.query(`alter table visit_attachment add column thumbnail bytea, add column client_key uuid`);
    await q.query(
      `alter table visit_attachment add constraint visit_attachment_visit_id_client_key_key unique (visit_id, client_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table visit_attachment drop constraint visit_attachment_visit_id_client_key_key`);
    await q.query(`alter table visit_attachment drop column client_key, drop column thumbnail`);
    await q.query(`alter table visit_evidence drop constraint visit_evidence_answer_id_position_key`);
    await q.query(`alter table visit_evidence drop column in_report`);
  }
}
