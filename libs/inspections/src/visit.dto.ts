import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INT4_MIN, IsDateOnly, IsInt4, IsOmittable, NoCpr, Trimmed } from '#libs/core';
import { EVIDENCE_SOURCES, type EvidenceSource } from '#libs/quality-model';
import { PageQueryDto } from '#libs/web';
import {
  ASSESSMENTS,
  type Assessment,
  FINDING_KINDS,
  type FindingKind,
  HEARING_OUTCOMES,
  type HearingOutcome,
  VISIT_KINDS,
  type VisitKind,
} from './vocabulary.js';

/** More indicators than one finding or note can be about in any model. */
const MAX_INDICATOR_IDS = 200;
const asList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
const asInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null ? undefined : typeof value === 'string' ? Number(value) : value;

export class PlanVisitDto {
  @ApiProperty()
  @IsUUID()
  facilityId: string;

  @ApiProperty({ enum: VISIT_KINDS })
  @IsIn(VISIT_KINDS)
  kind: VisitKind;

  @ApiProperty({ example: '2026-12-01' })
  @IsDateOnly()
  plannedDate: string;

  @ApiProperty({ type: [String] })
  @Transform(asList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  inspectorIds: string[];

  @ApiProperty({ description: 'The published quality-model version the visit is rated against' })
  @IsUUID()
  modelVersionId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoCpr()
  method?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Unannounced visits only: the themes (standard ids) it covers; empty means the whole model',
  })
  @IsOptional()
  @Transform(asList)
  @IsArray()
  @IsUUID('all', { each: true })
  themeIds?: string[];
}

export class EvidenceDto {
  @ApiProperty({ enum: EVIDENCE_SOURCES })
  @IsIn(EVIDENCE_SOURCES)
  source: EvidenceSource;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoCpr()
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  attachmentId?: string;

  @ApiPropertyOptional({ description: 'Show the attached photo beside the indicator in the tilsyn report' })
  @IsOptional()
  @IsBoolean()
  inReport?: boolean;
}

export class SaveAnswerDto {
  @ApiProperty({ enum: ASSESSMENTS })
  @IsIn(ASSESSMENTS)
  assessment: Assessment;

  @ApiPropertyOptional({ description: 'A value of the model scale; required when assessment is rated' })
  @IsOptional()
  @IsInt4(INT4_MIN)
  rating?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @NoCpr()
  justification?: string;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];

  @ApiProperty({ description: 'The answer version this change is based on; 0 for a first answer' })
  @IsInt4(0)
  version: number;

  @ApiPropertyOptional({ description: 'Required to correct a published visit (an audited amendment)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoCpr()
  amendmentReason?: string;
}

export class TransitionDto {
  @ApiProperty({ description: 'The visit version this change is based on' })
  @Transform(asInt)
  @IsInt4(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required when returning a visit' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoCpr()
  comment?: string;

  @ApiPropertyOptional({
    description: 'Required to cancel, and to publish before the høring deadline without an answer',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoCpr()
  reason?: string;

  @ApiPropertyOptional({ example: '2026-12-17', description: 'send_for_hearing: the deadline (default 14 days)' })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsDateOnly()
  deadline?: string;
}

export class CorrectDateDto {
  @ApiProperty({ description: 'The visit version this change is based on' })
  @Transform(asInt)
  @IsInt4(1)
  version: number;

  @ApiProperty({ example: '2026-11-19', description: 'The day the visit actually took place' })
  @IsDateOnly()
  plannedDate: string;

  @ApiProperty({ description: 'Why the date is corrected (kept in the audit trail)' })
  @IsString()
  @MaxLength(2000)
  @NoCpr()
  reason: string;
}

export class FindingDto {
  @ApiProperty({ enum: FINDING_KINDS })
  @IsIn(FINDING_KINDS)
  kind: FindingKind;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  @NoCpr()
  text: string;

  @ApiPropertyOptional({ description: 'Who at the facility acts on it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoCpr()
  owner?: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'Required for orders (påbud)' })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsDateOnly()
  deadline?: string;

  @ApiPropertyOptional({ type: [String] })
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(MAX_INDICATOR_IDS)
  @IsUUID('all', { each: true })
  indicatorIds: string[] = [];
}

export class FocusGroupNoteDto {
  @ApiPropertyOptional({ example: '4 medarbejdere' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @NoCpr()
  participants?: string;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  @NoCpr()
  text: string;

  @ApiPropertyOptional({ type: [String] })
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(MAX_INDICATOR_IDS)
  @IsUUID('all', { each: true })
  indicatorIds: string[] = [];
}

export class VisitFilterDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  status?: string;
}

export class HearingThemeCommentDto {
  @ApiProperty({ description: 'The theme (standard) commented on' })
  @IsUUID()
  standardId: string;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  @NoCpr()
  text: string;
}

export class HearingAnswerDto {
  @ApiProperty({ description: 'The visit version this answer is based on' })
  @Transform(asInt)
  @IsInt4(1)
  version: number;

  @ApiPropertyOptional({ description: 'A comment on the draft as a whole' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(10000)
  @NoCpr()
  overall?: string;

  @ApiPropertyOptional({ type: [HearingThemeCommentDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HearingThemeCommentDto)
  themes?: HearingThemeCommentDto[];
}

export class HearingOutcomeDto {
  @ApiProperty({ description: 'The comment version this is based on' })
  @Transform(asInt)
  @IsInt4(1)
  version: number;

  @ApiProperty({ enum: HEARING_OUTCOMES })
  @IsIn(HEARING_OUTCOMES)
  outcome: HearingOutcome;

  @ApiProperty({ description: 'What was changed, or why nothing was' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  @NoCpr()
  reason: string;
}

export class ThemeAssessmentDto {
  @ApiProperty({ description: 'The theme (standard) of the visit this assessment is of' })
  @IsUUID()
  standardId: string;

  @ApiProperty({ description: 'The written assessment of the theme; empty removes it' })
  @IsString()
  @MaxLength(20000)
  @NoCpr()
  text: string;
}

/** The inspector's written overall assessment and the assessment of each theme, for the report. */
export class SaveAssessmentsDto {
  @ApiProperty({ description: 'The overall assessment and conclusion' })
  @IsString()
  @MaxLength(20000)
  @NoCpr()
  overall: string;

  @ApiPropertyOptional({ type: [ThemeAssessmentDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ThemeAssessmentDto)
  themes?: ThemeAssessmentDto[];
}
