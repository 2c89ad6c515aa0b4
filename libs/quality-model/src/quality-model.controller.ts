import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError } from '#libs/core';
import {
  ApiFileResponse,
  ApiPageResponse,
  ApiProblems,
  jsonObject,
  type Page,
  PageQueryDto,
  pageOf,
  uuidParam,
} from '#libs/web';
import { type CatalogueFormat, detectFormat, serializeCatalogue } from './catalogue-file.js';
import { DraftEditor } from './draft-editor.service.js';
import { toDocument } from './quality-model.dto.js';
import { QualityModelImporter } from './quality-model.importer.js';
import { nodeBodySchema, QualityModelSummaryDto } from './quality-model.responses.js';
import { expectedVersionOf, QualityModelService, type VersionSettingsChange } from './quality-model.service.js';
import { filterTree } from './quality-model-search.js';

type Json = Record<string, unknown>;

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

function exportFormat(format?: string): CatalogueFormat {
  if (format === undefined || format === 'yaml' || format === 'json') return format ?? 'yaml';
  throw new InvalidInputError('format: skal være yaml eller json', [
    { field: 'format', rule: 'isIn', message: 'skal være yaml eller json' },
  ]);
}

/** Reading is for every signed-in role (drafts only for region staff); changes are region staff's. */
@ApiTags('quality-models')
@ApiBearerAuth()
@Controller('api/v1/quality-models')
export class QualityModelController {
  constructor(
    private readonly models: QualityModelService,
    private readonly importer: QualityModelImporter,
    private readonly editor: DraftEditor,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Versioner af kvalitetsmodeller, som brugeren må se (kladder kun for regionsmedarbejdere)' })
  @ApiPageResponse(QualityModelSummaryDto)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
    @Req() req: Request,
  ): Promise<Page<QualityModelSummaryDto>> {
    return pageOf(await this.models.list(user), query, req);
  }

  @Post('import')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary:
      'Indlæs en katalogfil (YAML eller JSON) som ny kladde; en fejlbehæftet fil afvises helt (422 med alle fejl, sti og linje)',
  })
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ schema: { type: 'string', description: 'Katalogfilens indhold' } })
  @ApiCreatedResponse({ type: QualityModelSummaryDto, description: 'Den nye kladde' })
  @ApiProblems(409, 413, 415)
  async import(@Req() req: Request, @Body() body: unknown) {
    if (typeof body === 'string') return this.importer.importText(body, detectFormat(body));
    if (req.is('application/json')) return this.importer.importObject(body);
    throw new InvalidInputError('Send filen som application/yaml eller application/json', [
      { field: 'content-type', rule: 'isIn', message: 'skal være application/yaml eller application/json' },
    ]);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Hele versionen med standarder/temaer, kriterier og indikatorer; q søger i koder og tekster',
  })
  @ApiQuery({ name: 'q', required: false })
  @ApiOkResponse({
    description:
      'Versionen med standarder/temaer → kriterier → indikatorer (felterne som i katalogfilen, med id og version)',
    schema: { type: 'object', additionalProperties: true },
  })
  async get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query('q') q?: string) {
    return filterTree(await this.models.tree(user, id), q);
  }

  @Get(':id/export')
  @Authenticated()
  @ApiOperation({ summary: 'Eksportér versionens indhold som katalogfil (kan indlæses igen uændret)' })
  @ApiQuery({ name: 'format', enum: ['yaml', 'json'], required: false })
  @ApiFileResponse('application/yaml', 'application/json')
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Res() res: Response,
    @Query('format') format?: string,
  ) {
    const f = exportFormat(format);
    const tree = await this.models.tree(user, id);
    const doc = toDocument(tree);
    res
      .type(f === 'json' ? 'application/json' : 'application/yaml')
      .attachment(`${doc.key}-v${tree.number}.${f}`)
      .send(serializeCatalogue(doc, f));
  }

  @Get(':id/diff/:fromId')
  @Authenticated()
  @ApiOperation({
    summary:
      'Forskelle fra version fromId til denne: tilføjede, fjernede og ændrede standarder, kriterier og indikatorer (efter kode)',
  })
  @ApiOkResponse({
    description: 'Tilføjede, fjernede og ændrede standarder, kriterier og indikatorer',
    schema: { type: 'object', additionalProperties: true },
  })
  diff(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Param('fromId', uuidParam) fromId: string) {
    return this.models.diff(user, fromId, id);
  }

  @Patch(':id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary:
      'Ret en kladdes navn, beskrivelse, skala, trafiklys og sammenvejning (409 ved forældet version eller udgivet version)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['version'],
      properties: {
        version: { type: 'integer', minimum: 1 },
        name: { type: 'string' },
        description: { type: 'string' },
        note: { type: 'string' },
        standardLabel: { type: 'string' },
        scale: { type: 'object', additionalProperties: true },
        trafficLight: { type: 'object', additionalProperties: true },
        rollup: { type: 'object', additionalProperties: true },
      },
    },
  })
  @ApiOkResponse({ type: QualityModelSummaryDto })
  @ApiProblems(409)
  async updateSettings(@Param('id', uuidParam) id: string, @Body(jsonObject) body: Json) {
    return this.models.updateSettings(id, body as unknown as VersionSettingsChange, await this.importer.context());
  }

  @Delete(':id')
  @Authenticated(Role.RegionStaff)
  @HttpCode(204)
  @ApiOperation({ summary: 'Slet en kladde (udgivne og udgåede versioner slettes aldrig)' })
  @ApiQuery({ name: 'version', required: true, description: 'Den revision, sletningen bygger på' })
  @ApiNoContentResponse({ description: 'Slettet' })
  @ApiProblems(409)
  async remove(@Param('id', uuidParam) id: string, @Query('version') version?: string) {
    await this.models.remove(id, expectedVersionOf({ version }));
  }

  @Post(':id/publish')
  @Authenticated(Role.RegionStaff)
  @HttpCode(200)
  @ApiOperation({ summary: 'Udgiv en kladde; modellens hidtil udgivne version udgår samtidig' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['version'],
      properties: { version: { type: 'integer', minimum: 1 } },
    },
  })
  @ApiOkResponse({ type: QualityModelSummaryDto })
  @ApiProblems(409)
  publish(@Param('id', uuidParam) id: string, @Body(jsonObject) body: Json) {
    return this.models.publish(id, expectedVersionOf(body));
  }

  @Post(':id/retire')
  @Authenticated(Role.RegionStaff)
  @HttpCode(200)
  @ApiOperation({ summary: 'Udfas en udgivet version (reason: begrundelsen, gemmes i loggen)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['version'],
      properties: { version: { type: 'integer', minimum: 1 }, reason: { type: 'string' } },
    },
  })
  @ApiOkResponse({ type: QualityModelSummaryDto })
  @ApiProblems(409)
  retire(@Param('id', uuidParam) id: string, @Body(jsonObject) body: Json) {
    return this.models.retire(id, expectedVersionOf(body), typeof body.reason === 'string' ? body.reason : '');
  }

  @Post(':id/copy')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ny kladde med indholdet af denne version' })
  @ApiCreatedResponse({ type: QualityModelSummaryDto })
  copy(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.models.copy(user, id);
  }

  @Post(':id/standards')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj en standard/et tema til en kladde' })
  @ApiBody({ schema: nodeBodySchema('standard', false) })
  @ApiCreatedResponse({
    description: 'Den nye node med id og version',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  addStandard(@Param('id', uuidParam) id: string, @Body(jsonObject) body: Json) {
    return this.editor.add(id, 'standard', {}, body);
  }

  @Post(':id/criteria')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj et kriterium under standardId' })
  @ApiBody({ schema: nodeBodySchema('criterion', false, { standardId: { type: 'string', format: 'uuid' } }) })
  @ApiCreatedResponse({
    description: 'Den nye node med id og version',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  addCriterion(@Param('id', uuidParam) id: string, @Body(jsonObject) body: Json) {
    const { standardId, ...fields } = body;
    return this.editor.add(id, 'criterion', { standardId: String(standardId ?? '') }, fields);
  }

  @Post(':id/indicators')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj en indikator under criterionId eller direkte under standardId' })
  @ApiBody({
    schema: nodeBodySchema('indicator', false, {
      standardId: { type: 'string', format: 'uuid' },
      criterionId: { type: 'string', format: 'uuid' },
    }),
  })
  @ApiCreatedResponse({
    description: 'Den nye node med id og version',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  addIndicator(@Param('id', uuidParam) id: string, @Body(jsonObject) body: Json) {
    const { standardId, criterionId, ...fields } = body;
    return this.editor.add(
      id,
      'indicator',
      { standardId: standardId as string | undefined, criterionId: criterionId as string | undefined },
      fields,
    );
  }

  @Patch(':id/standards/:nodeId')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret en standard/et tema i en kladde (kræver version; 409 ved forældet version)' })
  @ApiBody({ schema: nodeBodySchema('standard', true) })
  @ApiOkResponse({ description: 'Noden, som den er gemt', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  updateStandard(
    @Param('id', uuidParam) _id: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Body(jsonObject) body: Json,
  ) {
    return this.editor.update('standard', nodeId, body);
  }

  @Delete(':id/standards/:nodeId')
  @Authenticated(Role.RegionStaff)
  @HttpCode(204)
  @ApiOperation({ summary: 'Fjern en standard/et tema (med alt under) fra en kladde (?version= påkrævet)' })
  @ApiQuery({ name: 'version', required: true })
  @ApiNoContentResponse({ description: 'Fjernet' })
  @ApiProblems(409)
  async removeStandard(
    @Param('id', uuidParam) _id: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Query('version') version?: string,
  ) {
    await this.editor.remove('standard', nodeId, expectedVersionOf({ version }));
  }

  @Patch(':id/criteria/:nodeId')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret et kriterium i en kladde (kræver version; 409 ved forældet version)' })
  @ApiBody({ schema: nodeBodySchema('criterion', true) })
  @ApiOkResponse({ description: 'Noden, som den er gemt', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  updateCriterion(
    @Param('id', uuidParam) _id: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Body(jsonObject) body: Json,
  ) {
    return this.editor.update('criterion', nodeId, body);
  }

  @Delete(':id/criteria/:nodeId')
  @Authenticated(Role.RegionStaff)
  @HttpCode(204)
  @ApiOperation({ summary: 'Fjern et kriterium (med alt under) fra en kladde (?version= påkrævet)' })
  @ApiQuery({ name: 'version', required: true })
  @ApiNoContentResponse({ description: 'Fjernet' })
  @ApiProblems(409)
  async removeCriterion(
    @Param('id', uuidParam) _id: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Query('version') version?: string,
  ) {
    await this.editor.remove('criterion', nodeId, expectedVersionOf({ version }));
  }

  @Patch(':id/indicators/:nodeId')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret en indikator i en kladde (kræver version; 409 ved forældet version)' })
  @ApiBody({ schema: nodeBodySchema('indicator', true) })
  @ApiOkResponse({ description: 'Noden, som den er gemt', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  updateIndicator(
    @Param('id', uuidParam) _id: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Body(jsonObject) body: Json,
  ) {
    return this.editor.update('indicator', nodeId, body);
  }

  @Delete(':id/indicators/:nodeId')
  @Authenticated(Role.RegionStaff)
  @HttpCode(204)
  @ApiOperation({ summary: 'Fjern en indikator (med alt under) fra en kladde (?version= påkrævet)' })
  @ApiQuery({ name: 'version', required: true })
  @ApiNoContentResponse({ description: 'Fjernet' })
  @ApiProblems(409)
  async removeIndicator(
    @Param('id', uuidParam) _id: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Query('version') version?: string,
  ) {
    await this.editor.remove('indicator', nodeId, expectedVersionOf({ version }));
  }
}
