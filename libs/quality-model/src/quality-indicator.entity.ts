import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { QualityCriterionEntity } from './quality-criterion.entity.js';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { QualityNodeColumns } from './quality-node.columns.js';
import { QualityStandardEntity } from './quality-standard.entity.js';
import type { EvidenceSource, IndicatorKind } from './vocabulary.js';

/** What is assessed and scored. Its id is stable for the life of its version; visits point at it. */
@Entity('quality_indicator')
@Index('quality_indicator_standard_idx', ['standardId', 'position'])
@Index('quality_indicator_criterion_idx', ['criterionId'])
@Unique('quality_indicator_version_id_code_key', ['versionId', 'code'])
@Check('quality_indicator_kind_check', `kind in ('guideline', 'practice', 'monitoring', 'improvement')`)
export class QualityIndicatorEntity extends QualityNodeColumns {
  @ManyToOne(() => QualityModelVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'quality_indicator_version_id_fkey' })
  modelVersion?: QualityModelVersionEntity;

  @Column('uuid')
  standardId: string;

  @ManyToOne(() => QualityStandardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'quality_indicator_standard_id_fkey' })
  standard?: QualityStandardEntity;

  @Column('uuid', { nullable: true })
  criterionId: string | null;

  @ManyToOne(() => QualityCriterionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'criterion_id', foreignKeyConstraintName: 'quality_indicator_criterion_id_fkey' })
  criterion?: QualityCriterionEntity;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  kind: IndicatorKind | null;

  @Column('text', { array: true, default: '{}' })
  evidence: EvidenceSource[];

  @Column('text', { array: true, default: '{}' })
  facilityTypes: string[];
}
