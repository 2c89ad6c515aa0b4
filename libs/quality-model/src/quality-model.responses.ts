import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EDITABLE_FIELDS, type NodeKind } from './catalogue-format.js';
import type { QualityModelSummary } from './quality-model.dto.js';
import type { VersionStatus } from './vocabulary.js';

export class VersionCountsDto {
  @ApiProperty() standards: number;
  @ApiProperty() criteria: number;
  @ApiProperty() indicators: number;
}

/** A version of a quality model, without its content. */
export class QualityModelSummaryDto implements QualityModelSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'regional' }) key: string;
  @ApiProperty() number: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status: VersionStatus;
  @ApiProperty({ example: 'Tema' }) standardLabel: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) copiedFromId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ description: 'Revision (til 409 ved forældet version)' }) version: number;
  @ApiPropertyOptional({ type: VersionCountsDto }) counts?: VersionCountsDto;
}

/** The request body of a node's change: its editable fields (as in the catalogue file) and version. */
export function nodeBodySchema(kind: NodeKind, change: boolean, parent: Record<string, object> = {}) {
  return {
    type: 'object' as const,
    description: `Felterne som i katalogfilen (${EDITABLE_FIELDS[kind].join(', ')})${change ? '; kun de sendte ændres' : ''}`,
    required: change ? ['version'] : ['code'],
    properties: {
      ...parent,
      ...Object.fromEntries(EDITABLE_FIELDS[kind].map((f) => [f, {}])),
      ...(change ? { version: { type: 'integer', minimum: 1 } } : {}),
    },
  };
}
