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
  VersionColumn,
} from 'typeorm';

export const ORG_KINDS = ['region', 'municipality', 'administration', 'centre'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
/** The Danish words for the kinds, as pages and files write them. */
export const ORG_KIND_WORDS: Record<OrgKind, string> = {
  region: 'region',
  municipality: 'kommune',
  administration: 'forvaltning',
  centre: 'center',
};

/** A node of the organisation tree above the facilities: region or municipality → administration or centre. */
@Entity('org_unit')
@Unique('org_unit_name_key', ['name'])
@Check('org_unit_kind_check', `kind in ('region', 'municipality', 'administration', 'centre')`)
@Index('org_unit_parent_idx', ['parentId'])
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid', { nullable: true }) parentId: string | null;
  @ManyToOne('OrgUnitEntity')
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'org_unit_parent_id_fkey' })
  parent?: object;

  @Column('text') kind: OrgKind;
  @Column('text') name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
