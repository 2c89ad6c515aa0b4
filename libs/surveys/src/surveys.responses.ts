import { ApiProperty } from '@nestjs/swagger';
import type { LetterBatchView, RoundView } from './survey-rounds.service.js';
import type { RoundSummary } from './surveys.repository.js';
import type { Audience } from './vocabulary.js';

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

class RoundFacilityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) units: string[];
}

class RoundQuestionnaireDto {
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['residents', 'relatives'] }) audience: Audience;
  @ApiProperty() audienceLabel: string;
}

class RoundModelDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() modelKey: string;
}

/** A survey round with its counts (detail, close, code cancellation). */
export class RoundDto implements RoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: RoundFacilityDto }) facility: RoundFacilityDto;
  @ApiProperty({ type: RoundQuestionnaireDto }) questionnaire: RoundQuestionnaireDto;
  @ApiProperty({ type: RoundModelDto }) model: RoundModelDto;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() invited: number;
  @ApiProperty() responded: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Andel af invitationerne besvaret (0–1)' })
  responseRate: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty() version: number;
}

/** A batch of letters on a round. */
export class LetterBatchDto implements LetterBatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Sættets nummer på runden' }) number: number;
  @ApiProperty({ description: 'Antal breve' }) count: number;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty() createdByName: string;
  @ApiProperty({ description: 'Ubrugte koder (0, når sættet er annulleret)' }) unused: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) voidedAt: Date | null;
  @ApiProperty() voidedByName: string;
  @ApiProperty() voidReason: string;
  @ApiProperty({ description: 'Koder trukket tilbage ved annulleringen' }) withdrawn: number;
}
