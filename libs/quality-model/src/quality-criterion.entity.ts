import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { QualityNodeColumns } from './quality-node.columns.js';
import { QualityStandardEntity } from './quality-standard.entity.js';

/** A criterion (socialtilsyn's K1–K11): the optional level between a theme and its indicators. */
@Entity('quality_criterion')
@Index('quality_criterion_standard_idx', ['standardId', 'position'])
@Unique('quality_criterion_version_id_code_key', ['versionId', 'code'])
export class QualityCriterionEntity extends QualityNodeColumns {
  @ManyToOne(() => QualityModelVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'quality_criterion_version_id_fkey' })
  modelVersion?: QualityModelVersionEntity;

  @Column('uuid')
  standardId: string;

  @ManyToOne(() => QualityStandardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'quality_criterion_standard_id_fkey' })
  standard?: QualityStandardEntity;

  @Column('text')
  text: string;
}
