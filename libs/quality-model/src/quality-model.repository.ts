import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import { FacilitiesRepository } from '#libs/facilities';
import type { CriterionDoc, IndicatorDoc, NodeKind, StandardDoc } from './catalogue-format.js';
import { QualityCriterionEntity } from './quality-criterion.entity.js';
import { QualityIndicatorEntity } from './quality-indicator.entity.js';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { QualityStandardEntity } from './quality-standard.entity.js';
import type { VersionStatus } from './vocabulary.js';

const NODE_ENTITIES = {
  standard: QualityStandardEntity,
  criterion: QualityCriterionEntity,
  indicator: QualityIndicatorEntity,
} as const;
export type NodeEntity = QualityStandardEntity | QualityCriterionEntity | QualityIndicatorEntity;

/** Everything in one version, each list in display order. */
export interface VersionRows {
  version: QualityModelVersionEntity;
  standards: QualityStandardEntity[];
  criteria: QualityCriterionEntity[];
  indicators: QualityIndicatorEntity[];
}

export interface VersionCounts {
  standards: number;
  criteria: number;
  indicators: number;
}

@Injectable()
export class QualityModelRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly facilities: FacilitiesRepository,
  ) {}

  private get versions() {
    return this.tx.tx.getRepository(QualityModelVersionEntity);
  }

  /** Versions with these statuses, grouped by model, newest version first. */
  async list(statuses: readonly VersionStatus[]): Promise<(QualityModelVersionEntity & { counts: VersionCounts })[]> {
    const rows = await this.versions
      .createQueryBuilder('v')
      .where('v.status = any(:statuses)', { statuses })
      .orderBy('v.modelKey')
      .addOrderBy('v.number', 'DESC')
      .getMany();
    const counts: { version_id: string; standards: number; criteria: number; indicators: number }[] =
      await this.tx.tx.query(
        `select v.id as version_id,
              (select count(*) from quality_standard s where s.version_id = v.id)::int as standards,
              (select count(*) from quality_criterion c where c.version_id = v.id)::int as criteria,
              (select count(*) from quality_indicator i where i.version_id = v.id)::int as indicators
         from quality_model_version v where v.id = any($1)`,
        [rows.map((r) => r.id)],
      );
    const byId = new Map(counts.map(({ version_id, ...c }) => [version_id, c]));
    return rows.map((r) => Object.assign(r, { counts: byId.get(r.id)! }));
  }

  get(id: string): Promise<QualityModelVersionEntity | null> {
    return this.versions.findOneBy({ id });
  }

  /** Row-locked read, so a status change or edit in this transaction cannot race another. */
  getForUpdate(id: string): Promise<QualityModelVersionEntity | null> {
    return this.versions.createQueryBuilder('v').setLock('pessimistic_write').where('v.id = :id', { id }).getOne();
  }

  async rows(version: QualityModelVersionEntity): Promise<VersionRows> {
    const where = { where: { versionId: version.id }, order: { position: 'ASC' as const } };
    // one after another: inside a transaction they share one connection, which runs one query at a time
    const standards = await this.tx.tx.getRepository(QualityStandardEntity).find(where);
    const criteria = await this.tx.tx.getRepository(QualityCriterionEntity).find(where);
    const indicators = await this.tx.tx.getRepository(QualityIndicatorEntity).find(where);
    return { version, standards, criteria, indicators };
  }

  published(modelKey: string): Promise<QualityModelVersionEntity | null> {
    return this.versions.findOneBy({ modelKey, status: 'published' });
  }

  async exists(modelKey: string): Promise<boolean> {
    return this.versions.existsBy({ modelKey });
  }

  /** The next version number of a model; serialised per model key until the transaction ends. */
  async nextNumber(modelKey: string): Promise<number> {
    await this.tx.tx.query(`select pg_advisory_xact_lock(hashtext('quality_model_version:' || $1))`, [modelKey]);
    const [{ max }] = await this.tx.tx.query(
      `select coalesce(max(number), 0)::int as max from quality_model_version where model_key = $1`,
      [modelKey],
    );
    return max + 1;
  }

  saveVersion(v: Partial<QualityModelVersionEntity>): Promise<QualityModelVersionEntity> {
    return this.versions.save(this.versions.create(v));
  }

  async deleteVersion(id: string): Promise<void> {
    await this.versions.delete({ id });
  }

  /** Stores a document's standards, criteria and indicators under a (draft) version, in file order. */
  async insertContent(versionId: string, standards: StandardDoc[]): Promise<void> {
    const manager = this.tx.tx;
    const nodes = {
      standard: [] as Partial<NodeEntity>[],
      criterion: [] as Partial<NodeEntity>[],
      indicator: [] as Partial<NodeEntity>[],
    };
    const indicator = (i: IndicatorDoc, position: number, standardId: string, criterionId: string | null) =>
      nodes.indicator.push({ ...i, versionId, standardId, criterionId, position });
    // ids are made here so children can refer to parents in one insert per table
    standards.forEach((s, si) => {
      const { criteria, indicators, ...fields } = s;
      const standardId = randomUUID();
      nodes.standard.push({ ...fields, id: standardId, versionId, position: si });
      indicators.forEach((i, ii) => {
        indicator(i, ii, standardId, null);
      });
      criteria.forEach((c: CriterionDoc, ci) => {
        const { indicators: cIndicators, ...cFields } = c;
        const criterionId = randomUUID();
        nodes.criterion.push({ ...cFields, id: criterionId, versionId, standardId, position: ci });
        cIndicators.forEach((i, ii) => {
          indicator(i, ii, standardId, criterionId);
        });
      });
    });
    for (const kind of ['standard', 'criterion', 'indicator'] as const) {
      if (nodes[kind].length) await manager.getRepository(NODE_ENTITIES[kind]).insert(nodes[kind] as never[]);
    }
  }

  node<K extends NodeKind>(kind: K, id: string): Promise<InstanceType<(typeof NODE_ENTITIES)[K]> | null> {
    return this.tx.tx.getRepository(NODE_ENTITIES[kind]).findOneBy({ id }) as never;
  }

  saveNode<K extends NodeKind>(
    kind: K,
    node: Partial<InstanceType<(typeof NODE_ENTITIES)[K]>>,
  ): Promise<InstanceType<(typeof NODE_ENTITIES)[K]>> {
    const repo = this.tx.tx.getRepository(NODE_ENTITIES[kind]);
    return repo.save(repo.create(node as never)) as never;
  }

  /** The node and its siblings (same parent), in their order. */
  siblings(kind: NodeKind, node: NodeEntity): Promise<NodeEntity[]> {
    const n = node as Partial<{ standardId: string; criterionId: string | null }>;
    const parent: Record<string, string | null> =
      kind === 'standard'
        ? { versionId: node.versionId }
        : kind === 'criterion'
          ? { standardId: n.standardId! }
          : { standardId: n.standardId!, criterionId: n.criterionId ?? null };
    return this.where(kind, parent).orderBy('n.position').getMany() as Promise<NodeEntity[]>;
  }

  async removeNode(kind: NodeKind, id: string): Promise<void> {
    await this.tx.tx.getRepository(NODE_ENTITIES[kind]).delete({ id });
  }

  private where(kind: NodeKind, columns: Record<string, string | null>) {
    const q = this.tx.tx.getRepository(NODE_ENTITIES[kind]).createQueryBuilder('n');
    for (const [column, value] of Object.entries(columns)) {
      if (value === null) q.andWhere(`n.${column} is null`);
      else q.andWhere(`n.${column} = :${column}`, { [column]: value });
    }
    return q;
  }

  /** Position after the last sibling (siblings share the columns given). */
  async nextPosition(kind: NodeKind, siblings: Record<string, string | null>): Promise<number> {
    const row = await this.where(kind, siblings)
      .select('coalesce(max(n.position) + 1, 0)', 'next')
      .getRawOne<{ next: number }>();
    return Number(row!.next);
  }

  anyNode(kind: NodeKind, columns: Record<string, string | null>): Promise<boolean> {
    return this.where(kind, columns).getExists();
  }

  /** Facility types from the facility register, which indicators may be limited to. */
  async facilityTypes(): Promise<{ code: string; name: string }[]> {
    const types = await this.facilities.facilityTypes();
    return types.map(({ code, name }) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }
}
