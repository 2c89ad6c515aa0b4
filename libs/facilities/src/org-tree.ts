import {
  Body,
  Controller,
  Get,
  Injectable,
  Param,
  Post,
  Put,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExcludeController,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Request } from 'express';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import { AuditService, Authenticated, type AuthUser, CurrentUser, PolicyService, Role } from '#libs/auth';
import {
  type FieldError,
  InvalidInputError,
  NoCpr,
  NotFoundError,
  readTableFile,
  Trimmed,
  uploadedTable,
} from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import {
  ApiPageResponse,
  ApiProblems,
  type Page,
  PageQueryDto,
  PageRenderer,
  pageOf,
  parseForm,
  submit,
  uuidParam,
  view,
} from '#libs/web';

export const ORG_KINDS = ['region', 'municipality', 'administration', 'centre'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
/** The Danish words for the kinds, as pages and files write them. */
export const ORG_KIND_WORDS: Record<OrgKind, string> = {
  region: 'region',
  municipality: 'kommune',
  administration: 'forvaltning',
  centre: 'center',
};
const KIND_OF_WORD = Object.fromEntries(Object.entries(ORG_KIND_WORDS).map(([k, w]) => [w, k])) as Record<
  string,
  OrgKind
>;

/** A node of the organisation tree above the facilities: region or municipality → administration or centre. */
@Entity('org_unit')
@Unique('org_unit_name_key', ['name'])
@Check('org_unit_kind_check', `kind in ('region', 'municipality', 'administration', 'centre')`)
@Index('org_unit_parent_idx', ['parentId'])
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid', { nullable: true }) parentId: string | null;
  @ManyToOne('OrgUnitEntity')
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'org_unit_parent_id_fkey' })
  parent?: object;

  @Column('text') kind: OrgKind;
  @Column('text') name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}

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

class OrgFacilityDto {
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

class OrgImportResultDto {
  @ApiProperty({ description: 'Antal enheder i træet' }) units: number;
  @ApiProperty({ description: 'Antal placerede tilbud' }) facilities: number;
  @ApiProperty({ example: 'Windows-1252' }) readAs: string;
}

class FacilityPlacementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orgUnitId: string | null;
}

/**
 * The organisation tree above the facilities, kept by region staff: units by hand or from a CSV
 * (read in its encoding, all rows or none), and the unit each facility sits under. Everyone signed
 * in reads the tree; `unitsAbove` gives the units over a set of facilities (what a leader sees
 * plans of besides their facilities').
 */
@Injectable()
export class OrgTreeService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  private get units() {
    return this.tx.tx.getRepository(OrgUnitEntity);
  }

  /** The tree in reading order (each unit followed by the units under it), with the facilities under each. */
  async tree(): Promise<OrgUnitView[]> {
    const units = await this.units.find({ order: { name: 'ASC' } });
    const facilities: { id: string; name: string; orgUnitId: string | null }[] = await this.tx.tx.query(
      `select id, name, org_unit_id as "orgUnitId" from facility where org_unit_id is not null order by name`,
    );
    const out: OrgUnitView[] = [];
    const walk = (parentId: string | null, depth: number) => {
      for (const u of units.filter((x) => x.parentId === parentId)) {
        out.push({
          id: u.id,
          parentId: u.parentId,
          kind: u.kind,
          kindWord: ORG_KIND_WORDS[u.kind],
          name: u.name,
          depth,
          facilities: facilities.filter((f) => f.orgUnitId === u.id).map(({ id, name }) => ({ id, name })),
        });
        walk(u.id, depth + 1);
      }
    };
    walk(null, 1);
    return out;
  }

  facilityNames(): Promise<{ id: string; name: string; orgUnitId: string | null }[]> {
    return this.tx.tx.query(`select id, name, org_unit_id as "orgUnitId" from facility order by name`);
  }

  async unit(id: string): Promise<OrgUnitEntity | null> {
    return this.units.findOneBy({ id });
  }

  /** The units over the given facilities, up to the top of the tree. */
  async unitsAbove(facilityIds: string[]): Promise<string[]> {
    if (!facilityIds.length) return [];
    const rows: { id: string }[] = await this.tx.tx.query(
      `with recursive up(id, parent_id) as (
         select u.id, u.parent_id from org_unit u join facility f on f.org_unit_id = u.id where f.id = any($1)
         union select u.id, u.parent_id from org_unit u join up on up.parent_id = u.id)
       select distinct id from up`,
      [facilityIds],
    );
    return rows.map((r) => r.id);
  }

  private async checkedParent(
    kind: OrgKind,
    parentId: string | null | undefined,
    field: string,
  ): Promise<FieldError[]> {
    if (!parentId)
      return kind === 'administration' || kind === 'centre'
        ? [
            {
              field,
              rule: 'isNotEmpty',
              message: `en ${ORG_KIND_WORDS[kind]} skal ligge under en region eller kommune`,
            },
          ]
        : [];
    return (await this.unit(parentId)) ? [] : [{ field, rule: 'exists', message: 'den overordnede enhed findes ikke' }];
  }

  @Transactional()
  async create(user: AuthUser, dto: CreateOrgUnitDto): Promise<OrgUnitEntity> {
    this.policy.assertRegionStaff(user);
    const errors = await this.checkedParent(dto.kind, dto.parentId, 'parentId');
    if (await this.units.findOneBy({ name: dto.name.trim() }))
      errors.push({ field: 'name', rule: 'unique', message: 'der findes allerede en enhed med det navn' });
    if (errors.length) throw new InvalidInputError('Ret de markerede felter', errors);
    const saved = await this.units.save({ name: dto.name.trim(), kind: dto.kind, parentId: dto.parentId ?? null });
    await this.audit.record({
      action: 'org_unit.created',
      entityType: 'org_unit',
      entityId: saved.id,
      after: { name: saved.name, kind: saved.kind, parentId: saved.parentId },
    });
    return saved;
  }

  @Transactional()
  async setFacilityUnit(user: AuthUser, facilityId: string, orgUnitId: string | null) {
    this.policy.assertRegionStaff(user);
    const [facility] = await this.tx.tx.query(
      `select id, name, org_unit_id as "orgUnitId" from facility where id = $1`,
      [facilityId],
    );
    if (!facility) throw new NotFoundError('Tilbuddet findes ikke');
    if (orgUnitId && !(await this.unit(orgUnitId)))
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'orgUnitId', rule: 'exists', message: 'enheden findes ikke' },
      ]);
    await this.tx.tx.query(`update facility set org_unit_id = $2, version = version + 1 where id = $1`, [
      facilityId,
      orgUnitId,
    ]);
    await this.audit.record({
      action: 'facility.org_unit_set',
      entityType: 'facility',
      entityId: facilityId,
      facilityId,
      before: { orgUnitId: facility.orgUnitId },
      after: { orgUnitId },
    });
    return { id: facilityId, name: facility.name as string, orgUnitId };
  }

  /**
   * Reads the tree from a CSV or XLSX (`type;navn;overordnet`): units (region, kommune, forvaltning,
   * center) are added under the unit named as overordnet (above them in the file or already there),
   * facilities (type tilbud, by their exact name) are placed under it. All rows or none.
   */
  @Transactional()
  async importTree(user: AuthUser, data: Buffer, format: 'csv' | 'xlsx') {
    this.policy.assertRegionStaff(user);
    const { rows, errors, readAs } = await readTableFile(data, format, {
      columns: ['type', 'navn', 'overordnet'],
      required: ['type', 'navn', 'overordnet'],
      maxRows: 5000,
    });
    if (!errors.length && !rows.length)
      errors.push({ field: 'fil', rule: 'isNotEmpty', message: 'filen har ingen rækker' });
    const existing = new Map((await this.units.find()).map((u) => [u.name.toLowerCase(), u]));
    const facilities: { id: string; name: string }[] = await this.tx.tx.query(`select id, name from facility`);
    const planned = new Map<string, { kind: OrgKind; name: string; parent: string | null; line: number }>();
    const placements: { facilityId: string; parent: string; line: number }[] = [];
    for (const { line, cell } of rows) {
      const err = (column: string, rule: string, message: string) =>
        errors.push({ field: `række ${line}, ${column}`, rule, message });
      const type = cell('type').toLowerCase();
      const name = cell('navn');
      const parent = cell('overordnet');
      if (!name) err('navn', 'isNotEmpty', 'skal udfyldes');
      if (name.length > 200) err('navn', 'maxLength', 'højst 200 tegn');
      const parentKnown = !parent || existing.has(parent.toLowerCase()) || planned.has(parent.toLowerCase());
      if (!parentKnown) err('overordnet', 'exists', `»${parent}« står hverken længere oppe i filen eller i træet`);
      if (type === 'tilbud') {
        const matches = facilities.filter((f) => f.name.toLowerCase() === name.toLowerCase());
        if (!matches.length) err('navn', 'exists', `tilbuddet »${name}« findes ikke`);
        else if (matches.length > 1) err('navn', 'unique', `flere tilbud hedder »${name}«`);
        if (!parent) err('overordnet', 'isNotEmpty', 'et tilbud skal ligge under en enhed');
        if (matches.length === 1 && parent) placements.push({ facilityId: matches[0].id, parent, line });
        continue;
      }
      const kind = KIND_OF_WORD[type];
      if (!kind) {
        err('type', 'isIn', 'skal være region, kommune, forvaltning, center eller tilbud');
        continue;
      }
      if (!parent && (kind === 'administration' || kind === 'centre'))
        err('overordnet', 'isNotEmpty', `en ${type} skal ligge under en region eller kommune`);
      const key = name.toLowerCase();
      const before = existing.get(key);
      if (planned.has(key)) err('navn', 'unique', `står også i række ${planned.get(key)!.line}`);
      else if (before) {
        const beforeParent = before.parentId
          ? [...existing.values()].find((u) => u.id === before.parentId)?.name
          : null;
        if (before.kind !== kind || (beforeParent ?? '').toLowerCase() !== parent.toLowerCase())
          err(
            'navn',
            'unique',
            `findes allerede som ${ORG_KIND_WORDS[before.kind]}${beforeParent ? ` under ${beforeParent}` : ''}`,
          );
      } else planned.set(key, { kind, name, parent: parent || null, line });
    }
    if (errors.length) throw new InvalidInputError(`Filen blev ikke importeret: ${errors.length} fejl`, errors);
    const ids = new Map([...existing.entries()].map(([k, u]) => [k, u.id]));
    for (const [key, u] of planned) {
      const saved = await this.units.save({
        name: u.name,
        kind: u.kind,
        parentId: u.parent ? ids.get(u.parent.toLowerCase())! : null,
      });
      ids.set(key, saved.id);
      await this.audit.record({
        action: 'org_unit.created',
        entityType: 'org_unit',
        entityId: saved.id,
        after: { name: saved.name, kind: saved.kind, parentId: saved.parentId, importedAs: readAs },
      });
    }
    for (const p of placements) {
      const orgUnitId = ids.get(p.parent.toLowerCase())!;
      const [before] = await this.tx.tx.query(`select org_unit_id as "orgUnitId" from facility where id = $1`, [
        p.facilityId,
      ]);
      await this.tx.tx.query(`update facility set org_unit_id = $2, version = version + 1 where id = $1`, [
        p.facilityId,
        orgUnitId,
      ]);
      await this.audit.record({
        action: 'facility.org_unit_set',
        entityType: 'facility',
        entityId: p.facilityId,
        facilityId: p.facilityId,
        before: { orgUnitId: before?.orgUnitId ?? null },
        after: { orgUnitId, importedAs: readAs },
      });
    }
    return { units: planned.size, facilities: placements.length, readAs };
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1')
export class OrgTreeController {
  constructor(private readonly tree: OrgTreeService) {}

  @Get('org-units')
  @Authenticated()
  @ApiOperation({ summary: 'Organisationstræet: enheder i læserækkefølge med tilbuddene under hver' })
  @ApiPageResponse(OrgUnitDto)
  async list(@Query() query: PageQueryDto, @Req() req: Request): Promise<Page<OrgUnitDto>> {
    return pageOf(await this.tree.tree(), query, req);
  }

  @Post('org-units')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj en enhed (region, kommune, forvaltning, center)' })
  @ApiCreatedResponse({ type: CreatedOrgUnitDto })
  @ApiProblems(409)
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateOrgUnitDto): Promise<CreatedOrgUnitDto> {
    const { id, parentId, kind, name, createdAt, version } = await this.tree.create(user, body);
    return { id, parentId, kind, name, createdAt, version };
  }

  @Post('org-units/import')
  @Authenticated(Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  @ApiOperation({ summary: 'Importér træet fra CSV/XLSX (type;navn;overordnet): alt eller intet' })
  @ApiBody({ schema: { type: 'object', properties: { fil: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: OrgImportResultDto })
  @ApiProblems(409, 413, 415)
  import(@CurrentUser() user: AuthUser, @UploadedFile() file?: { buffer: Buffer; originalname: string }) {
    const { data, format } = uploadedTable(file);
    return this.tree.importTree(user, data, format);
  }

  @Put('facilities/:id/org-unit')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Placér et tilbud under en enhed i træet (orgUnitId null: ingen)' })
  @ApiOkResponse({ type: FacilityPlacementDto })
  setUnit(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: FacilityUnitDto) {
    return this.tree.setFacilityUnit(user, id, body.orgUnitId ?? null);
  }
}

@ApiExcludeController()
@Controller('organisation')
export class OrgTreePagesController {
  constructor(
    private readonly tree: OrgTreeService,
    private readonly pages: PageRenderer,
  ) {}

  private async page() {
    const units = await this.tree.tree();
    const facilities = await this.tree.facilityNames();
    return view('org-tree', 'Organisation', {
      units,
      facilities,
      kinds: ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_WORDS[k] })),
      fieldLabels: {
        name: 'Navn',
        kind: 'Type',
        parentId: 'Overordnet enhed',
        fil: 'Fil',
        facilityId: 'Tilbud',
        orgUnitId: 'Enhed',
      },
    });
  }

  @Get()
  @Authenticated(Role.RegionStaff)
  show() {
    return this.page();
  }

  @Post('enheder')
  @Authenticated(Role.RegionStaff)
  async add(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const unit = await this.tree.create(user, await parseForm(CreateOrgUnitDto, body));
        this.pages.flash(req, `${ORG_KIND_WORDS[unit.kind]} »${unit.name}« er tilføjet.`);
        return '/organisation';
      },
      () => this.page(),
    );
  }

  @Post('tilbud')
  @Authenticated(Role.RegionStaff)
  async place(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const facilityId = String(body.facilityId ?? '');
        if (!/^[0-9a-f-]{36}$/i.test(facilityId))
          throw new InvalidInputError('Ret de markerede felter', [
            { field: 'facilityId', rule: 'isUUID', message: 'vælg et tilbud' },
          ]);
        const dto = await parseForm(FacilityUnitDto, { orgUnitId: body.orgUnitId });
        const placed = await this.tree.setFacilityUnit(user, facilityId, dto.orgUnitId ?? null);
        this.pages.flash(req, `${placed.name} er placeret i træet.`);
        return '/organisation';
      },
      () => this.page(),
    );
  }

  @Post('import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    return submit(
      async () => {
        const { data, format } = uploadedTable(file);
        const done = await this.tree.importTree(user, data, format).catch((e) => {
          if (e instanceof InvalidInputError)
            for (const err of e.errors)
              if (err.field.startsWith('række') || err.field.startsWith('kolonne') || err.field.startsWith('linje'))
                Object.assign(err, { field: 'fil', message: `${err.field}: ${err.message}` });
          throw e;
        });
        this.pages.flash(
          req,
          `Træet er importeret: ${done.units} enheder tilføjet, ${done.facilities} tilbud placeret (filen er læst som ${done.readAs}).`,
        );
        return '/organisation';
      },
      () => this.page(),
    );
  }
}
