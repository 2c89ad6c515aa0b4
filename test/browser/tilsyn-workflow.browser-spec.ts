import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { addDays, formatDate, today } from '#libs/core';
import { DEMO_PASSWORD } from '#libs/demo';
import {
  api,
  axeViolations,
  launchBrowser,
  loginInBrowser,
  seedDemo,
  startTestApp,
  type TestApp,
  textBecomes,
  tokenFor,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { smtpServer, type TestSmtp } from '../notifications/smtp-server.js';
import { startWorker, type WorkerProcess } from '../worker/worker-process.js';

const PUBLIC_URL = 'https://tilsyn.region.test';
const FACILITY = 'Bostedet Lærkereden';
const ORDER = 'Medicin skal opbevares aflåst i et skab pr. afdeling';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Standard = {
  id: string;
  code: string;
  title: string;
  indicators: unknown[];
  criteria: { indicators: unknown[] }[];
};

/**
 * The done-when: inspector, region staff and facility leader carry one unannounced visit,
 * scoped to two themes, from planning through høring to publication and follow-up answers, each
 * using only their front page and the links on it (after signing in, no address is typed). The
 * guards refuse in Danish on the way, every page passes axe, and the mails arrive at a real SMTP
 * server through the outbox and the job worker.
 */
describe('the Danish tilsyn workflow, carried by three roles from their front pages', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: WorkerProcess;
  let browser: Browser;
  let inspector: Page;
  let region: Page;
  let leader: Page;
  let themes: Standard[];
  let visitPath: string;

  const env = { SMTP_URL: '', PUBLIC_URL, MAIL_FROM: 'Tilsyn <tilsyn@region.test>' };
  const arrives = async (to: string, subject: string): Promise<ParsedMail> => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
      const mail = smtp.received.find((m) => m.subject === subject && m.to && 'text' in m.to && m.to.text === to);
      if (mail) return mail;
    }
    throw new Error(`no mail "${subject}" to ${to}; got ${smtp.received.map((m) => m.subject).join(' | ')}`);
  };
  /** Goes to the front page by the main menu, checks it with axe, and returns the section `heading`. */
  const frontPage = async (page: Page) => {
    await page
      .getByRole('navigation', { name: 'Hovedmenu' })
      .getByRole('link', { name: /^Forside/ })
      .click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await axeViolations(page)).toEqual([]);
  };
  const section = (page: Page, heading: string) =>
    page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });
  const ourRow = (page: Page, heading: string) =>
    section(page, heading).getByRole('listitem').filter({ hasText: FACILITY });
  const flash = (page: Page) => page.locator('main > p.flash');
  const checked = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  beforeAll(async () => {
    smtp = await smtpServer();
    env.SMTP_URL = smtp.url;
    t = await startTestApp(createServerApp, env);
    await seedDemo(t);
    worker = await startWorker(t.db.url, env);
    // the two themes with the fewest indicators scope the visit (found by the API, chosen on the page)
    const region0 = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const version = (await api(t, region0, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const tree = (await api(t, region0, 'GET', `/api/v1/quality-models/${version.id}`)).json;
    const size = (s: Standard) => s.indicators.length + s.criteria.reduce((n, c) => n + c.indicators.length, 0);
    themes = [...(tree.standards as Standard[])].sort((a, b) => size(a) - size(b)).slice(0, 2);

    browser = await launchBrowser();
    const signIn = async (email: string) => {
      const page = await (await browser.newContext()).newPage();
      await loginInBrowser(page, t.baseUrl, email, DEMO_PASSWORD);
      return page;
    };
    inspector = await signIn('inspektor@tilsyn.demo');
    region = await signIn('region@tilsyn.demo');
    leader = await signIn('leder@tilsyn.demo');
  });
  afterAll(async () => {
    await browser?.close();
    worker?.kill('SIGTERM');
    await worker?.exited;
    await t?.close();
    await smtp?.close();
  });

  it('inspector: plans an unannounced visit scoped to two themes from the front page; scoping an announced one is refused', async () => {
    await checked(inspector);
    await inspector.getByRole('link', { name: 'Planlæg et besøg' }).click();
    await inspector.waitForURL('**/besoeg/ny');
    await inspector.getByLabel('Tilbud').selectOption({ label: FACILITY });
    await inspector.getByLabel('Anmeldt', { exact: true }).check();
    await inspector.getByLabel('Dato').fill(today());
    await inspector
      .getByLabel('Kvalitetsmodel')
      .selectOption({ label: 'Kvalitetsmodel for socialtilsyn – sociale tilbud' });
    for (const theme of themes) await inspector.locator(`#theme-${theme.id}`).check();
    await inspector.getByLabel('Metode og kilder').fill('Rundgang, samtale med leder og to medarbejdere');
    await inspector.getByRole('button', { name: 'Planlæg' }).click();
    expect(await inspector.getByRole('alert').textContent()).toContain(
      'Temaer: kun et uanmeldt besøg afgrænses til temaer',
    );
    await checked(inspector);

    await inspector.getByLabel('Uanmeldt').check();
    await inspector.getByRole('button', { name: 'Planlæg' }).click();
    await inspector.waitForURL(/\/besoeg\/[0-9a-f-]{36}$/);
    visitPath = new URL(inspector.url()).pathname;
    expect(await inspector.locator('dl.facts').textContent()).toContain(`${themes[0].code} ${themes[0].title}`);
  });

  it('inspector: finds the visit on the front page, adds an order and rates the scoped checklist', async () => {
    await frontPage(inspector);
    const row = ourRow(inspector, 'Mine besøg de næste 30 dage');
    expect(await row.textContent()).toContain('I dag');
    await row.getByRole('link', { name: `Uanmeldt besøg – ${FACILITY}` }).click();
    await inspector.waitForURL(`**${visitPath}`);

    await inspector.getByLabel('Type').selectOption({ label: 'Påbud' });
    await inspector.getByLabel('Tekst').fill(ORDER);
    await inspector.getByLabel('Ansvarlig i tilbuddet (påkrævet for anbefalinger og påbud)').fill('Forstanderen');
    await inspector.getByLabel('Frist (påkrævet for anbefalinger og påbud)').fill(addDays(today(), 10));
    await inspector.getByRole('button', { name: 'Tilføj fund' }).click();
    await inspector.waitForURL(/#fund$/);

    await inspector.getByRole('link', { name: 'Udfyld tjekliste' }).click();
    await inspector.waitForURL(`**${visitPath}/tjekliste`);
    await checked(inspector);
    const indicators = inspector.locator('.indicator[data-indicator-id]');
    const n = await indicators.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(31); // only the two themes' indicators
    // a low rating without a justification, the rest rated 4
    await indicators.nth(0).getByLabel('2 –').check();
    for (let i = 1; i < n; i++) await indicators.nth(i).getByLabel('4 –').check();
    expect(await textBecomes(inspector.locator('#sync-status'), 'Alle svar er gemt.', 15_000)).toBe(
      'Alle svar er gemt.',
    );
  });

  it('inspector: the front page says the checklist lacks a justification, and submitting is refused in Danish', async () => {
    await frontPage(inspector);
    const row = ourRow(inspector, 'Tjeklister, der ikke er færdige');
    expect(await row.textContent()).toContain('mangler begrundelse');
    // the visit page refuses too (reached from the upcoming visits)
    await ourRow(inspector, 'Mine besøg de næste 30 dage').getByRole('link').click();
    await inspector.getByRole('button', { name: 'Send til godkendelse' }).click();
    expect(await inspector.getByRole('alert').textContent()).toMatch(/mangler begrundelse \(score 2 eller lavere/);
    await checked(inspector);

    await frontPage(inspector);
    await ourRow(inspector, 'Tjeklister, der ikke er færdige').getByRole('link').click();
    await inspector.waitForURL(`**${visitPath}/tjekliste#faerdig`);
    const first = inspector.locator('.indicator[data-indicator-id]').first();
    await first.getByLabel(/^Begrundelse for /).fill('Ingen skriftlig medicininstruks på afdelingen');
    expect(await textBecomes(inspector.locator('#sync-status'), 'Alle svar er gemt.', 15_000)).toBe(
      'Alle svar er gemt.',
    );
    // the overall assessment and one per covered theme come before submitting: the report prints them
    await inspector
      .getByLabel('Samlet vurdering og konklusion')
      .fill('Tilbuddet lever i høj grad op til temaerne.\n\nMedicinhåndteringen skal dog strammes op.');
    const themes = inspector.getByLabel(/^Vurdering af tema /);
    expect(await themes.count()).toBe(2);
    for (let i = 0; i < 2; i++) await themes.nth(i).fill(`Temaet er belyst ved interview og observation (${i + 1}).`);
    await inspector.getByRole('button', { name: 'Gem vurderingerne' }).click();
    await inspector.waitForLoadState('load');
    await checked(inspector);

    await frontPage(inspector);
    expect(await section(inspector, 'Tjeklister, der ikke er færdige').textContent()).not.toContain(FACILITY);
    await ourRow(inspector, 'Kladder klar til at sende til godkendelse').getByRole('link').click();
    await inspector.waitForURL(`**${visitPath}#arbejdsgang`);
    await inspector.getByRole('button', { name: 'Send til godkendelse' }).click();
    expect(await textBecomes(flash(inspector), 'Besøget er sendt til godkendelse.')).toBeTruthy();
  });

  it('region staff: approve from the front page, then send the draft for høring with the default 14 days', async () => {
    await frontPage(region);
    const count = await region
      .getByRole('navigation', { name: 'Hovedmenu' })
      .getByRole('link', { name: /^Forside/ })
      .locator('.count')
      .textContent();
    expect(Number(count?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await ourRow(region, 'Venter på godkendelse').getByRole('link').click();
    await region.waitForURL(`**${visitPath}#godkendelse`);
    await checked(region);
    await region.getByRole('button', { name: 'Godkend' }).click();
    expect(await textBecomes(flash(region), 'Besøget er godkendt.')).toBeTruthy();

    await frontPage(region);
    expect(await section(region, 'Venter på godkendelse').textContent()).not.toContain(FACILITY);
    await ourRow(region, 'Godkendt – klar til at sende i høring').getByRole('link').click();
    await region.waitForURL(`**${visitPath}#send-hoering`);
    expect(await region.getByLabel('Høringsfrist').inputValue()).toBe(addDays(today(), 14));
    await region.getByRole('button', { name: 'Send udkastet i høring' }).click();
    expect(await textBecomes(flash(region), 'Udkastet er sendt i høring hos tilbuddet.')).toBeTruthy();

    const mail = await arrives('leder@tilsyn.demo', `Udkast til tilsynsrapport i høring – ${FACILITY}`);
    expect(mail.text).toContain(`senest ${formatDate(addDays(today(), 14))}`);
    expect(mail.text).toContain(`Læs udkastet og svar her: ${PUBLIC_URL}${visitPath}#hoering`);
  });

  it('region staff: publishing before the deadline without an answer is refused without a reason', async () => {
    await region.getByRole('link', { name: 'Offentliggør den endelige rapport …' }).click();
    await region.waitForURL(`**${visitPath}/offentliggoer`);
    await checked(region);
    await region.getByRole('button', { name: 'Offentliggør' }).click();
    expect(await region.getByRole('alert').textContent()).toContain('skriv hvorfor rapporten offentliggøres før');
    await checked(region);
    await region.getByRole('link', { name: 'Fortryd' }).click();
    await region.waitForURL(`**${visitPath}`);
  });

  it('facility leader: answers the høring from the front page', async () => {
    await frontPage(leader);
    const row = ourRow(leader, 'Rapporter i høring, der venter på jeres kommentar');
    expect(await row.textContent()).toContain(`svar senest ${formatDate(addDays(today(), 14))}`);
    await row.getByRole('link').click();
    await leader.waitForURL(`**${visitPath}#hoering`);
    await checked(leader);
    await leader.getByLabel('Kommentar til hele udkastet').fill('Medicinskabene er bestilt og sættes op i januar.');
    await leader.getByRole('button', { name: 'Send høringssvar' }).click();
    expect(await textBecomes(flash(leader), 'Tak. Jeres høringssvar er sendt til regionen.')).toBeTruthy();

    await frontPage(leader);
    expect(await section(leader, 'Rapporter i høring, der venter på jeres kommentar').textContent()).not.toContain(
      FACILITY,
    );
  });

  it('region staff: records what the answer led to and publishes from the front page', async () => {
    await frontPage(region);
    await ourRow(region, 'Høringssvar modtaget').getByRole('link').click();
    await region.waitForURL(`**${visitPath}#hoering`);
    await checked(region);
    await region.getByLabel('Ikke ændret').check();
    await region
      .getByLabel('Hvad blev ændret, eller hvorfor ikke')
      .fill('Påbuddet står ved magt, til skabene er sat op.');
    await region.getByRole('button', { name: 'Gem afgørelse' }).click();
    expect(await textBecomes(flash(region), 'Afgørelsen er noteret.')).toBeTruthy();

    await region.getByRole('link', { name: 'Offentliggør den endelige rapport …' }).click();
    await region.waitForURL(`**${visitPath}/offentliggoer`);
    await region.getByRole('button', { name: 'Offentliggør' }).click();
    expect(await textBecomes(flash(region), 'Rapporten er offentliggjort for tilbuddet.')).toBeTruthy();

    await frontPage(region);
    expect(await section(region, 'Høringssvar modtaget').textContent()).not.toContain(FACILITY);
    const mail = await arrives('leder@tilsyn.demo', `Tilsynsrapporten er offentliggjort – ${FACILITY}`);
    expect(mail.text).toContain(PUBLIC_URL);
  });

  it('facility leader: sees the new report and answers the order from the front page', async () => {
    await frontPage(leader);
    expect(await ourRow(leader, 'Rapporter offentliggjort de seneste 30 dage').textContent()).toContain(
      `Tilsynsrapport – Uanmeldt besøg – ${FACILITY}`,
    );
    const deadlines = section(leader, 'Frister inden for 30 dage').getByRole('listitem').filter({ hasText: ORDER });
    expect(await deadlines.textContent()).toContain(`frist ${formatDate(addDays(today(), 10))}`);

    const awaiting = section(leader, 'Punkter, der venter på jeres status').getByRole('listitem').filter({
      hasText: ORDER,
    });
    await awaiting.getByRole('link').click();
    await leader.waitForURL(/\/opfoelgning\/planer\/[0-9a-f-]{36}#punkt-[0-9a-f-]{36}$/);
    await checked(leader);
    const item = leader.locator(`#${new URL(leader.url()).hash.slice(1)}`);
    await item.getByLabel('Status på 1.1').selectOption({ index: 1 });
    await item.getByLabel('Statustekst for 1.1').fill('Skabene er bestilt; montering uge 2.');
    await item.getByRole('button', { name: 'Gem status på 1.1' }).click();
    expect(await textBecomes(flash(leader), /^Status på 1\.1 er gemt/)).toBeTruthy();

    await frontPage(leader);
    expect(await section(leader, 'Punkter, der venter på jeres status').textContent()).not.toContain(ORDER);
    // the deadline still stands, now with the status the leader gave
    expect(await section(leader, 'Frister inden for 30 dage').textContent()).toContain(ORDER);
  });
});
