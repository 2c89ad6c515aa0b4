import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EvidenceSource } from '#libs/quality-model';

/** One piece of evidence behind an answer: where it came from, a note, optionally a file (a photo may go in the report). */
@Entity('visit_evidence')
@Unique('visit_evidence_answer_id_position_key', ['answerId', 'position'])
@Check(
  'visit_evidence_source_check',
  `source in ('interview_leader', 'interview_staff', 'interview_resident', 'interview_relative', 'documentation', 'observation', 'focus_group')`,
)
export class VisitEvidenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') answerId: string;
  @ManyToOne('VisitAnswerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'answer_id', foreignKeyConstraintName: 'visit_evidence_answer_id_fkey' })
  answer?: object;

  @Column('integer') position: number;
  @Column('text') source: EvidenceSource;
  @Column('text', { default: '' }) note: string;

  @Column('uuid', { nullable: true }) attachmentId: string | null;
  @ManyToOne('VisitAttachmentEntity')
  @JoinColumn({ name: 'attachment_id', foreignKeyConstraintName: 'visit_evidence_attachment_id_fkey' })
  attachment?: object;

  /** Show the photo beside the indicator in the tilsyn report. */
  @Column('boolean', { default: false }) inReport: boolean;
}
