import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { ConflictError, InvalidInputError } from '../../libs/core/src/errors.js';
import { PageInterceptor } from '../../libs/web/src/page.interceptor.js';
import type { PageRenderer } from '../../libs/web/src/page-renderer.js';
import { redirect, submit, view } from '../../libs/web/src/page-view.js';

/** Records what the layout would render, so the test reads page, title and data. */
const renderer = {
  html: (_req: unknown, page: string, title: string, data: unknown) => JSON.stringify({ page, title, data }),
  // the menu's counts (what waits behind "Forside") are the app's; none here
  navCounts: async () => ({}),
};
const req = { body: { navn: 'Bostedet Æblehaven' }, session: { save: (cb: () => void) => cb() } };
const context = { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;

async function respond(result: unknown): Promise<Response> {
  const interceptor = new PageInterceptor(renderer as unknown as PageRenderer);
  const next: CallHandler = { handle: () => of(result) };
  return (await lastValueFrom(interceptor.intercept(context, next))) as Response;
}

describe('the page seam', () => {
  it('renders a view with its status and sends a redirect as 303', async () => {
    const page = await respond(view('facilities', 'Tilbud', { n: 3 }));
    expect(page.status).toBe(200);
    expect(JSON.parse(await page.text())).toEqual({ page: 'facilities', title: 'Tilbud', data: { n: 3 } });
    const moved = await respond(redirect('/tilbud'));
    expect([moved.status, moved.headers.get('location')]).toEqual([303, '/tilbud']);
  });

  it('builds the error page only when the action fails, with the Danish errors and what was sent', async () => {
    let built = 0;
    const errorView = () => {
      built++;
      return view('facility-form', 'Nyt tilbud', { choices: ['a'] });
    };
    const ok = await respond(submit(async () => '/tilbud/1', errorView));
    expect([ok.status, ok.headers.get('location'), built]).toEqual([303, '/tilbud/1', 0]);

    const error = new InvalidInputError('Ret felterne', [
      { field: 'navn', rule: 'isNotEmpty', message: 'Skriv et navn.' },
    ]);
    const failed = await respond(
      submit(async () => {
        throw error;
      }, errorView),
    );
    expect([failed.status, built]).toEqual([422, 1]);
    const { data } = JSON.parse(await failed.text());
    expect(data.errors).toEqual(error.errors);
    expect(data.form).toEqual({ navn: 'Bostedet Æblehaven' });
    expect(data.choices).toEqual(['a']);
  });

  it('lets the error page depend on the error, and an action show a page at once', async () => {
    const shown = await respond(
      submit(
        async () => view('survey-answer', 'Spørgeskema'),
        () => view('x', 'x'),
      ),
    );
    expect([shown.status, JSON.parse(await shown.text()).page]).toEqual([200, 'survey-answer']);
    const conflict = await respond(
      submit(
        async () => {
          throw new ConflictError('Koden er brugt');
        },
        (e) => view('survey-message', e.detail),
      ),
    );
    expect([conflict.status, JSON.parse(await conflict.text()).title]).toEqual([409, 'Koden er brugt']);
  });

  it('lets a programming error through to the error filter (a 500, not a form page)', async () => {
    const bug = new TypeError('undefined is not a function');
    await expect(
      respond(
        submit(
          async () => {
            throw bug;
          },
          () => view('x', 'x'),
        ),
      ),
    ).rejects.toBe(bug);
  });
});
