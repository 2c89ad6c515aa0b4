import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { type FieldError, InvalidInputError } from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import { ReportAuthorityEntity } from './report-authority.entity.js';

/** The issuing authority as the report prints it; the logo as a data URI. */
export interface ReportAuthority {
  name: string;
  address: string;
  contact: string;
  logo: string | null;
  version: number;
}

export interface AuthorityInput {
  name: string;
  address: string;
  contact: string;
  /** A new logo (PNG or JPEG up to 500 kB); undefined keeps the one stored. */
  logo?: Buffer;
  /** Removes the stored logo. */
  removeLogo?: boolean;
}

export const MAX_LOGO_BYTES = 500 * 1024;
const LOGO_TYPES: { type: string; bytes: number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];
const LIMITS = { name: 200, address: 500, contact: 500 } as const;

/**
 * Who issues the reports: the region's tilsyn, set once by region staff on a settings page and
 * printed on every report (cover, summary, footer band). Every change is in the audit trail.
 */
@Injectable()
export class ReportAuthorityService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.tx.tx.getRepository(ReportAuthorityEntity);
  }

  /** The authority as stored, or null while region staff have not set it. */
  async get(): Promise<ReportAuthority | null> {
    const row = await this.repo.createQueryBuilder('a').addSelect('a.logo').where('a.id = 1').getOne();
    if (!row) return null;
    return {
      name: row.name,
      address: row.address,
      contact: row.contact,
      logo: row.logo && row.logoType ? `data:${row.logoType};base64,${row.logo.toString('base64')}` : null,
      version: row.version,
    };
  }

  @Transactional()
  async save(user: AuthUser, input: AuthorityInput): Promise<ReportAuthority> {
    this.policy.assertRegionStaff(user);
    const errors: FieldError[] = [];
    const text = { name: input.name.trim(), address: input.address.trim(), contact: input.contact.trim() };
    if (!text.name) errors.push({ field: 'name', rule: 'isNotEmpty', message: 'skriv myndighedens navn' });
    for (const [field, max] of Object.entries(LIMITS))
      if (text[field as keyof typeof text].length > max)
        errors.push({ field, rule: 'maxLength', message: `højst ${max} tegn` });
    let logoType: string | undefined;
    if (input.logo?.length) {
      logoType = LOGO_TYPES.find((m) => m.bytes.every((b, i) => input.logo![i] === b))?.type;
      if (input.logo.length > MAX_LOGO_BYTES)
        errors.push({ field: 'logo', rule: 'maxSize', message: `logoet må højst fylde ${MAX_LOGO_BYTES / 1024} kB` });
      else if (!logoType) errors.push({ field: 'logo', rule: 'fileType', message: 'logoet skal være PNG eller JPEG' });
    }
    if (errors.length) throw new InvalidInputError('Myndighedens oplysninger kunne ikke gemmes', errors);
    const before = await this.get();
    const logo = input.logo?.length
      ? { logo: input.logo, logoType: logoType! }
      : input.removeLogo
        ? { logo: null, logoType: null }
        : {};
    if (before)
      await this.repo.update({ id: 1 }, { ...text, ...logo, updatedById: user.id, version: before.version + 1 });
    else await this.repo.insert({ id: 1, ...text, ...logo, updatedById: user.id });
    const after = (await this.get())!;
    const logged = (a: ReportAuthority | null) =>
      a && { ...a, logo: a.logo ? `${a.logo.length} tegn (data-URI)` : null };
    await this.audit.record({
      action: 'report_authority.saved',
      entityType: 'report_authority',
      entityId: '1',
      before: logged(before),
      after: logged(after),
    });
    return after;
  }
}
