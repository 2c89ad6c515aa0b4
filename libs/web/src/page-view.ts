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

/**
 * What a form handler returns: the action, which gives the path to go on to, and the page to show
 * again when the action fails with a user error (a 4xx DomainError). The page is built only then,
 * with the Danish errors and the submitted values added.
 */
export class FormSubmission {
  constructor(
    readonly action: () => Promise<string>,
    readonly errorView: () => PageView | Promise<PageView>,
  ) {}
}

export const submit = (action: () => Promise<string>, errorView: () => PageView | Promise<PageView>) =>
  new FormSubmission(action, errorView);
