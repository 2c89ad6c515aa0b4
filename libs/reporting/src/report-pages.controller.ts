import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Body, Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError, NotFoundError } from '#libs/core';
import { contentDisposition, DOCUMENT_HTML_CSP } from '#libs/documents';
import { VISIT_KIND_LABELS, type VisitKind, VisitsService } from '#libs/inspections';
import { PageRenderer, projectRoot, submit, uuidParam, view } from '#libs/web';
import { MAX_LOGO_BYTES, ReportAuthorityService } from './report-authority.service.js';
import { ReportBatchesService } from './report-batches.service.js';
import { ReportDataService } from './report-data.service.js';
import { ReportPreviews } from './report-previews.service.js';
import { ReportsService } from './reports.service.js';
import { ReportTemplatesService } from './templates/report-templates.service.js';
import { MAX_TEMPLATE_BYTES } from './templates/template-compiler.js';
import { REPORT_STATUS_LABELS, type ReportStatus } from './vocabulary.js';

const STATUS_SCRIPT = readFileSync(join(projectRoot, 'libs', 'reporting', 'public', 'report-status.js'), 'utf8');
const AUTHORITY_LABELS = { name: 'Navn', address: 'Adresse', contact: 'Kontakt', logo: 'Logo' };
const templateIdOf = (body: Record<string, unknown>) =>
  typeof body.templateId === 'string' && body.templateId ? body.templateId : null;

@ApiExcludeController()
@Controller('rapporter')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly batches: ReportBatchesService,
    private readonly templates: ReportTemplatesService,
    private readonly previews: ReportPreviews,
    private readonly data: ReportDataService,
    private readonly visits: VisitsService,
    private readonly pages: PageRenderer,
    private readonly authority: ReportAuthorityService,
  ) {}

  /** The progress script: a file, since the CSP allows no inline script. */
  @Get('status.js')
  @Authenticated()
  statusScript(@Res() res: Response) {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=3600').send(STATUS_SCRIPT);
  }

  @Get()
  @Authenticated()
  async overview(@CurrentUser() user: AuthUser) {
    return view('reports', 'Rapporter', await this.overviewData(user, {}));
  }

  /** Who issues the reports (name, address, contact, logo): set once by region staff, printed on every report. */
  @Get('myndighed')
  @Authenticated(Role.RegionStaff)
  async authorityPage() {
    return view('report-authority', 'Rapporternes afsender', {
      form: (await this.authority.get()) ?? { name: '', address: '', contact: '', logo: null },
      fieldLabels: AUTHORITY_LABELS,
    });
  }

  @Post('myndighed')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('logo', { limits: { fileSize: MAX_LOGO_BYTES + 1, files: 1 } }))
  async saveAuthority(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file?: { buffer: Buffer },
  ) {
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    return submit(
      async () => {
        await this.authority.save(user, {
          name: text('name'),
          address: text('address'),
          contact: text('contact'),
          logo: file?.buffer,
          removeLogo: body.removeLogo === 'on',
        });
        this.pages.flash(req, 'Oplysningerne er gemt og trykkes på de næste rapporter.');
        return '/rapporter/myndighed';
      },
      async () =>
        view('report-authority', 'Rapporternes afsender', {
          form: { ...body, logo: (await this.authority.get())?.logo ?? null },
          fieldLabels: AUTHORITY_LABELS,
        }),
    );
  }

  @Post('koersler')
  @Authenticated(Role.RegionStaff)
  async startBatch(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const batch = await this.batches.start(user, {
          from: String(body.from ?? ''),
          to: String(body.to ?? ''),
          templateId: templateIdOf(body),
        });
        this.pages.flash(req, `${batch.progress.total} rapporter er sat i kø.`);
        return `/rapporter/koersler/${batch.id}`;
      },
      async () => view('reports', 'Rapporter', await this.overviewData(user, body)),
    );
  }

  @Get('koersler/:id')
  @Authenticated(Role.RegionStaff)
  async batch(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const batch = await this.batches.get(user, id);
    const reports = batch.reports.map((r) => ({ ...r, statusLabel: REPORT_STATUS_LABELS[r.status as ReportStatus] }));
    return view('report-batch', 'Kørsel af rapporter', {
      batch: { ...batch, reports },
      finishedCount: batch.progress.done + batch.progress.failed,
      refreshSeconds: batch.finished ? null : 5,
    });
  }

  @Get('skabeloner')
  @Authenticated(Role.RegionStaff)
  async templateList(@CurrentUser() user: AuthUser) {
    return view('report-templates', 'Rapportskabeloner', {
      templates: await this.templates.list(user),
    });
  }

  @Get('skabeloner/standard.hbs')
  @Authenticated(Role.RegionStaff)
  standardTemplate(@Res() res: Response) {
    res
      .type('text/plain; charset=utf-8')
      .set('Content-Disposition', contentDisposition('tilsynsrapport.hbs'))
      .send(this.templates.standardSource);
  }

  @Post('skabeloner')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_TEMPLATE_BYTES + 1, files: 1 } }))
  async upload(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file?: { buffer: Buffer },
  ) {
    const errorView = async () =>
      view('report-templates', 'Rapportskabeloner', { templates: await this.templates.list(user), form: body });
    return submit(async () => {
      if (!file?.buffer.length)
        throw new InvalidInputError('Vælg en skabelonfil', [
          { field: 'fil', rule: 'isNotEmpty', message: 'vælg en skabelonfil' },
        ]);
      const saved = await this.templates
        .upload(user, { name: String(body.navn ?? ''), source: file.buffer.toString('utf8') })
        .catch((e) => {
          // the summary links each problem to the file field, and says on which line of the file it is
          if (!(e instanceof InvalidInputError) || e.errors[0]?.rule !== 'template') throw e;
          throw new InvalidInputError(
            e.detail,
            e.errors.map((f) => ({ ...f, field: 'fil', message: `${f.field}: ${f.message}` })),
          );
        });
      this.pages.flash(
        req,
        `Version ${saved.number} er tjekket og gemt som kladde. Forhåndsvis den, før du aktiverer den.`,
      );
      return `/rapporter/skabeloner/${saved.id}`;
    }, errorView);
  }

  @Get('skabeloner/:id')
  @Authenticated(Role.RegionStaff)
  async template(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return view('report-template', 'Rapportskabelon', await this.templateData(user, id));
  }

  @Post('skabeloner/:id/proeve')
  @Authenticated(Role.RegionStaff)
  async trial(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        const report = await this.reports.request(user, String(body.visitId ?? ''), id);
        this.pages.flash(req, 'PDF-prøven er sat i kø.');
        return `/rapporter/${report.id}`;
      },
      async () => view('report-template', 'Rapportskabelon', await this.templateData(user, id)),
    );
  }

  @Post('skabeloner/:id/:step')
  @Authenticated(Role.RegionStaff)
  async changeTemplate(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('step') step: string,
    @Body() body: Record<string, unknown>,
  ) {
    const to = ({ aktiver: 'active', udfas: 'retired' } as const)[step as 'aktiver' | 'udfas'];
    return submit(
      async () => {
        if (!to) throw new NotFoundError('Ukendt handling');
        const t = await this.templates.changeStatus(user, id, to, Number(body.version));
        this.pages.flash(
          req,
          to === 'active'
            ? `Version ${t.number} er aktiv og kan vælges til rapporter.`
            : `Version ${t.number} er udfaset.`,
        );
        return `/rapporter/skabeloner/${id}`;
      },
      async () => view('report-template', 'Rapportskabelon', await this.templateData(user, id)),
    );
  }

  @Get('besoeg/:visitId')
  @Authenticated()
  async visit(@CurrentUser() user: AuthUser, @Param('visitId', uuidParam) visitId: string) {
    return view('report-visit', 'Rapport', await this.visitData(user, visitId));
  }

  @Post('besoeg/:visitId')
  @Authenticated(Role.RegionStaff)
  async request(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('visitId', uuidParam) visitId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        const report = await this.reports.request(user, visitId, templateIdOf(body));
        this.pages.flash(req, 'Rapporten er sat i kø og dannes om et øjeblik.');
        return `/rapporter/${report.id}`;
      },
      async () => view('report-visit', 'Rapport', await this.visitData(user, visitId)),
    );
  }

  @Get('besoeg/:visitId/forhaandsvisning')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  async preview(@CurrentUser() user: AuthUser, @Res() res: Response, @Param('visitId', uuidParam) visitId: string) {
    res
      .type('html')
      .set('Content-Security-Policy', DOCUMENT_HTML_CSP)
      .send(await this.previews.html(user, visitId, null));
  }

  /**
   * A report as its reader sees it: what it is (facility, visit), whether it is ready, and the
   * download when it is. It keeps itself current: its script polls while the worker prints, and
   * without JavaScript the page reloads every few seconds until the report is done.
   */
  @Get(':id')
  @Authenticated()
  async report(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const report = await this.reports.get(user, id);
    const visit = await this.visits.get(user, report.visitId);
    const finished = report.status === 'done' || report.status === 'failed';
    const pdf = report.files.find((f) => f.kind === 'pdf');
    return view('report-status', report.preview ? 'Skabelonprøve' : 'Tilsynsrapport', {
      report,
      visit: { ...visit, kindLabel: VISIT_KIND_LABELS[visit.kind as VisitKind] },
      finished,
      waiting: !finished,
      refreshSeconds: finished ? null : 4,
      pdf: pdf && { fileName: await this.reports.fileName(user, report, 'pdf') },
      showError: user.role === Role.RegionStaff && report.status === 'failed',
    });
  }

  private async publishedVisits(user: AuthUser) {
    return (await this.visits.list(user, { status: 'published' })).map((v) => ({
      ...v,
      kindLabel: VISIT_KIND_LABELS[v.kind as VisitKind],
    }));
  }

  private async overviewData(user: AuthUser, form: Record<string, unknown>) {
    const canManage = user.role === Role.RegionStaff;
    return {
      form,
      canManage,
      visits: await this.publishedVisits(user),
      templates: canManage ? (await this.templates.choosable()).map((t) => ({ ...t, id: t.id ?? '' })) : [],
      batches: canManage ? await this.batches.list(user) : [],
    };
  }

  private async visitData(user: AuthUser, visitId: string) {
    const [data, reports] = await Promise.all([
      this.data.build(user, visitId),
      this.reports.listForVisit(user, visitId),
    ]);
    const canGenerate = user.role === Role.RegionStaff;
    return {
      visitId,
      data,
      lowerLabel: data.model.standardLabel.toLowerCase(),
      reports,
      canGenerate,
      canPreview: user.role !== Role.FacilityLeader,
      templates: canGenerate ? (await this.templates.choosable()).map((t) => ({ ...t, id: t.id ?? '' })) : [],
    };
  }

  private async templateData(user: AuthUser, id: string) {
    return { template: await this.templates.get(user, id), visits: await this.publishedVisits(user) };
  }
}
