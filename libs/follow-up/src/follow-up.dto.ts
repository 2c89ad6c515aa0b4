import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DATE_ONLY_YEARS, IsDateOnly, IsInt4, NoCpr, Trimmed } from '#libs/core';

/** Free texts (recommendations, statuses, activities) as long as a municipality's note needs them. */
export const MAX_TEXT = 20_000;

const asInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null ? undefined : typeof value === 'string' ? Number(value) : value;
const asBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value === 'true' || value === 'on' : value;

/** A facility leader's (or region staff's) status report on one recommendation. */
export class ReportStatusDto {
  @ApiProperty()
  @IsUUID()
  statusId: string;

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

export class ImportPlanDto {
  @ApiProperty()
  @IsUUID()
  facilityId: string;

  @ApiProperty({ example: 'Opfølgningsplan 2026' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoCpr()
  title: string;
}

export class IssueReportDto {
  @ApiProperty({ example: '2026-2', description: 'Year and half year' })
  @Matches(/^\d{4}-[12]$/, { message: '$property skal skrives som år-halvår, fx 2026-2' })
  period: string;
}

export class FollowUpFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  facilityId?: string;
}

export class ActivityDto {
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

export class CreateAgreementDto {
  @ApiProperty()
  @IsUUID()
  facilityId: string;

  @ApiProperty({ example: 2026 })
  @Transform(asInt)
  @IsInt4(2000, DATE_ONLY_YEARS.max)
  year: number;

  @ApiProperty({ type: [ActivityDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities: ActivityDto[];
}

export class ImportAgreementDto {
  @ApiProperty()
  @IsUUID()
  facilityId: string;

  @ApiProperty({ example: 2026 })
  @Transform(asInt)
  @IsInt4(2000, DATE_ONLY_YEARS.max)
  year: number;
}

export class ActivityStatusDto {
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
