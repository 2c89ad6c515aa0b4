import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/** A PDF or image uploaded as evidence, stored with its SHA-256 so the file can be verified later. */
@Entity('visit_attachment')
@Unique('visit_attachment_visit_id_client_key_key', ['visitId', 'clientKey'])
@Check('visit_attachment_content_type_check', `content_type in ('application/pdf', 'image/jpeg', 'image/png')`)
export class VisitAttachmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'visit_attachment_visit_id_fkey' })
  visit?: object;

  @Column('text') fileName: string;
  @Column('text') contentType: string;
  @Column('integer') size: number;
  @Column('text') sha256: string;
  @Column('bytea', { select: false }) data: Buffer;
  /** A photo's small preview for the checklist, made in the browser and checked like the file. */
  @Column('bytea', { nullable: true, select: false }) thumbnail: Buffer | null;
  /** The browser's key for an upload: a retry after a lost answer returns the stored file, not a copy. */
  @Column('uuid', { nullable: true }) clientKey: string | null;

  @Column('uuid') uploadedById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'visit_attachment_uploaded_by_id_fkey' })
  uploadedBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) uploadedAt: Date;
}
