import { ApiProperty } from '@nestjs/swagger';
import type { Scale } from '#libs/quality-model';
import type { HearingCommentView } from './hearing.service.js';
import type { VisitSummary } from './inspections.repository.js';
import type {
  AnswerView,
  AttachmentView,
  EvidenceView,
  FindingView,
  FocusGroupNoteView,
  ThemeAssessmentView,
  VisitView,
} from './visit.views.js';
import type { PlanningRow } from './visit-planning.service.js';
import { HEARING_OUTCOMES, VISIT_STATUSES, type VisitKind } from './vocabulary.js';

/** A visit in a list (GET /visits). */
export class VisitSummaryDto implements VisitSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: ['announced', 'unannounced'] }) kind: string;
  @ApiProperty({ format: 'date' }) plannedDate: string;
  @ApiProperty({ enum: VISIT_STATUSES }) status: string;
  @ApiProperty() modelName: string;
  @ApiProperty({ type: [String] }) inspectorNames: string[];
  @ApiProperty() version: number;
}

export class RefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ThemeRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
}

export class VisitModelDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() standardLabel: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Skalaen: niveauer med værdi og tekst' })
  scale: Scale;
  @ApiProperty({ description: 'Vurderinger på eller under denne kræver begrundelse' }) justifyAtOrBelow: number;
}

export class HearingDto {
  @ApiProperty({ type: String, format: 'date-time' }) sentAt: Date;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: Date | null;
}

/** A visit with its workflow state (the answer of planning and of every workflow step). */
export class VisitDto implements VisitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: RefDto }) facility: RefDto;
  @ApiProperty({ enum: ['announced', 'unannounced'] }) kind: string;
  @ApiProperty({ format: 'date' }) plannedDate: string;
  @ApiProperty({ enum: VISIT_STATUSES }) status: string;
  @ApiProperty() method: string;
  @ApiProperty() returnComment: string;
  @ApiProperty({ description: 'Tilsynskonsulentens samlede vurdering og konklusion' }) overallAssessment: string;
  @ApiProperty({ type: [ThemeRefDto], description: 'Et uanmeldt besøgs temaer; tom: hele modellen' })
  themes: ThemeRefDto[];
  @ApiProperty({ type: VisitModelDto }) model: VisitModelDto;
  @ApiProperty({ type: [RefDto] }) inspectors: RefDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedById: string | null;
  @ApiProperty({ description: 'Hvem der godkendte (fire øjne), ved navn' }) approvedByName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: HearingDto, nullable: true }) hearing: HearingDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty() publishReason: string;
  @ApiProperty({ description: 'Send den med ved næste ændring (409 ved forældet version)' }) version: number;
}

export class EvidenceDto implements EvidenceView {
  @ApiProperty() source: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) attachmentId: string | null;
  @ApiProperty({ description: 'Vises i rapporten' }) inReport: boolean;
}

export class AnswerDto implements AnswerView {
  @ApiProperty({ format: 'uuid' }) indicatorId: string;
  @ApiProperty({ enum: ['rated', 'not_relevant', 'not_assessed'] }) assessment: string;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty() justification: string;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty() version: number;
}

export class AttachmentDto implements AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt: Date;
}

export class FindingViewDto implements FindingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['development_point', 'recommendation', 'order'] }) kind: FindingView['kind'];
  @ApiProperty() text: string;
  @ApiProperty() owner: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Påkrævet for påbud' })
  deadline: string | null;
  @ApiProperty({ type: [String] }) indicatorIds: string[];
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class FocusGroupNoteViewDto implements FocusGroupNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() participants: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) indicatorIds: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ChecklistIndicatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: AnswerDto, nullable: true }) answer: AnswerDto | null;
}

/** A visit with its checklist (indicators in scope with their answers), files, notes and findings. */
export class ChecklistDto {
  @ApiProperty({ type: VisitDto }) visit: VisitDto;
  @ApiProperty({
    type: [ChecklistIndicatorDto],
    description: 'Indikatorerne i besøgets omfang (flere felter end vist)',
  })
  indicators: ChecklistIndicatorDto[];
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty({ type: [FocusGroupNoteViewDto] }) focusGroupNotes: FocusGroupNoteViewDto[];
  @ApiProperty({ type: [FindingViewDto] }) findings: FindingViewDto[];
}

/** Due and overdue visits per facility and visit kind (GET /visit-planning). */
export class PlanningRowDto implements PlanningRow {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ enum: ['announced', 'unannounced'] }) kind: VisitKind;
  @ApiProperty({ enum: ['overdue', 'due', 'planned', 'ok'] }) state: PlanningRow['state'];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Næste besøg skal ske senest' })
  dueDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastVisit: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) nextPlanned: string | null;
}

export class HearingFileDto {
  @ApiProperty() name: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
}

/** A comment of the facility's høring answer and what it led to. */
export class HearingCommentDto implements HearingCommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: hele udkastet' })
  standardId: string | null;
  @ApiProperty({ example: 'Tema 2: Selvstændighed og relationer' }) subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: HearingFileDto, nullable: true }) file: HearingFileDto | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, nullable: true, enum: HEARING_OUTCOMES })
  outcome: HearingCommentView['outcome'];
  @ApiProperty() outcomeLabel: string;
  @ApiProperty() outcomeReason: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) outcomeAt: Date | null;
  @ApiProperty() version: number;
}

export class ThemeAssessmentDto implements ThemeAssessmentView {
  @ApiProperty({ format: 'uuid' }) standardId: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
}

/** The written assessments of a visit: overall and per theme. */
export class AssessmentsDto {
  @ApiProperty() overall: string;
  @ApiProperty({ type: [ThemeAssessmentDto] }) themes: ThemeAssessmentDto[];
}
