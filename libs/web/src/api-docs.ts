import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { TITLES } from './problem.filter.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'plannedDate' }) field: string;
  @ApiProperty({ example: 'isDateOnly', description: 'Reglen, feltet brød' }) rule: string;
  @ApiProperty({ example: 'skal være en dato (ÅÅÅÅ-MM-DD)' }) message: string;
}

/** application/problem+json (RFC 9457), as every error leaves the API. */
export class ProblemDto {
  @ApiProperty({
    description: 'URI for fejltypen, `/problems/<kode>`; koderne står under hvert svar og i README',
    example: '/problems/visit-not-editable',
  })
  type: string;
  @ApiProperty({ description: 'Kort dansk titel for statuskoden', example: 'Ændret af en anden' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ description: 'Hvad der gik galt, på dansk' }) detail: string;
  @ApiProperty({ description: 'Anmodningens sti', example: '/api/v1/visits/…/answers/…' }) instance: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Hvert felt, der fejlede (400/422)' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'Anmodningens id (også i x-request-id): nævn det ved henvendelser' })
  requestId?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Ved 409 for en forældet version: det gemte, så klienten kan flette',
  })
  current?: Record<string, unknown>;
}

/** The statuses an operation can answer with a problem. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/**
 * Documents the problem+json answers an operation gives beyond those every operation of its kind
 * gives (the spec adds 401/403 to every signed-in operation, 400/404 to one with an id in the path
 * and 422 to one with input: see documentProblems in apps/server).
 */
export function ApiProblems(...statuses: ProblemStatus[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: TITLES[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/** A file answer (PDF, CSV, …): the bytes in the given media types. */
export function ApiFileResponse(...mediaTypes: string[]) {
  return ApiResponse({
    status: 200,
    description: 'Filen (Content-Disposition giver filnavnet)',
    content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
  });
}
