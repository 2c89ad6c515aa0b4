import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { QualityNodeColumns } from './quality-node.columns.js';

/** A standard (regional model) or theme (socialtilsyn) within one model version. */
@Entity('quality_standard')
@Index('quality_standard_version_idx', ['versionId', 'position'])
@Unique('quality_standard_version_id_code_key', ['versionId', 'code'])
export class QualityStandardEntity extends QualityNodeColumns {
  @ManyToOne(() => QualityModelVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'quality_standard_version_id_fkey' })
  modelVersion?: QualityModelVersionEntity;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  category: string;

  @Column('text', { default: '' })
  purpose: string;
}
