import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { FacilityEntity } from './facility.entity.js';

export class UpdateFacilityDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300)
  address?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  municipality?: string;

  @ApiProperty({ description: 'The version the change is based on (optimistic locking)' })
  @IsInt() @Min(1)
  version: number;
}

export class FacilityDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() municipality: string;
  @ApiProperty() version: number;

  static of(f: FacilityEntity): FacilityDto {
    return { id: f.id, name: f.name, address: f.address, municipality: f.municipality, version: f.version };
  }
}
