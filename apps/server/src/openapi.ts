import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ErrorCode } from '#libs/core';
import { PageMetaDto, ProblemDto, TITLES } from '#libs/web';
import { PROBLEMS } from './problem-types.js';

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
  security?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDto' };

/** The codes answered with `status`, for the descriptions. */
const codesOf = (status: number) =>
  (Object.entries(PROBLEMS) as [ErrorCode, { status: number; type: string }][])
    .filter(([, p]) => p.status === status)
    .map(([, p]) => `\`${p.type}\``);

const ERRORS_TEXT = `Fejl returneres som \`application/problem+json\` (RFC 9457) med en dansk \`title\` og \`detail\`,
\`errors\` (felt, regel, besked) ved 400/422 og \`requestId\`. \`type\` er \`/problems/<kode>\`; en klient kan skelne på den.
Koderne pr. status:

${[400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]
  .map((status) => `- **${status}**: ${codesOf(status).join(', ')}`)
  .join('\n')}`;

const DESCRIPTION = `Kvalitetsmodel, tilsyn og opfølgning for sociale tilbud.

**Versionering.** /api/v1 forbliver bagudkompatibel: nye operationer, nye valgfrie felter og nye fejlkoder kan komme til;
intet fjernes eller ændrer betydning. En ændring, der ville bryde en klient, kommer under /api/v2.

**Adgang.** \`POST /api/v1/auth/token\` giver et bearer-token (12 timer), som sendes som \`Authorization: Bearer …\`.

**Lister** er sideopdelte: \`limit\` (1–200, standard 50) og \`page\` (fra 1); svaret er \`{ items, page, limit, total, next }\`,
hvor \`next\` er den relative URL til næste side med samme filtre (null på sidste side). Hver liste har en fast rækkefølge
(nævnt i operationens beskrivelse) med et entydigt sidste led, så en side hverken springer over eller gentager.

${ERRORS_TEXT}`;

/**
 * The problem answers each operation can give, added where its own decorators did not: 401 and 403
 * for every signed-in operation (no token; a role or a facility the user may not touch), 400 and
 * 404 for one with an id in the path, 422 for one that takes input. Each problem answer names its codes.
 */
export function documentProblems(doc: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = (path as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const statuses = new Set<number>();
      const params = op.parameters ?? [];
      if (op.security?.length) statuses.add(401).add(403);
      if (params.some((p) => p.in === 'path')) statuses.add(400).add(404);
      if (op.requestBody || params.some((p) => p.in === 'query')) statuses.add(422);
      for (const status of statuses) op.responses[String(status)] ??= { description: TITLES[status] };
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const codes = codesOf(Number(status));
        response.description = `${TITLES[Number(status)] ?? 'Fejl'}${codes.length ? `: ${codes.join(', ')}` : ''}`;
        response.content = { 'application/problem+json': { schema: PROBLEM_REF } };
      }
    }
  }
  return doc;
}

/** The API's OpenAPI 3.1 document, as /api/docs-json serves it and openapi.json holds it. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Tilsyn API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    // tokens are opaque (tls_…), not JWTs: no bearerFormat
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: undefined,
      description: 'Et uigennemsigtigt token (tls_…) fra POST /api/v1/auth/token, gyldigt i 12 timer; ikke et JWT',
    })
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, PageMetaDto] });
  // only the API: pages and health are not part of the contract
  doc.paths = Object.fromEntries(Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/')));
  return documentProblems(doc);
}

/** openapi.json's text: what npm run openapi writes and the drift test compares. */
export function openApiText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
