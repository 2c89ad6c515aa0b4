import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request } from 'express';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

const asInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * `limit` and `page` of every list in the API. A query DTO extends it (or a handler takes it as its
 * `@Query()`), so every list is paged the same way and documented once.
 */
export class PageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_PAGE_LIMIT,
    description: `Højst så mange på en side (1–${MAX_PAGE_LIMIT}, standard ${DEFAULT_PAGE_LIMIT})`,
  })
  @IsOptional()
  @Transform(asInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'Sidenummer, fra 1; følg helst `next`' })
  @IsOptional()
  @Transform(asInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;
}

/** The envelope of every list: one page of items, the total and the link to the next page. */
export class PageMetaDto {
  @ApiProperty({ minimum: 1 }) page: number;
  @ApiProperty({ minimum: 1, maximum: MAX_PAGE_LIMIT }) limit: number;
  @ApiProperty({ minimum: 0, description: 'Antal i alt med de valgte filtre' }) total: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Relativ URL til næste side med samme filtre, eller null på sidste side',
    example: '/api/v1/facilities?limit=50&page=2',
  })
  next: string | null;
}

export interface Page<T> extends PageMetaDto {
  items: T[];
}

/**
 * One page of `items`, which the caller has put in a stable order (every list names its order in its
 * summary, with a unique last key, so a page boundary never skips or repeats an item).
 */
export function pageOf<T>(items: readonly T[], query: PageQueryDto, req: Request): Page<T> {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const page = query.page ?? 1;
  const start = (page - 1) * limit;
  const hasNext = start + limit < items.length;
  return {
    items: items.slice(start, start + limit),
    page,
    limit,
    total: items.length,
    next: hasNext ? pageLink(req, limit, page + 1) : null,
  };
}

/** The relative URL of another page of the same list, with the same filters. */
export function pageLink(req: Request, limit: number, page: number): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('page', String(page));
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/** Documents a paged 200 answer of `item`s: the envelope with typed items (an object schema if no class yet). */
export function ApiPageResponse(item: Type<unknown> | Record<string, unknown>, description?: string) {
  const items = typeof item === 'function' ? { $ref: getSchemaPath(item) } : item;
  return applyDecorators(
    ApiExtraModels(PageMetaDto, ...(typeof item === 'function' ? [item] : [])),
    ApiOkResponse({
      description: description ?? 'En side af listen',
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMetaDto) },
          {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items } },
          },
        ],
      },
    }),
  );
}
