import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { NotFoundError } from '#libs/core';
import { contentDisposition } from '#libs/documents';
import { redirect, tableExport, uuidParam, view } from '#libs/web';
import { DashboardsService } from './dashboards.service.js';
import { overdueView, regionView } from './score.views.js';

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
  constructor(private readonly dashboards: DashboardsService) {}

  /** Leaders go to their facility (or choose one); region staff and inspectors to the region. */
  @Get('resultater')
  @Authenticated()
  async start(@CurrentUser() user: AuthUser) {
    if (user.role !== Role.FacilityLeader) return redirect('/resultater/region');
    const facilities = await this.dashboards.readableFacilities(user);
    if (facilities.length === 1) return redirect(`/resultater/tilbud/${facilities[0].id}`);
    return view('scores', 'Resultater', { facilities });
  }

  @Get('resultater/tilbud/:id')
  @Authenticated()
  async facility(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const data = await this.dashboards.facilityDashboard(user, id);
    return view('dashboard-facility', `Resultater for ${data.facility.name}`, data);
  }

  @Get('resultater/tilbud/:id/indikatorer/:indicatorId')
  @Authenticated()
  async indicator(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('indicatorId', uuidParam) indicatorId: string,
  ) {
    const data = await this.dashboards.indicatorTrail(user, id, indicatorId);
    return view('scores-indicator', `${data.indicator.code} på ${data.facility.name}`, data);
  }

  @Get('resultater/region')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  async region(@Query() q: OverviewQuery) {
    const filter = only(q);
    const page = Math.max(1, Number.parseInt(q.side ?? '1', 10) || 1);
    return regionView(filter, await this.dashboards.overview({ ...filter, sort: filter.sorter }, page));
  }

  @Get('resultater/region/overskredet')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  async overdue(@Query() q: OverviewQuery) {
    const filter = only(q);
    return overdueView(filter, await this.dashboards.overdue(filter));
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
