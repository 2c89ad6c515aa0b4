import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { ApiPageResponse, type Page, PageQueryDto, pageLink, pageOf, uuidParam } from '#libs/web';
import { DashboardsService } from './dashboards.service.js';
import type { ScoreLevel } from './score-engine.js';
import {
  FacilityScoresDto,
  IndicatorEvidenceDto,
  RegionOverviewPageDto,
  ScoreHistoryEntryDto,
} from './scores.responses.js';

const LEVELS = ['overall', 'standard', 'criterion', 'indicator'] as const;
const asList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Array.isArray(value) ? value : String(value).split(',');

class ScoreHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: [String],
    enum: LEVELS,
    description: 'Niveauer, kommasepareret (standard: overall,standard)',
    example: 'overall,standard',
  })
  @IsOptional()
  @Transform(asList)
  @IsIn(LEVELS, { each: true })
  level?: ScoreLevel[];
}

/** The filters of the region's overview page (/resultater/region), by their API names. */
class RegionOverviewQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Modelversion (standard: den med flest vurderede tilbud)' })
  @IsOptional()
  @IsUUID()
  version?: string;

  @ApiPropertyOptional({ description: 'Tilbudstypens kode' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  type?: string;

  @ApiPropertyOptional({ description: 'Kommune' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  municipality?: string;

  @ApiPropertyOptional({
    description:
      'Sortér efter en kolonnes id (en standards id eller modelversionens for samlet score), "-" foran for højeste først; ellers efter navn (så id)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;
}

/**
 * Scores as JSON, read through the same service and access rules as the result pages: a leader sees
 * only their facilities (404 for others), the region overview is for region staff and inspectors.
 */
@ApiTags('scores')
@ApiBearerAuth()
@Controller('api/v1')
export class ScoresController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('facilities/:id/scores')
  @Authenticated()
  @ApiOperation({
    summary: 'Tilbuddets aktuelle vurdering: samlet score og hver standard med kriterier og indikatorer, med trafiklys',
  })
  @ApiOkResponse({ type: FacilityScoresDto })
  async current(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<FacilityScoresDto> {
    const d = await this.dashboards.facilityDashboard(user, id);
    const facility = { id: d.facility.id, name: d.facility.name };
    if (!d.current) return { facility, current: null };
    const c = d.current;
    return {
      facility,
      current: {
        period: c.period,
        modelVersionId: c.model.id,
        modelName: c.model.name,
        overall: c.overall,
        overallRegion: c.overallRegion,
        standards: c.standards,
      },
    };
  }

  @Get('facilities/:id/scores/history')
  @Authenticated()
  @ApiOperation({
    summary:
      'Tilbuddets scorer gennem årene: nyeste år først (så modelversion, niveau og node); hvert år i hver modelversion, tallet og trafiklyset',
  })
  @ApiPageResponse(ScoreHistoryEntryDto)
  async history(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query() query: ScoreHistoryQueryDto,
    @Req() req: Request,
  ): Promise<Page<ScoreHistoryEntryDto>> {
    const levels = query.level?.length ? query.level : (['overall', 'standard'] as ScoreLevel[]);
    return pageOf(await this.dashboards.scoreHistory(user, id, levels), query, req);
  }

  @Get('facilities/:id/indicators/:indicatorId/evidence')
  @Authenticated()
  @ApiOperation({
    summary: 'En indikator på tilbuddet: scoren pr. år og hvert offentliggjort svar med begrundelse og dokumentation',
  })
  @ApiOkResponse({ type: IndicatorEvidenceDto })
  async evidence(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('indicatorId', uuidParam) indicatorId: string,
  ): Promise<IndicatorEvidenceDto> {
    const d = await this.dashboards.indicatorTrail(user, id, indicatorId);
    return {
      facility: { id: d.facility.id, name: d.facility.name },
      indicator: { id: d.indicator.id, code: d.indicator.code, text: d.indicator.text },
      scores: d.scores,
      trail: d.trail,
      surveys: d.surveys.map((s) => ({
        id: s.id,
        title: s.title,
        periodEnd: s.periodEnd,
        respondents: s.respondents,
        surveyMean: s.surveyMean,
        score: s.score,
      })),
    };
  }

  @Get('scores/region')
  @Authenticated(Role.RegionStaff, Role.Inspector)
  @ApiOperation({
    summary:
      'Regionens overblik (varmekortet) for én modelversion: hvert tilbuds aktuelle scorer pr. standard og samlet, filtreret som på siden',
  })
  @ApiOkResponse({ type: RegionOverviewPageDto })
  async region(@Query() query: RegionOverviewQueryDto, @Req() req: Request): Promise<RegionOverviewPageDto> {
    const limit = query.limit ?? 50;
    const page = query.page ?? 1;
    const filter = { version: query.version, type: query.type, municipality: query.municipality, sort: query.sort };
    const o = await this.dashboards.overview(filter, page, limit);
    const total = 'total' in o ? o.total : 0;
    return {
      page,
      limit,
      total,
      next: page * limit < total ? pageLink(req, limit, page + 1) : null,
      version: o.chosen ? { id: o.chosen.id, name: o.chosen.name, number: o.chosen.number } : null,
      columns: o.columns.map((c) => ({ id: c.id, code: c.code, title: c.title })),
      scored: 'scored' in o ? o.scored : 0,
      items: o.rows.map((r) => ({
        facilityId: r.facilityId,
        facilityName: r.facilityName,
        municipality: r.municipality,
        typeName: r.typeName,
        period: r.period,
        cells: r.unscored ? [] : o.columns.map((c, i) => ({ nodeId: c.id, judgement: r.cells[i] ?? null })),
      })),
    };
  }
}
