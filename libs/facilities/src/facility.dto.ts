import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInt4, IsOmittable, Trimmed } from '#libs/core';
import { PageQueryDto } from '#libs/web';
import type { FacilityEntity } from './facility.entity.js';
import type { FacilityTypeEntity } from './facility-type.entity.js';

/** Page forms send lists as comma- or line-separated text; the API sends arrays. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const toOptionalInt = ({ value }: { value: unknown }) =>
  value === '' || value === null ? undefined : typeof value === 'string' ? Number(value) : value;

export class FacilityFieldsDto {
  @ApiProperty({ example: 'Bostedet Lærkereden' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Lærkevej 12, 8000 Aarhus C' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  address: string;

  @ApiProperty({ example: 'Aarhus' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  municipality: string;

  @ApiProperty({ example: 'sel-108', description: 'Facility type code (GET /api/v1/facility-types)' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  typeCode: string;

  @ApiPropertyOptional({ type: [String], example: ['Voksne med udviklingshæmning'] })
  @IsOmittable()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  targetGroups?: string[];

  @ApiPropertyOptional({ example: 24 })
  @IsOptional()
  @Transform(toOptionalInt)
  @IsInt4(0)
  places?: number;

  @ApiPropertyOptional({ type: [String], example: ['Hus A', 'Hus B'] })
  @IsOmittable()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  units?: string[];

  @ApiPropertyOptional({ type: [String], description: 'User ids of the facility leaders' })
  @IsOmittable()
  @Transform(({ value }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  leaderIds?: string[];
}

export class CreateFacilityDto extends FacilityFieldsDto {}

/** Every field may be left out; one sent as null is checked (and refused), not skipped. */
export class UpdateFacilityDto extends PartialType(FacilityFieldsDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @Transform(toOptionalInt)
  @IsInt4(1)
  version: number;
}

export class FacilityTypeDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty() minAnnounced: number;
  @ApiProperty() minUnannounced: number;
  @ApiProperty() windowMonths: number;
  @ApiProperty() version: number;

  static of(t: FacilityTypeEntity): FacilityTypeDto {
    const { code, name, legalBasis, minAnnounced, minUnannounced, windowMonths, version } = t;
    return { code, name, legalBasis, minAnnounced, minUnannounced, windowMonths, version };
  }
}

export class UpdateFacilityTypeDto {
  @ApiProperty()
  @Transform(toOptionalInt)
  @IsInt4(0)
  minAnnounced: number;

  @ApiProperty()
  @Transform(toOptionalInt)
  @IsInt4(0)
  minUnannounced: number;

  @ApiProperty()
  @Transform(toOptionalInt)
  @IsInt4(1)
  windowMonths: number;

  @ApiProperty()
  @Transform(toOptionalInt)
  @IsInt4(1)
  version: number;
}

export class LeaderDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class FacilityDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() municipality: string;
  @ApiProperty() type: FacilityTypeDto;
  @ApiProperty({ type: [String] }) targetGroups: string[];
  @ApiProperty({ nullable: true, type: Number }) places: number | null;
  @ApiProperty({ type: [String] }) units: string[];
  @ApiProperty({ type: [LeaderDto] }) leaders: LeaderDto[];
  @ApiProperty() version: number;

  static of(f: FacilityEntity, leaders: LeaderDto[]): FacilityDto {
    return {
      id: f.id,
      name: f.name,
      address: f.address,
      municipality: f.municipality,
      type: FacilityTypeDto.of(f.type),
      targetGroups: f.targetGroups,
      places: f.places,
      units: f.units,
      leaders,
      version: f.version,
    };
  }
}

export class FacilityFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Search in name, address and municipality' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  municipality?: string;
}
