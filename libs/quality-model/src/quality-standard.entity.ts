import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';
import { QualityModelVersionEntity } from './quality-model-version.entity.js';

/** A standard (regional model) or theme (socialtilsyn) within one model version. */
@Entity('quality_standard')
@Index('quality_standard_version_idx', ['versionId', 'position'])
@Unique('quality_standard_version_id_code_key', ['versionId', 'code'])
export class QualityStandardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => QualityModelVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'quality_standard_version_id_fkey' })
  modelVersion?: QualityModelVersionEntity;

  @Column('integer')
  position: number;

  @Column('text')
  code: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  category: string;

  @Column('text', { default: '' })
  purpose: string;

  @Column('text', { default: '' })
  guidance: string;

  @Column('double precision', { default: 1 })
  weight: number;

  @Column('text', { default: '' })
  note: string;

  @VersionColumn({ default: 1 })
  version: number;
}
