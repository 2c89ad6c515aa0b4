import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NoCpr, Trimmed } from '#libs/core';
import { ORG_KINDS, type OrgKind } from './org-unit.entity.js';

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'Center for Handicap' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoCpr()
  name: string;

  @ApiProperty({ enum: ORG_KINDS })
  @IsIn(ORG_KINDS, { message: '$property skal være region, kommune, forvaltning eller center' })
  kind: OrgKind;

  @ApiPropertyOptional({ description: 'The unit above; none for a region or municipality at the top' })
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class FacilityUnitDto {
  @ApiPropertyOptional({ description: 'The unit the facility sits under; empty for none' })
  @Transform(({ value }) => (value === '' ? null : value))
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
}

export interface OrgUnitView {
  id: string;
  parentId: string | null;
  kind: OrgKind;
  kindWord: string;
  name: string;
  depth: number;
  facilities: { id: string; name: string }[];
}

export class OrgFacilityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** A unit of the organisation tree in reading order (GET /org-units). */
export class OrgUnitDto implements OrgUnitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ enum: ORG_KINDS }) kind: OrgKind;
  @ApiProperty({ example: 'Kommune' }) kindWord: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Niveau i træet, fra 1' }) depth: number;
  @ApiProperty({ type: [OrgFacilityDto], description: 'Tilbuddene direkte under enheden' })
  facilities: OrgFacilityDto[];
}

/** A unit as created (POST /org-units). */
export class CreatedOrgUnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ enum: ORG_KINDS }) kind: OrgKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty() version: number;
}

export class OrgImportResultDto {
  @ApiProperty({ description: 'Antal enheder i træet' }) units: number;
  @ApiProperty({ description: 'Antal placerede tilbud' }) facilities: number;
  @ApiProperty({ example: 'Windows-1252' }) readAs: string;
}

export class FacilityPlacementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orgUnitId: string | null;
}
