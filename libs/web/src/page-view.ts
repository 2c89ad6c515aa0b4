import type { DomainError } from '#libs/core';

/** What a page handler returns: a template under templates/pages, its title and its data. PageInterceptor renders it. */
export class PageView {
  constructor(
    readonly page: string,
    readonly title: string,
    readonly data: Record<string, unknown> = {},
    readonly status = 200,
  ) {}
}

export const view = (page: string, title: string, data: Record<string, unknown> = {}) =>
  new PageView(page, title, data);

/** What a handler returns to send the browser on (303 See Other). */
export class Redirect {
  constructor(readonly to: string) {}
}

export const redirect = (to: string) => new Redirect(to);

/** The outcome of a form's action: the path to go on to (303), or a page to show at once. */
export type FormOutcome = string | PageView;

/** The page to show when a form's action fails with a user error; it may depend on the error. */
export type ErrorView = (error: DomainError) => PageView | Promise<PageView>;

/**
 * What a form handler returns: the action and the page to show again when the action fails with
 * a user error (a 4xx DomainError). The page is built only then, with the Danish errors and the
 * submitted values added.
 */
export class FormSubmission {
  constructor(
    readonly action: () => Promise<FormOutcome>,
    readonly errorView: ErrorView,
  ) {}
}

export const submit = (action: () => Promise<FormOutcome>, errorView: ErrorView) =>
  new FormSubmission(action, errorView);
