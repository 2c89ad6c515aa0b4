import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/** One row of the append-only audit trail (the database refuses UPDATE, DELETE and TRUNCATE). */
@Entity('audit_event')
@Index('audit_event_entity_idx', ['entityType', 'entityId', 'id'])
@Index('audit_event_facility_idx', ['facilityId', 'id'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'audit_event_actor_id_fkey' })
  actor?: UserEntity;

  @Column('text')
  actorName: string;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('uuid', { nullable: true })
  facilityId: string | null;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;

  @Column('text', { nullable: true })
  requestId: string | null;
}
