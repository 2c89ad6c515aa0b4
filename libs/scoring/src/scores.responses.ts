import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Judgement } from '#libs/quality-model';
import { PageMetaDto } from '#libs/web';
import type { ScoreLevel } from './score-engine.js';

/** A score as every view shows it: the one judgement of libs/quality-model (judge), never a second traffic light. */
export class JudgementDto implements Omit<Judgement, 'light'> {
  @ApiProperty({ description: 'Scoren som vist: afrundet til én decimal', example: 3.7 }) score: number;
  @ApiProperty({ example: '3,7' }) scoreText: string;
  @ApiProperty({ description: 'Skalaens niveau nærmest scoren', example: 'I høj grad' }) label: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) light: 'green' | 'yellow' | 'red';
  @ApiProperty({ example: 'Grøn' }) lightLabel: string;
  @ApiProperty({ example: '#1b7f3b' }) lightColour: string;
}

export class FacilityRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class RegionSpreadDto {
  @ApiProperty({ example: '3,5' }) median: string;
  @ApiProperty() q1: string;
  @ApiProperty() q3: string;
  @ApiProperty({ description: 'Antal tilbud i fordelingen' }) facilities: number;
}

export class JudgedIndicatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: JudgementDto, nullable: true }) judgement: JudgementDto | null;
}

export class JudgedCriterionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: JudgementDto, nullable: true }) judgement: JudgementDto | null;
  @ApiProperty({ type: [JudgedIndicatorDto] }) indicators: JudgedIndicatorDto[];
}

export class JudgedStandardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: JudgementDto, nullable: true }) judgement: JudgementDto | null;
  @ApiProperty({ type: RegionSpreadDto, nullable: true, description: 'Regionens fordeling (mindst 2 tilbud)' })
  region: RegionSpreadDto | null;
  @ApiProperty({ type: [JudgedCriterionDto] }) criteria: JudgedCriterionDto[];
  @ApiProperty({ type: [JudgedIndicatorDto], description: 'Indikatorer direkte under standarden' })
  indicators: JudgedIndicatorDto[];
}

export class CurrentScoresDto {
  @ApiProperty({ description: 'Året, vurderingen gælder', example: 2026 }) period: number;
  @ApiProperty({ format: 'uuid' }) modelVersionId: string;
  @ApiProperty() modelName: string;
  @ApiProperty({ type: JudgementDto, nullable: true }) overall: JudgementDto | null;
  @ApiProperty({ type: RegionSpreadDto, nullable: true }) overallRegion: RegionSpreadDto | null;
  @ApiProperty({ type: [JudgedStandardDto] }) standards: JudgedStandardDto[];
}

export class FacilityScoresDto {
  @ApiProperty({ type: FacilityRefDto }) facility: FacilityRefDto;
  @ApiProperty({ type: CurrentScoresDto, nullable: true, description: 'null: ingen offentliggjort vurdering endnu' })
  current: CurrentScoresDto | null;
}

export class ScoreHistoryEntryDto {
  @ApiProperty({ example: 2026 }) period: number;
  @ApiProperty({ format: 'uuid' }) modelVersionId: string;
  @ApiProperty({ format: 'uuid', description: 'Noden; for samlet score modelversionens id' }) nodeId: string;
  @ApiProperty({ enum: ['overall', 'standard', 'criterion', 'indicator'] }) level: ScoreLevel;
  @ApiProperty({ description: 'Tilbuddets nyeste år i denne modelversion' }) current: boolean;
  @ApiProperty({ type: JudgementDto }) judgement: JudgementDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Kun indikatorer: besøgets del' }) visitScore:
    | number
    | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Kun indikatorer: undersøgelsens del' })
  surveyScore: number | null;
}

export class EvidenceDto {
  @ApiProperty({ example: 'observation' }) source: string;
  @ApiProperty() sourceLabel: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true }) attachmentName: string | null;
}

export class TrailEntryDto {
  @ApiProperty({ format: 'uuid' }) visitId: string;
  @ApiProperty({ format: 'date' }) visitDate: string;
  @ApiProperty({ enum: ['rated', 'not_relevant', 'not_assessed'] }) assessment: string;
  @ApiProperty() assessmentLabel: string;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty() justification: string;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
}

export class IndicatorPeriodDto {
  @ApiProperty() period: number;
  @ApiProperty({ type: JudgementDto, nullable: true }) judgement: JudgementDto | null;
  @ApiProperty({ description: 'Besøgets del, vist med én decimal' }) visit: string;
  @ApiProperty({ description: 'Undersøgelsens del, vist med én decimal' }) survey: string;
}

export class IndicatorRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() text: string;
}

export class SurveyRoundScoreDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty() respondents: number;
  @ApiProperty() surveyMean: string;
  @ApiProperty() score: string;
}

/** An indicator at a facility: its scores per year and every published answer with its evidence. */
export class IndicatorEvidenceDto {
  @ApiProperty({ type: FacilityRefDto }) facility: FacilityRefDto;
  @ApiProperty({ type: IndicatorRefDto }) indicator: IndicatorRefDto;
  @ApiProperty({ type: [IndicatorPeriodDto], description: 'Nyeste år først' }) scores: IndicatorPeriodDto[];
  @ApiProperty({ type: [TrailEntryDto], description: 'Offentliggjorte svar, nyeste besøg først' })
  trail: TrailEntryDto[];
  @ApiProperty({ type: [SurveyRoundScoreDto], description: 'Lukkede undersøgelser, nyeste først' })
  surveys: SurveyRoundScoreDto[];
}

export class OverviewColumnDto {
  @ApiProperty({ format: 'uuid', description: 'Standardens id; samlet score: modelversionens id' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
}

export class OverviewCellDto {
  @ApiProperty({ format: 'uuid' }) nodeId: string;
  @ApiProperty({ type: JudgementDto, nullable: true }) judgement: JudgementDto | null;
}

export class OverviewRowDto {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ type: String, nullable: true }) typeName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: ingen vurdering endnu' }) period: number | null;
  @ApiProperty({
    type: [OverviewCellDto],
    description: 'Én pr. kolonne, i kolonnernes rækkefølge (tom uden vurdering)',
  })
  cells: OverviewCellDto[];
}

export class ModelVersionRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() number: number;
}

/** A page of the region's overview (the heat map) for one model version, filtered as on the page. */
export class RegionOverviewPageDto extends PageMetaDto {
  @ApiPropertyOptional({ type: ModelVersionRefDto, nullable: true, description: 'null: ingen vurderinger endnu' })
  version: ModelVersionRefDto | null;
  @ApiProperty({ type: [OverviewColumnDto] }) columns: OverviewColumnDto[];
  @ApiProperty({ description: 'Tilbud med en vurdering (af total)' }) scored: number;
  @ApiProperty({ type: [OverviewRowDto] }) items: OverviewRowDto[];
}
