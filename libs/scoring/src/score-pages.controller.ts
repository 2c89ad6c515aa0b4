import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, PolicyService, Role } from '#libs/auth';
import { NotFoundError } from '#libs/core';
import { contentDisposition } from '#libs/documents';
import { FacilitiesRepository } from '#libs/facilities';
import { PageRenderer, tableExport } from '#libs/web';
import { DashboardsService } from './dashboards.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });
type OverviewQuery = { version?: string; type?: string; municipality?: string; side?: string; sorter?: string };
const only = (q: OverviewQuery) => ({
  version: q.version || undefined,
  type: q.type || undefined,
  municipality: q.municipality || undefined,
  sorter: q.sorter || undefined,
});
const NO_SCORE = 'Ingen vurdering endnu';

@ApiExcludeController()
@Controller()
export class ScorePagesController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly policy: PolicyService,
    private readonly facilities: FacilitiesRepository,
    private readonly pages: PageRenderer,
  ) {}

  /** Leaders go to their facility (or choose one); region staff and inspectors to the region. */
  @Get('resultater')
  @Authenticated()
  async start(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    if (user.role !== Role.FacilityLeader) return res.redirect(303, '/resultater/region');
    const own = await this.policy.readableFacilities(user);
    const facilities = own === 'all' ? [] : await this.facilities.list({ ids: own });
    if (facilities.length === 1) return res.redirect(303, `/resultater/tilbud/${facilities[0].id}`);
    this.pages.render(req, res, 'scores', 'Resultater', { facilities });
  }

  @Get('resultater/tilbud/:id')
  @Authenticated()
  async facility(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
  ) {
    const data = await this.dashboards.facilityDashboard(user, id);
    this.pages.render(req, res, 'dashboard-facility', `Resultater for ${data.facility.name}`, data);
  }

  @Get('resultater/tilbud/:id/indikatorer/:indicatorId')
  @Authenticated()
  async indicator(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
    @Param('indicatorId', uuid) indicatorId: string,
  ) {
    const data = await this.dashboards.indicatorTrail(user, id, indicatorId);
    this.pages.render(req, res, 'scores-indicator', `${data.indicator.code} på ${data.facility.name}`, data);
  }

  @Get('resultater/region')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  async region(@Req() req: Request, @Res() res: Response, @Query() q: OverviewQuery) {
    const filter = only(q);
    const page = Math.max(1, Number.parseInt(q.side ?? '1', 10) || 1);
    const data = await this.dashboards.overview({ ...filter, sort: filter.sorter }, page);
    const form = this.filterForm(filter, data);
    // sorting is a link per column header, so it works without JavaScript; lowest (worst) first, then highest
    const unsorted = new URLSearchParams(form.query.slice(1));
    unsorted.delete('sorter');
    const sortHref = (id: string) => {
      const p = new URLSearchParams(unsorted);
      p.set('sorter', data.sort?.id === id && !data.sort.descending ? `-${id}` : id);
      return `/resultater/region?${p}`;
    };
    const sortState = (id: string) =>
      data.sort?.id === id ? (data.sort.descending ? 'descending' : 'ascending') : null;
    this.pages.render(req, res, 'dashboard-region', 'Regionens overblik', {
      ...data,
      ...form,
      nameSort: { href: sortHref('navn'), state: sortState('navn') },
      columns: data.columns.map((c) => ({ ...c, sortHref: sortHref(c.id), sortState: sortState(c.id) })),
      versions: data.versions.map((v) => ({ ...v, selected: v.id === data.chosen?.id })),
    });
  }

  @Get('resultater/region/overskredet')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  async overdue(@Req() req: Request, @Res() res: Response, @Query() q: OverviewQuery) {
    const filter = only(q);
    const data = await this.dashboards.overdue(filter);
    this.pages.render(req, res, 'dashboard-region-overdue', 'Overskredne besøg og frister', {
      ...data,
      ...this.filterForm(filter, data),
    });
  }

  /** The type and municipality choices, and the same filter as a query string for the other links. */
  private filterForm(
    filter: ReturnType<typeof only>,
    data: { types: { code: string; name: string }[]; municipalities: string[] },
  ) {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    return {
      query: query ? `?${query}` : '',
      pageQuery: query ? `?${query}&` : '?',
      types: data.types.map((t) => ({ code: t.code, name: t.name, selected: t.code === filter.type })),
      municipalities: data.municipalities.map((m) => ({ name: m, selected: m === filter.municipality })),
    };
  }

  /** The heat map as a file: one row per facility, one column per standard/theme. */
  @Get('resultater/region/eksport/:format')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  async export(@Res() res: Response, @Param('format') format: string, @Query() q: OverviewQuery) {
    if (format !== 'csv' && format !== 'xlsx') throw new NotFoundError('Formatet findes ikke');
    const filter = only(q);
    const data = await this.dashboards.overview({ ...filter, sort: filter.sorter });
    const header = [
      'Tilbud',
      'Kommune',
      'Tilbudstype',
      'År',
      ...data.columns.flatMap((c) => [`${c.code} ${c.title}`.trim(), `${c.code || c.title} trafiklys`.trim()]),
    ];
    // the shown value (one decimal) and its light: the same judgement as the page
    const rows = data.rows.map((r) => [
      r.facilityName,
      r.municipality,
      r.typeName ?? '',
      r.period ?? NO_SCORE,
      ...(r.unscored
        ? data.columns.flatMap(() => ['', ''])
        : r.cells.flatMap((j) => (j ? [j.score, j.lightLabel] : ['', '']))),
    ]);
    const file = await tableExport(format, 'Overblik', header, rows);
    res
      .type(file.contentType)
      .set('Content-Disposition', contentDisposition(`overblik-${data.chosen?.name ?? 'region'}.${format}`))
      .send(file.data);
  }
}
