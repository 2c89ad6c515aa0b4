import { Foundation1764000000000 } from './1764000000000-Foundation.js';
import { FacilityRegister1795450000000 } from './1795450000000-FacilityRegister.js';
import { QualityModel1795500000000 } from './1795500000000-QualityModel.js';
import { Inspections1795600000000 } from './1795600000000-Inspections.js';
import { Reporting1795700000000 } from './1795700000000-Reporting.js';
import { Surveys1795800000000 } from './1795800000000-Surveys.js';
import { FollowUp1795900000000 } from './1795900000000-FollowUp.js';
import { Scoring1796000000000 } from './1796000000000-Scoring.js';
import { ScoreNodeCurrentIndex1796100000000 } from './1796100000000-ScoreNodeCurrentIndex.js';
import { TilsynWorkflow1796289712119 } from './1796289712119-TilsynWorkflow.js';
import { Notifications1796293417160 } from './1796293417160-Notifications.js';
import { ChecklistPhotos1796297850516 } from './1796297850516-ChecklistPhotos.js';
import { FollowUpStructure1796400000000 } from './1796400000000-FollowUpStructure.js';
import { ReportContent1796500000000 } from './1796500000000-ReportContent.js';
import { OrganisationTree1796510000000 } from './1796510000000-OrganisationTree.js';
import { LetterBatches1796600000000 } from './1796600000000-LetterBatches.js';
import { AgreementStructure1796610000000 } from './1796610000000-AgreementStructure.js';

/** Every migration, oldest first. Listed explicitly: no globs, so dist and src behave alike. */
export const migrations = [
  Foundation1764000000000,
  FacilityRegister1795450000000,
  QualityModel1795500000000,
  Inspections1795600000000,
  Reporting1795700000000,
  Surveys1795800000000,
  FollowUp1795900000000,
  Scoring1796000000000,
  ScoreNodeCurrentIndex1796100000000,
  TilsynWorkflow1796289712119,
  Notifications1796293417160,
  ChecklistPhotos1796297850516,
  FollowUpStructure1796400000000,
  ReportContent1796500000000,
  OrganisationTree1796510000000,
  LetterBatches1796600000000,
  AgreementStructure1796610000000,
];
