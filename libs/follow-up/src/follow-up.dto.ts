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
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DATE_ONLY_YEARS, IsDateOnly, IsInt4, NoCpr, Trimmed } from '#libs/core';
import { PageQueryDto } from '#libs/web';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from './development-agreement.entity.js';

/** Free texts (recommendations, statuses, activities) as long as a municipality's note needs them. */
export const MAX_TEXT = 20_000;

const asInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null ? undefined : typeof value === 'string' ? Number(value) : value;
const asBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value === 'true' || value === 'on' : value;

/** The status for one target group of a split status. */
export class StatusPartDto {
  @ApiProperty({ example: 'Børn og unge' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoCpr()
  group: string;

  @ApiProperty()
  @IsUUID()
  statusId: string;
}

/**
 * A status report on one recommendation, or on a section that holds one status for its
 * recommendations: one status, or one per target group (parts; the status then follows from them).
 */
export class ReportStatusDto {
  @ApiPropertyOptional({ description: 'Required unless the status is split into parts' })
  @ValidateIf((o: ReportStatusDto) => !o.parts?.length)
  @IsUUID()
  statusId?: string;

  @ApiPropertyOptional({
    type: [StatusPartDto],
    description: 'A split status: one per target group (2–10), e.g. met for one, in progress for another',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => StatusPartDto)
  parts?: StatusPartDto[];

  @ApiProperty({ description: 'What has been done and what is planned' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  text: string;

  @ApiProperty({ description: 'The version last read; a stale one gives 409 with the current recommendation' })
  @Transform(asInt)
  @IsInt4(0)
  version: number;
}

/** Region staff's correction of a recommendation: its wording, owner and deadline. */
export class EditItemDto {
  @ApiProperty()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  text: string;

  @ApiProperty({ description: 'Who is responsible (a role or a name); empty for none' })
  @IsString()
  @MaxLength(200)
  @NoCpr()
  owner: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; empty or absent for no deadline' })
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsDateOnly()
  deadline?: string;

  @ApiProperty({ description: 'The version last read; a stale one gives 409 with the current recommendation' })
  @Transform(asInt)
  @IsInt4(0)
  version: number;
}

export class SaveStatusOptionDto {
  @ApiProperty({ example: 'imødekommet' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  label: string;

  @ApiProperty({ description: 'Counts as met: shown once more in the next status report, then left out' })
  @Transform(asBool)
  @IsBoolean()
  done: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(asBool)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Required when changing an existing status' })
  @IsOptional()
  @Transform(asInt)
  @IsInt4(0)
  version?: number;
}

/** A plan or an agreement is owned by one facility or by one unit of the organisation tree (a municipality, a centre). */
class OwnerDto {
  @ApiPropertyOptional({ description: 'The owning facility (or orgUnitId)' })
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ description: 'The owning unit of the organisation tree (or facilityId)' })
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class ImportPlanDto extends OwnerDto {
  @ApiProperty({ example: 'Opfølgningsplan 2026' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoCpr()
  title: string;
}

/** Issuing a status note: its half year and its front matter. */
export class IssueReportDto {
  @ApiProperty({ example: '2026-2', description: 'Year and half year' })
  @Matches(/^\d{4}-[12]$/, { message: '$property skal skrives som år-halvår, fx 2026-2' })
  period: string;

  @ApiPropertyOptional({ example: 'Til Socialudvalget' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  @NoCpr()
  addressee?: string;

  @ApiPropertyOptional({
    example: '2026-11-12',
    description: 'The date the note carries (YYYY-MM-DD); today if absent',
  })
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsDateOnly()
  date?: string;

  @ApiPropertyOptional({ example: '27.12.00-A00-1-24' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  @NoCpr()
  caseNumber?: string;

  @ApiPropertyOptional({ example: '123456/26' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  @NoCpr()
  documentNumber?: string;

  @ApiPropertyOptional({ example: 'Status på opfølgningsplanen for botilbud, 2. halvår 2026' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(300)
  @NoCpr()
  title?: string;

  @ApiPropertyOptional({ description: 'Introduction, paragraphs separated by blank lines' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  introduction?: string;
}

export class FollowUpFilterDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  facilityId?: string;
}

export class ActivityDto {
  @ApiPropertyOptional({ example: 'Udvalgets egne mål', description: 'A level above theme' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(500)
  @NoCpr()
  groupTitle?: string;

  @ApiPropertyOptional({ example: 'A.', description: "The group's number as written" })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(20)
  groupNumber?: string;

  @ApiPropertyOptional({ example: '1)' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(20)
  themeNumber?: string;

  @ApiPropertyOptional({ example: '1.1' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(20)
  goalNumber?: string;

  @ApiPropertyOptional({ example: 'a)', description: "The activity's number as written" })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(20)
  number?: string;

  @ApiProperty({ example: 'Fysiske rammer' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoCpr()
  theme: string;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  goal: string;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  activity: string;
}

export class CreateAgreementDto extends OwnerDto {
  @ApiPropertyOptional({
    example: 'Udviklingsaftale for socialpsykiatrien',
    description: 'Several per owner and year when named differently',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  @NoCpr()
  name?: string;

  @ApiProperty({ example: 2026 })
  @Transform(asInt)
  @IsInt4(2000, DATE_ONLY_YEARS.max)
  year: number;

  @ApiProperty({ type: [ActivityDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities: ActivityDto[];
}

/** A row of an agreement changed after creation, with the version last read. */
export class EditActivityDto extends ActivityDto {
  @ApiProperty({ description: 'The version last read; a stale one gives 409 with the current row' })
  @Transform(asInt)
  @IsInt4(0)
  version: number;
}

export class MoveActivityDto {
  @ApiProperty({ enum: ['up', 'down'] })
  @IsIn(['up', 'down'], { message: '$property skal være up eller down' })
  direction: 'up' | 'down';
}

export class ImportAgreementDto {
  @ApiPropertyOptional()
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional()
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  @NoCpr()
  name?: string;

  @ApiProperty({ example: 2026 })
  @Transform(asInt)
  @IsInt4(2000, DATE_ONLY_YEARS.max)
  year: number;
}

export class ActivityStatusDto {
  @ApiPropertyOptional({ enum: ACTIVITY_CATEGORIES, description: 'The status category; absent keeps none' })
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsIn(ACTIVITY_CATEGORIES, { message: `$property skal være en af: ${ACTIVITY_CATEGORIES.join(', ')}` })
  statusCategory?: ActivityCategory;

  @ApiProperty()
  @IsString()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  statusText: string;

  @ApiProperty()
  @Transform(asInt)
  @IsInt4(0)
  version: number;
}

/** One imported plan row, checked like API input; `frist` is a date (YYYY-MM-DD or DD-MM-YYYY). */
export class PlanRowDto {
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  @Matches(/^\d+(\.\d+)*$/, { message: '$property skal være et nummer som 1 eller 1.1' })
  sectionNumber: string;

  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoCpr()
  sectionTitle: string;

  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  number: string;

  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  @NoCpr()
  text: string;

  @IsOptional()
  @IsDateOnly()
  deadline?: string;

  @IsString()
  @MaxLength(200)
  @NoCpr()
  owner: string;
}
