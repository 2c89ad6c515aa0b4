import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '#libs/core';
import { PageView, redirect, view } from '#libs/web';
import { Authenticated, Public } from '../access.decorators.js';
import { AuthService } from './auth.service.js';
import { safeNextPath } from './safe-next.js';

type SessionRequest = Request & {
  session: {
    userId?: string;
    regenerate(cb: (e?: Error) => void): void;
    save(cb: (e?: Error) => void): void;
    destroy(cb: () => void): void;
  };
};

const done = (start: (cb: (e?: Error) => void) => void) =>
  new Promise<void>((resolve, reject) => start((e) => (e ? reject(e) : resolve())));

@ApiExcludeController()
@Controller()
export class LoginPageController {
  constructor(private readonly auth: AuthService) {}

  @Get('login')
  @Public()
  form(@Query('next') next?: string) {
    return view('login', 'Log ind', { next: safeNextPath(next) });
  }

  @Post('login')
  @Public()
  async login(@Req() req: SessionRequest, @Body() body: { email?: string; password?: string; next?: string }) {
    const email = String(body.email ?? '').trim();
    const errors = [
      ...(email ? [] : [{ field: 'email', message: 'Skriv din e-mailadresse' }]),
      ...(body.password ? [] : [{ field: 'password', message: 'Skriv din adgangskode' }]),
    ];
    const again = (status: number, list: { field: string; message: string }[]) =>
      new PageView('login', 'Log ind', { email, next: safeNextPath(body.next), errors: list }, status);
    if (errors.length) return again(422, errors);
    let userId: string;
    try {
      userId = (await this.auth.login(email, String(body.password))).id;
    } catch (e) {
      if (e instanceof DomainError) return again(e.status, [{ field: 'email', message: e.detail }]);
      throw e;
    }
    try {
      // A fresh session id on login prevents session fixation.
      await done((cb) => req.session.regenerate(cb));
      req.session.userId = userId;
      // Store the signed-in session before redirecting: express-session may otherwise answer
      // first, and under load the next page arrives before the session exists (seen in CI).
      await done((cb) => req.session.save(cb));
    } catch {
      return again(500, [{ field: 'email', message: 'Kunne ikke logge ind. Prøv igen.' }]);
    }
    return redirect(safeNextPath(body.next));
  }

  @Post('logout')
  @Authenticated()
  async logout(@Req() req: SessionRequest, @Res({ passthrough: true }) res: Response) {
    // The browser drops what it kept for work without network (pages, unsent answers, photos)
    res.set('Clear-Site-Data', '"cache", "storage"');
    await new Promise<void>((resolve) => req.session.destroy(resolve));
    return redirect('/login');
  }
}
