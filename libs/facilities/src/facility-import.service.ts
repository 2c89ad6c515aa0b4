import { Injectable } from '@nestjs/common';
import type { AuthUser } from '#libs/auth';
import { type FieldError, InvalidInputError, type TableFileReading } from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import { validateForm } from '#libs/web';
import { FacilitiesService } from './facilities.service.js';
import { CreateFacilityDto } from './facility.dto.js';
import { readFacilityCsv } from './facility-csv.js';

/** Field names in the Danish words of the file's columns, for error messages. */
const COLUMN_OF: Record<string, string> = {
  name: 'navn',
  address: 'adresse',
  municipality: 'kommune',
  typeCode: 'tilbudstype',
  targetGroups: 'målgrupper',
  places: 'pladser',
  units: 'afdelinger',
  leaderIds: 'ledere',
};

@Injectable()
export class FacilityImportService {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * Imports every row or none: all rows are checked first and every error is reported with its
   * line and column; only a clean file is written, in one transaction.
   */
  @Transactional()
  async importCsv(user: AuthUser, data: Buffer): Promise<{ created: number; readAs: TableFileReading }> {
    const { rows, errors, readAs } = await readFacilityCsv(data, await this.facilities.facilityTypes());
    if (!errors.length && !rows.length)
      errors.push({ field: 'fil', rule: 'isNotEmpty', message: 'filen har ingen rækker' });
    const leaderIds = await this.leaderIdsByEmail(rows.flatMap((r) => r.fields.leaderEmails));
    const seen = new Map<string, number>();
    const valid: CreateFacilityDto[] = [];

    for (const { line, fields } of rows) {
      const at = (e: FieldError): FieldError => ({
        ...e,
        field: `række ${line}, ${COLUMN_OF[e.field.replace(/\[\d+\]$/, '')] ?? e.field}`,
      });
      const { leaderEmails, ...rest } = fields;
      const unknown = leaderEmails.filter((e) => !leaderIds.has(e.toLowerCase()));
      const { value, errors: rowErrors } = await validateForm(CreateFacilityDto, {
        ...rest,
        leaderIds: leaderEmails.map((e) => leaderIds.get(e.toLowerCase())).filter(Boolean),
      });
      rowErrors.push(
        ...unknown.map((e) => ({
          field: 'leaderIds',
          rule: 'isFacilityLeader',
          message: `${e} er ikke en bruger med rollen leder`,
        })),
      );
      const flagged = new Set(rowErrors.map((e) => e.field));
      rowErrors.push(...(await this.facilities.referenceErrors(value)).filter((e) => !flagged.has(e.field)));
      const key = `${value.name}|${value.municipality}`.toLowerCase();
      if (seen.has(key))
        rowErrors.push({
          field: 'name',
          rule: 'uniqueInFile',
          message: `samme navn og kommune som række ${seen.get(key)}`,
        });
      seen.set(key, line);
      errors.push(...rowErrors.map(at));
      valid.push(value);
    }
    if (errors.length) throw new InvalidInputError(`Filen blev ikke importeret: ${errors.length} fejl`, errors);
    for (const dto of valid) await this.facilities.create(user, dto);
    return { created: valid.length, readAs };
  }

  private async leaderIdsByEmail(emails: string[]): Promise<Map<string, string>> {
    if (!emails.length) return new Map();
    const rows: { id: string; email: string }[] = await this.tx.tx.query(
      `select id, lower(email) as email from app_user where lower(email) = any($1) and role = 'facility_leader' and active`,
      [emails.map((e) => e.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.email, r.id]));
  }
}
