import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '#libs/core';
import { PageRenderer } from '#libs/web';
import { Authenticated, Public } from '../access.decorators.js';
import { AuthService } from './auth.service.js';

type SessionRequest = Request & {
  session: {
    userId?: string;
    regenerate(cb: (e?: Error) => void): void;
    save(cb: (e?: Error) => void): void;
    destroy(cb: () => void): void;
  };
};

/** Only same-site paths may be a redirect target after login. */
const safeNext = (next?: string) => (next && /^\/(?!\/)/.test(next) ? next : '/');

@ApiExcludeController()
@Controller()
export class LoginPageController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('login')
  @Public()
  form(@Req() req: Request, @Res() res: Response, @Query('next') next?: string) {
    this.pages.render(req, res, 'login', 'Log ind', { next: safeNext(next) });
  }

  @Post('login')
  @Public()
  async login(
    @Req() req: SessionRequest,
    @Res() res: Response,
    @Body() body: { email?: string; password?: string; next?: string },
  ) {
    const email = String(body.email ?? '').trim();
    const errors = [
      ...(email ? [] : [{ field: 'email', message: 'Skriv din e-mailadresse' }]),
      ...(body.password ? [] : [{ field: 'password', message: 'Skriv din adgangskode' }]),
    ];
    const again = (status: number, list: { field: string; message: string }[]) =>
      this.pages.render(req, res, 'login', 'Log ind', { email, next: safeNext(body.next), errors: list }, status);
    if (errors.length) return again(422, errors);
    try {
      const user = await this.auth.login(email, String(body.password));
      // A fresh session id on login prevents session fixation.
      req.session.regenerate((err) => {
        if (err) return again(500, [{ field: 'email', message: 'Kunne ikke logge ind. Prøv igen.' }]);
        req.session.userId = user.id;
        // Store the signed-in session before redirecting: express-session may otherwise answer
        // first, and under load the next page arrives before the session exists (seen in CI).
        req.session.save((saveError) => {
          if (saveError) return again(500, [{ field: 'email', message: 'Kunne ikke logge ind. Prøv igen.' }]);
          res.redirect(303, safeNext(body.next));
        });
      });
    } catch (e) {
      if (e instanceof DomainError) return again(e.status, [{ field: 'email', message: e.detail }]);
      throw e;
    }
  }

  @Post('logout')
  @Authenticated()
  logout(@Req() req: SessionRequest, @Res() res: Response) {
    req.session.destroy(() => res.redirect(303, '/login'));
  }
}
