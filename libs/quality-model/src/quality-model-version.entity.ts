import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Rollup, Scale, TrafficLight } from './catalogue-format.js';
import type { VersionStatus } from './vocabulary.js';

/** One version of a quality model (e.g. socialtilsyn, version 2). `version` is the optimistic lock. */
@Entity('quality_model_version')
// at most one published version per model: the one new visits use
@Index('quality_model_version_published_key', ['modelKey'], { unique: true, where: `status = 'published'` })
@Unique('quality_model_version_model_key_number_key', ['modelKey', 'number'])
@Check('quality_model_version_status_check', `status in ('draft', 'published', 'retired')`)
export class QualityModelVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Groups the versions of one model, e.g. `socialtilsyn`. */
  @Column('text')
  modelKey: string;

  /** 1, 2, 3 … per model. */
  @Column('integer')
  number: number;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('text', { default: '' })
  note: string;

  /** What the top level is called in this model: Standard or Tema. */
  @Column('text', { default: 'Standard' })
  standardLabel: string;

  @Column('jsonb')
  scale: Scale;

  @Column('jsonb')
  trafficLight: TrafficLight;

  /** A rating at or below this needs a written justification (part of the model, frozen once published). */
  @Column('double precision')
  justifyAtOrBelow: number;

  @Column('jsonb')
  rollup: Rollup;

  @Column('text', { default: 'draft' })
  status: VersionStatus;

  @Column('uuid', { nullable: true })
  copiedFromId: string | null;

  @ManyToOne(() => QualityModelVersionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'copied_from_id', foreignKeyConstraintName: 'quality_model_version_copied_from_id_fkey' })
  copiedFrom?: QualityModelVersionEntity;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
