import { Column, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * The columns every node of a model version has (standard/theme, criterion, indicator), each in its
 * own table. Relations stay in the entities: their constraint names are per table.
 */
export abstract class QualityNodeColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  versionId: string;

  @Column('integer')
  position: number;

  @Column('text')
  code: string;

  @Column('text', { default: '' })
  guidance: string;

  @Column('double precision', { default: 1 })
  weight: number;

  @Column('text', { default: '' })
  note: string;

  @VersionColumn({ default: 1 })
  version: number;
}
