import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, NoCpr, Trimmed } from '#libs/core';
import { EVIDENCE_SOURCES, type EvidenceSource } from '#libs/quality-model';
import {
  ASSESSMENTS,
  type Assessment,
  FINDING_KINDS,
  type FindingKind,
  VISIT_KINDS,
  type VisitKind,
} from './vocabulary.js';

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
}

export class SaveAnswerDto {
  @ApiProperty({ enum: ASSESSMENTS })
  @IsIn(ASSESSMENTS)
  assessment: Assessment;

  @ApiPropertyOptional({ description: 'A value of the model scale; required when assessment is rated' })
  @IsOptional()
  @IsInt()
  rating?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @NoCpr()
  justification?: string;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];

  @ApiProperty({ description: 'The answer version this change is based on; 0 for a first answer' })
  @IsInt()
  @Min(0)
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
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required when returning a visit' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoCpr()
  comment?: string;
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
  @IsUUID('all', { each: true })
  indicatorIds: string[] = [];
}

export class VisitFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  status?: string;
}
