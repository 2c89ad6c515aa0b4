import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { mergeMap, type Observable } from 'rxjs';
import { DomainError } from '#libs/core';
import { PageRenderer, type PageRequest } from './page-renderer.js';
import { FormSubmission, PageView, Redirect } from './page-view.js';

/**
 * Turns what page handlers return into the response: a PageView is rendered in the layout, a
 * Redirect becomes a 303, and a FormSubmission runs its action and does one or the other. Other
 * results (the API's) pass through. The answer is a web Response, whose status wins over Nest's
 * default (201 for a POST).
 */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(private readonly pages: PageRenderer) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<PageRequest>();
    return next.handle().pipe(
      mergeMap(async (result) => {
        if (result instanceof PageView) return this.page(req, result, await this.pages.navCounts(req));
        if (result instanceof Redirect) return this.redirect(req, result.to);
        if (result instanceof FormSubmission) return this.submitted(req, result);
        return result;
      }),
    );
  }

  private page(req: PageRequest, view: PageView, counts: Record<string, number> = {}): Response {
    // as bytes: a string body is first scanned for unpaired surrogates, a tenth of a big page's time
    return new Response(Buffer.from(this.pages.html(req, view.page, view.title, view.data, counts)), {
      status: view.status,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    });
  }

  private async redirect(req: PageRequest, to: string): Promise<Response> {
    // express-session sends the redirect before its own save finishes, so the next page could miss
    // the flash message; save first.
    await new Promise<void>((resolve) => (req.session?.save ? req.session.save(() => resolve()) : resolve()));
    return new Response(null, { status: 303, headers: { Location: to } });
  }

  private async submitted(req: PageRequest, submission: FormSubmission): Promise<Response> {
    let outcome: string | PageView;
    try {
      outcome = await submission.action();
    } catch (e) {
      if (!(e instanceof DomainError) || e.status >= 500) throw e;
      const errors = e.errors.length ? e.errors : [{ field: '', rule: 'domain', message: e.detail }];
      const { page, title, data } = await submission.errorView(e);
      return this.page(
        req,
        new PageView(page, title, { form: req.body, errors, problem: e, ...data }, e.status),
        await this.pages.navCounts(req),
      );
    }
    return outcome instanceof PageView
      ? this.page(req, outcome, await this.pages.navCounts(req))
      : this.redirect(req, outcome);
  }
}
