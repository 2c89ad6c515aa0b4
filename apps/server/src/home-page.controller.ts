import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authenticated, type AuthUser, CurrentUser, ROLE_LABELS } from '#libs/auth';
import { FacilitiesService } from '#libs/facilities';
import { view } from '#libs/web';

@ApiExcludeController()
@Controller()
export class HomePageController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @Authenticated()
  async home(@CurrentUser() user: AuthUser) {
    const facilities = await this.facilities.list(user);
    return view('home', 'Forside', { roleLabel: ROLE_LABELS[user.role], facilities });
  }
}
