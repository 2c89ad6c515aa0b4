import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { FacilitiesService } from './facilities.service.js';
import { FacilityDto, UpdateFacilityDto } from './facility.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('facilities')
@ApiBearerAuth()
@Controller('api/v1/facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Tilbud, som brugeren har adgang til' })
  list(@CurrentUser() user: AuthUser, @Query('q') q?: string): Promise<FacilityDto[]> {
    return this.facilities.list(user, q);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Et tilbud (404, hvis brugeren ikke har adgang)' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<FacilityDto> {
    return this.facilities.get(user, id);
  }

  @Patch(':id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret stamdata (409 ved forældet version)' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateFacilityDto): Promise<FacilityDto> {
    return this.facilities.update(user, id, body);
  }
}
