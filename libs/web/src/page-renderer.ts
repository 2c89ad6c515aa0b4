import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type Handlebars from 'handlebars';
import { DomainError } from '#libs/core';
import { compileTemplate, createHandlebars } from './handlebars-env.js';
import { projectRoot } from './project-root.js';

export type PageRequest = Request & {
  user?: { name: string; role: string };
  csrfToken?: () => string;
  session?: { flash?: string; flashErrors?: PageError[]; save?(cb: (err?: unknown) => void): void };
  body?: unknown;
};

/** An error as the error summary shows it; `href` when the field is on another page than `#field`. */
export interface PageError {
  field: string;
  rule?: string;
  message: string;
  href?: string;
}

export interface NavItem {
  href: string;
  label: string;
  /** What the count beside the label counts ("opgaver"), read by screen readers after the number. */
  counts?: string;
  /** Place in the menu, lowest first: explicit, as the order modules start in follows their imports. */
  position: number;
}

/** Renders templates/pages/<name>.hbs inside the shared layout. Templates are compiled once. */
@Injectable()
export class PageRenderer {
  private readonly hbs = createHandlebars();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly navFor = new Map<string, NavItem[]>();
  private counter: ((user: unknown) => Promise<Record<string, number>>) | null = null;

  constructor() {
    const dir = join(projectRoot, 'templates', 'pages');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(basename(file, '.hbs'), compileTemplate(this.hbs, readFileSync(join(dir, file), 'utf8')));
    }
    this.layout = this.pages.get('layout')!;
  }

  /** Feature modules add their entries to the main menu per role. */
  addNav(role: string, item: NavItem) {
    this.navFor.set(
      role,
      [...(this.navFor.get(role) ?? []), item].sort((a, b) => a.position - b.position),
    );
  }

  /** The app tells how many things wait behind menu entries (by href), per signed-in user. */
  countNav(counter: (user: unknown) => Promise<Record<string, number>>) {
    this.counter = counter;
  }

  /** The menu counts for the signed-in user; a page is still shown when counting fails. */
  async navCounts(req: PageRequest): Promise<Record<string, number>> {
    if (!req.user || !this.counter) return {};
    try {
      return await this.counter(req.user);
    } catch (e) {
      (req as PageRequest & { log?: { warn(o: object, m: string): void } }).log?.warn({ err: e }, 'menu counts failed');
      return {};
    }
  }

  html(
    req: PageRequest,
    page: string,
    title: string,
    data: Record<string, unknown> = {},
    counts: Record<string, number> = {},
  ): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`No page template ${page}`);
    const csrfToken = req.csrfToken?.();
    // Errors of a form sent from this page, carried over its redirect (post/redirect/get)
    const flashErrors = req.session?.flashErrors;
    const context = { ...(flashErrors ? { errors: flashErrors } : {}), ...data, csrfToken, user: req.user };
    const nav = (req.user && this.navFor.get(req.user.role)) ?? [];
    const flash = req.session?.flash;
    if (req.session) {
      delete req.session.flash;
      delete req.session.flashErrors;
    }
    return this.layout({
      title,
      flash,
      // a page that waits for something (a report being printed) reloads itself without JavaScript;
      // with JavaScript its own script keeps it current instead, so the refresh sits in <noscript>
      refreshSeconds: typeof data.refreshSeconds === 'number' ? data.refreshSeconds : null,
      body: template(context),
      user: req.user,
      csrfToken,
      nav: nav.map((n) => ({
        ...n,
        count: counts[n.href] ?? 0,
        current: req.path === n.href || (n.href !== '/' && req.path.startsWith(`${n.href}/`)),
      })),
    });
  }

  render(
    req: PageRequest,
    res: Response,
    page: string,
    title: string,
    data: Record<string, unknown> = {},
    status = 200,
  ) {
    res
      .status(status)
      .type('html')
      .send(this.html(req, page, title, data));
  }

  /**
   * The errors of a button's form, shown on the page it redirects to (post/redirect/get), so the
   * browser never stays on the POST URL; `link` points an error at another page where its field is.
   */
  flashErrors(req: PageRequest, e: DomainError, link: (x: PageError) => string | undefined = () => undefined) {
    const errors: PageError[] = e.errors.length ? e.errors : [{ field: '', rule: 'domain', message: e.detail }];
    if (req.session) req.session.flashErrors = errors.map((x) => ({ ...x, href: link(x) }));
  }

  /** A confirmation shown once, on the next page the user sees (after a redirect). */
  flash(req: PageRequest, message: string) {
    if (req.session) req.session.flash = message;
  }
}
