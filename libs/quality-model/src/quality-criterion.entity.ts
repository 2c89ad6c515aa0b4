import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { QualityStandardEntity } from './quality-standard.entity.js';

/** A criterion (socialtilsyn's K1–K11): the optional level between a theme and its indicators. */
@Entity('quality_criterion')
@Index('quality_criterion_standard_idx', ['standardId', 'position'])
@Unique('quality_criterion_version_id_code_key', ['versionId', 'code'])
export class QualityCriterionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => QualityModelVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'quality_criterion_version_id_fkey' })
  modelVersion?: QualityModelVersionEntity;

  @Column('uuid')
  standardId: string;

  @ManyToOne(() => QualityStandardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'quality_criterion_standard_id_fkey' })
  standard?: QualityStandardEntity;

  @Column('integer')
  position: number;

  @Column('text')
  code: string;

  @Column('text')
  text: string;

  @Column('text', { default: '' })
  guidance: string;

  @Column('double precision', { default: 1 })
  weight: number;

  @Column('text', { default: '' })
  note: string;

  @VersionColumn({ default: 1 })
  version: number;
}
