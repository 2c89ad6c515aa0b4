import type { Scale, ScopeIndicator } from '#libs/quality-model';
import type { FindingEntity } from './finding.entity.js';
import type { FocusGroupNoteEntity } from './focus-group-note.entity.js';
import type { VisitEntity } from './visit.entity.js';
import type { VisitAnswerEntity } from './visit-answer.entity.js';
import type { VisitAttachmentEntity } from './visit-attachment.entity.js';
import type { VisitEvidenceEntity } from './visit-evidence.entity.js';

/** What the API and pages show of a visit; entities never leave the service. */
export interface VisitView {
  id: string;
  facility: { id: string; name: string };
  kind: string;
  plannedDate: string;
  status: string;
  method: string;
  returnComment: string;
  /** The inspector's written overall assessment and conclusion. */
  overallAssessment: string;
  /** The themes an unannounced visit was scoped to; empty when it covers the whole model. */
  themes: { id: string; code: string; title: string }[];
  model: { id: string; name: string; standardLabel: string; scale: Scale; justifyAtOrBelow: number };
  inspectors: { id: string; name: string }[];
  submittedById: string | null;
  submittedAt: Date | null;
  approvedById: string | null;
  /** Who approved the draft (four eyes), by name. */
  approvedByName: string;
  approvedAt: Date | null;
  hearing: { sentAt: Date; deadline: string; answeredAt: Date | null } | null;
  publishedAt: Date | null;
  publishReason: string;
  version: number;
}

export interface EvidenceView {
  source: string;
  note: string;
  attachmentId: string | null;
  inReport: boolean;
}

export interface AnswerView {
  indicatorId: string;
  assessment: string;
  rating: number | null;
  justification: string;
  evidence: EvidenceView[];
  updatedAt: Date;
  version: number;
}

/** The inspector's written assessment of one theme of the visit (empty while not written). */
export interface ThemeAssessmentView {
  standardId: string;
  code: string;
  title: string;
  text: string;
}

export interface ChecklistView {
  visit: VisitView;
  /** One per theme in the visit's scope, in the model's order. */
  themeAssessments: ThemeAssessmentView[];
  indicators: (ScopeIndicator & { answer: AnswerView | null })[];
  attachments: AttachmentView[];
  focusGroupNotes: FocusGroupNoteView[];
  findings: FindingView[];
}

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

export type FindingView = Pick<
  FindingEntity,
  'id' | 'kind' | 'text' | 'owner' | 'deadline' | 'indicatorIds' | 'version' | 'createdAt'
>;
export type FocusGroupNoteView = Pick<
  FocusGroupNoteEntity,
  'id' | 'participants' | 'text' | 'indicatorIds' | 'createdAt'
>;

export const answerView = (a: VisitAnswerEntity, evidence: VisitEvidenceEntity[]): AnswerView => ({
  indicatorId: a.indicatorId,
  assessment: a.assessment,
  rating: a.rating,
  justification: a.justification,
  evidence: evidence
    .filter((e) => e.answerId === a.id)
    .map((e) => ({ source: e.source, note: e.note, attachmentId: e.attachmentId, inReport: e.inReport })),
  updatedAt: a.updatedAt,
  version: a.version,
});

export const attachmentView = ({
  id,
  fileName,
  contentType,
  size,
  sha256,
  uploadedAt,
}: VisitAttachmentEntity): AttachmentView => ({
  id,
  fileName,
  contentType,
  size,
  sha256,
  uploadedAt,
});

export const findingView = ({
  id,
  kind,
  text,
  owner,
  deadline,
  indicatorIds,
  version,
  createdAt,
}: FindingEntity): FindingView => ({
  id,
  kind,
  text,
  owner,
  deadline,
  indicatorIds,
  version,
  createdAt,
});

export const noteView = ({
  id,
  participants,
  text,
  indicatorIds,
  createdAt,
}: FocusGroupNoteEntity): FocusGroupNoteView => ({
  id,
  participants,
  text,
  indicatorIds,
  createdAt,
});

export const visitFacts = (v: VisitEntity, inspectorIds: string[]) => ({
  facilityId: v.facilityId,
  status: v.status,
  inspectorIds,
  submittedById: v.submittedById,
});
