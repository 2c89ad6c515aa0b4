import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { projectRoot } from '#libs/web';
import type { ReportData } from '../report-data.js';
import type { ReportTemplateEntity } from '../report-template.entity.js';
import { ReportsRepository } from '../reports.repository.js';
import { STANDARD_TEMPLATE_NAME, TEMPLATE_STATUS_LABELS } from '../vocabulary.js';
import { sampleReportData } from './sample-report.js';
import { compileReportTemplate } from './template-compiler.js';

export type ReportBody = (data: ReportData) => string;

export interface TemplateView {
  id: string;
  number: number;
  name: string;
  status: ReportTemplateEntity['status'];
  statusLabel: string;
  sha256: string;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
  version: number;
}

const view = (t: ReportTemplateEntity): TemplateView => ({
  id: t.id,
  number: t.number,
  name: t.name,
  status: t.status,
  statusLabel: TEMPLATE_STATUS_LABELS[t.status],
  sha256: t.sha256,
  createdAt: t.createdAt,
  activatedAt: t.activatedAt,
  retiredAt: t.retiredAt,
  version: t.version,
});

/**
 * Report templates: the standard one shipped in templates/reports, and versions region staff
 * upload. An upload is checked and trial-rendered before it is stored (as a draft, for previews);
 * only active versions can be chosen for real reports. Stored sources never change, so compiled
 * templates are cached by id.
 */
@Injectable()
export class ReportTemplatesService {
  readonly standardSource = readFileSync(join(projectRoot, 'templates', 'reports', 'tilsynsrapport.hbs'), 'utf8');
  private readonly standard = compileReportTemplate(this.standardSource, sampleReportData());
  private readonly compiled = new Map<string, ReportBody>();

  constructor(
    private readonly repo: ReportsRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser): Promise<TemplateView[]> {
    this.policy.assertRegionStaff(user);
    return (await this.repo.templates()).map(view);
  }

  async get(user: AuthUser, id: string): Promise<TemplateView & { source: string }> {
    this.policy.assertRegionStaff(user);
    const t = await this.repo.template(id);
    if (!t) throw new NotFoundError('Skabelonen findes ikke');
    return { ...view(t), source: t.source };
  }

  /** What a report may be made with: the standard template and the active versions. */
  async choosable(): Promise<{ id: string | null; name: string }[]> {
    const active = (await this.repo.templates()).filter((t) => t.status === 'active');
    return [
      { id: null, name: STANDARD_TEMPLATE_NAME },
      ...active.map((t) => ({ id: t.id, name: `${t.name} (version ${t.number})` })),
    ];
  }

  /** The template to render with; null is the standard one. */
  async body(templateId: string | null): Promise<ReportBody> {
    if (!templateId) return this.standard;
    let body = this.compiled.get(templateId);
    if (!body) {
      const t = await this.repo.template(templateId);
      if (!t) throw new NotFoundError('Skabelonen findes ikke');
      body = compileReportTemplate(t.source, sampleReportData());
      this.compiled.set(templateId, body);
    }
    return body;
  }

  @Transactional()
  async upload(user: AuthUser, input: { name: string; source: string }): Promise<TemplateView> {
    this.policy.assertRegionStaff(user);
    const name = input.name.trim();
    if (!name)
      throw new InvalidInputError('Giv skabelonen et navn', [
        { field: 'navn', rule: 'isNotEmpty', message: 'skal udfyldes' },
      ]);
    compileReportTemplate(input.source, sampleReportData());
    const saved = await this.repo.createTemplate({
      name: name.slice(0, 200),
      source: input.source,
      sha256: createHash('sha256').update(input.source).digest('hex'),
      status: 'draft',
      createdById: user.id,
    });
    await this.audit.record({
      action: 'report_template.uploaded',
      entityType: 'report_template',
      entityId: saved.id,
      after: view(saved),
    });
    return view(saved);
  }

  /** draft → active → retired; `version` guards against acting on a stale page. */
  @Transactional()
  async changeStatus(user: AuthUser, id: string, to: 'active' | 'retired', version: number): Promise<TemplateView> {
    this.policy.assertRegionStaff(user);
    const t = await this.repo.template(id, true);
    if (!t) throw new NotFoundError('Skabelonen findes ikke');
    if (t.version !== version)
      throw new ConflictError('Skabelonen er ændret af en anden', [], { current: view(t) }, 'stale-version');
    const from = to === 'active' ? 'draft' : 'active';
    if (t.status !== from)
      throw new ConflictError(
        `Kun en skabelon med status »${TEMPLATE_STATUS_LABELS[from]}« kan ${to === 'active' ? 'aktiveres' : 'udfases'}`,
        [],
        { current: view(t) },
        'template-wrong-status',
      );
    const before = view(t);
    const after = view(await this.repo.setTemplateStatus(t, to));
    await this.audit.record({
      action: `report_template.${to === 'active' ? 'activated' : 'retired'}`,
      entityType: 'report_template',
      entityId: id,
      before,
      after,
    });
    return after;
  }
}
