import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { type FieldError, InvalidInputError, NotFoundError, readTableFile } from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import { CreateOrgUnitDto, type OrgUnitView } from './org-tree.dto.js';
import { ORG_KIND_WORDS, type OrgKind, OrgUnitEntity } from './org-unit.entity.js';

const KIND_OF_WORD = Object.fromEntries(Object.entries(ORG_KIND_WORDS).map(([k, w]) => [w, k])) as Record<
  string,
  OrgKind
>;

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
