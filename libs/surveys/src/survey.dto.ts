import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsDateOnly, IsInt4, NoCpr } from '#libs/core';
import { PageQueryDto } from '#libs/web';

const asInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null ? undefined : typeof value === 'string' ? Number(value) : value;
/** A checkbox from a page ("on") or a JSON boolean. */
const asBool = ({ value }: { value: unknown }) => value === true || value === 'true' || value === 'on';
const orUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const MAX_INVITATIONS_PER_PRINT = 500;

export class CreateRoundDto {
  @ApiProperty()
  @IsUUID()
  facilityId: string;

  @ApiProperty({
    example: 'beboere',
    description: 'Key of a questionnaire template (GET /api/v1/survey-questionnaires)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  questionnaireKey: string;

  @ApiProperty({ description: 'A published quality-model version; the questions are mapped to its indicators' })
  @IsUUID()
  modelVersionId: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsDateOnly()
  periodStart: string;

  @ApiProperty({ example: '2026-04-30' })
  @IsDateOnly()
  periodEnd: string;

  @ApiPropertyOptional({ description: 'Create even though the facility had a round less than 2 years ago' })
  @IsOptional()
  @Transform(asBool)
  @IsBoolean()
  confirmRecent?: boolean;
}

export class IssueInvitationsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_INVITATIONS_PER_PRINT })
  @Transform(asInt)
  @IsInt()
  @Min(1)
  @Max(MAX_INVITATIONS_PER_PRINT)
  count: number;

  @ApiPropertyOptional({ description: 'A unit (afdeling) of the facility; its responses can then be compared by unit' })
  @IsOptional()
  @Transform(orUndefined)
  @IsString()
  @MaxLength(200)
  unit?: string;
}

export class CloseRoundDto {
  @ApiProperty()
  @Transform(asInt)
  @IsInt4(1)
  version: number;

  @ApiPropertyOptional({ description: 'Why the round is closed; kept in the audit trail (the page requires it)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoCpr()
  reason?: string;
}

export class RoundFilterDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  facilityId?: string;
}

export class CodeDto {
  @ApiProperty({ example: 'K7M2Q-8XWPD', description: 'The code from the invitation letter' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code: string;
}

export class AnswersDto extends CodeDto {
  @ApiProperty({
    example: { B01: 4, B02: 'dont_know', B10: 'yes', B15: 'Jeg kan lide haven' },
    description:
      'Question code → 1–5 or "dont_know" (scale), "yes"/"no"/"dont_know", or text. Leave out what is not answered.',
  })
  @IsObject()
  answers: Record<string, unknown>;
}

/** Staff entering answers given in an interview or on paper, with the respondent's code. */
export class AssistedEntryDto extends AnswersDto {
  @ApiProperty({ enum: ['interview', 'paper'] })
  @IsIn(['interview', 'paper'])
  mode: 'interview' | 'paper';
}

export class VoidBatchDto {
  @ApiPropertyOptional({ description: 'Why the letters are voided (kept in the audit trail)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
