import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region's quartiles read every facility's current standard and overall scores of a model
 * version. With (model_version_id, node_id, score) in a partial index over exactly those rows they
 * are an index-only scan, already grouped by node and ordered by score, instead of a heap scan of
 * one row per page and a sort (measured on 1,000 facilities: 7.9 ms → 1.3 ms).
 */
export class ScoreNodeCurrentIndex1796100000000 implements MigrationInterface {
  name = 'ScoreNodeCurrentIndex1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `create index score_node_current_idx on score_node (model_version_id, node_id, score) where latest and level in ('standard', 'overall')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index score_node_current_idx`);
  }
}
