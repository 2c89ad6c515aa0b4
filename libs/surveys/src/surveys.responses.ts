import { ApiProperty } from '@nestjs/swagger';
import type { RoundSummary } from './surveys.repository.js';

/** A survey round in a list. */
export class RoundSummaryDto implements RoundSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ example: 'beboere' }) questionnaireKey: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ description: 'Antal invitationer' }) invited: number;
  @ApiProperty({ description: 'Antal afgivne svar' }) responded: number;
}

export class ReceivedDto {
  @ApiProperty({ example: true }) received: boolean;
}

/** A questionnaire template (GET /survey-questionnaires). */
export class QuestionnaireSummaryDto {
  @ApiProperty({ example: 'beboere' }) key: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['residents', 'relatives'] }) audience: string;
  @ApiProperty({ example: 'Pårørende' }) audienceLabel: string;
  @ApiProperty({ description: 'Antal spørgsmål' }) questions: number;
}
