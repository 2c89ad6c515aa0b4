import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { addDays, today } from '#libs/core';
import { DEMO_PASSWORD } from '#libs/demo';
import { DailyRemindersHandler, NotificationsService, SendMailHandler } from '#libs/notifications';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { assessVisit } from '../../bench/lib/published-visit.js';
import { type Team, team } from '../reporting/published-visit.js';
import { startWorker, type WorkerProcess } from '../worker/worker-process.js';
import { smtpServer, type TestSmtp } from './smtp-server.js';

const PUBLIC_URL = 'https://tilsyn.region.test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('e-mail notifications through the outbox, the worker and a real SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: WorkerProcess;
  let crew: Team;
  let leaderId: string;
  let visitId: string;

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to && 'text' in m.to && m.to.text === address);
  const arrives = async (address: string, subject: string | RegExp): Promise<ParsedMail> => {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
      const mail = mailsTo(address).find((m) =>
        typeof subject === 'string' ? m.subject === subject : subject.test(m.subject ?? ''),
      );
      if (mail) return mail;
    }
    throw new Error(
      `no mail "${subject}" to ${address}; got ${smtp.received.map((m) => m.subject).join(' | ')}\n${worker.output()}`,
    );
  };
  const step = async (token: string, name: string, body: object) => {
    const res = await api(t, token, 'POST', `/api/v1/visits/${visitId}/${name}`, body);
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.text}`);
    return res.json;
  };

  beforeAll(async () => {
    smtp = await smtpServer();
    t = await startTestApp(createServerApp, {
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      MAIL_FROM: 'Tilsyn <tilsyn@region.test>',
    });
    await seedDemo(t);
    crew = await team(t);
    [{ id: leaderId }] = await t.app.get(DataSource).query(`select id from app_user where email = 'leder@tilsyn.demo'`);
    worker = await startWorker(t.db.url, { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Tilsyn <tilsyn@region.test>' });
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await worker?.exited;
    await t?.close();
    await smtp?.close();
  });

  it('tells the inspector a visit was sent back, in Danish, linking to the public address', async () => {
    visitId = (
      await api(t, crew.anna.token, 'POST', '/api/v1/visits', {
        facilityId: crew.facilityId,
        kind: 'announced',
        plannedDate: today(),
        inspectorIds: [crew.anna.id, crew.bo.id],
        modelVersionId: crew.versionId,
      })
    ).json.id;
    const indicators: { id: string }[] = (await api(t, crew.anna.token, 'GET', `/api/v1/visits/${visitId}`)).json
      .indicators;
    for (const i of indicators)
      await api(t, crew.anna.token, 'PUT', `/api/v1/visits/${visitId}/answers/${i.id}`, {
        assessment: 'rated',
        rating: 4,
        justification: 'Set',
        version: 0,
      });
    await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visitId}/findings`, {
      kind: 'order',
      text: 'Brandøvelse hvert halve år.',
      owner: 'Forstander',
      deadline: addDays(today(), 10),
      indicatorIds: [],
    });
    await assessVisit(t.baseUrl, crew.anna.token, visitId);
    let v = await step(crew.anna.token, 'submit', { version: 1 });
    v = await step(crew.bo.token, 'return', { version: v.version, comment: 'Uddyb begrundelsen for 1a' });
    const anna = (await api(t, crew.anna.token, 'GET', '/api/v1/auth/me')).json;
    const mail = await arrives(anna.email, 'Besøget er sendt retur – Bostedet Lærkereden');
    expect(mail.from?.value).toEqual([{ name: 'Tilsyn', address: 'tilsyn@region.test' }]);
    expect(mail.text).toContain('Kære Anna Ærøsen');
    expect(mail.text).toContain('»Uddyb begrundelsen for 1a«');
    expect(mail.text).toContain(`Ret besøget her: ${PUBLIC_URL}/besoeg/${visitId}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/profil/notifikationer`);
    // the one who sent it back is not told
    const bo = (await api(t, crew.bo.token, 'GET', '/api/v1/auth/me')).json;
    expect(mailsTo(bo.email)).toEqual([]);
    v = await step(crew.anna.token, 'submit', { version: v.version });
    await step(crew.bo.token, 'approve', { version: v.version });
  });

  it('tells the leader the draft is in høring, and reminds them 3 days before the deadline, once', async () => {
    const approved = (await api(t, crew.region, 'GET', `/api/v1/visits/${visitId}`)).json.visit;
    await step(crew.region, 'send_for_hearing', { version: approved.version, deadline: addDays(today(), 2) });
    const mail = await arrives('leder@tilsyn.demo', 'Udkast til tilsynsrapport i høring – Bostedet Lærkereden');
    expect(mail.text).toContain('Kære Lene Ledersen');
    expect(mail.text).toContain(`Læs udkastet og svar her: ${PUBLIC_URL}/besoeg/${visitId}#hoering`);

    for (let n = 0; n < 2; n++) await t.run(() => t.app.get(DailyRemindersHandler).run());
    const reminder = await arrives('leder@tilsyn.demo', /^Høringsfristen udløber .+ – Bostedet Lærkereden$/);
    expect(reminder.text).toContain(`Svar her: ${PUBLIC_URL}/besoeg/${visitId}#hoering`);
    await sleep(500);
    expect(mailsTo('leder@tilsyn.demo').filter((m) => m.subject?.startsWith('Høringsfristen'))).toHaveLength(1);
  });

  it("tells the leader of publication unless they turned it off, and reminds of the plan's deadline in 14 days", async () => {
    const inHearing = (await api(t, crew.region, 'GET', `/api/v1/visits/${visitId}`)).json.visit;
    await step(crew.region, 'publish', { version: inHearing.version, reason: 'Tilbuddet har ingen bemærkninger' });
    const published = await arrives('leder@tilsyn.demo', 'Tilsynsrapporten er offentliggjort – Bostedet Lærkereden');
    expect(published.text).toContain(`Læs rapporten her: ${PUBLIC_URL}/rapporter/besoeg/${visitId}`);

    await t.run(() => t.app.get(DailyRemindersHandler).run());
    const soon = await arrives('leder@tilsyn.demo', 'Frist om 14 dage i opfølgningsplanen – Bostedet Lærkereden');
    expect(soon.text).toContain('Brandøvelse hvert halve år.');
    expect(soon.text).toMatch(new RegExp(`Giv status her: ${PUBLIC_URL}/opfoelgning/planer/[0-9a-f-]{36}#punkt-`));

    // the leader turns "published" off on their settings page
    const leaderToken = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
    const page = await api(t, leaderToken, 'GET', '/profil/notifikationer');
    expect(page.text).toContain('En tilsynsrapport er offentliggjort');
    const leader = {
      id: leaderId,
      name: 'Lene Ledersen',
      email: 'leder@tilsyn.demo',
      role: 'facility_leader' as never,
    };
    await t.run(() =>
      t.app.get(NotificationsService).saveSettings(leader, ['hearing_sent', 'hearing_deadline_soon', 'returned']),
    );
    const written = await t.run(() =>
      t.app.get(NotificationsService).notify('published', [leaderId], { facilityName: 'X', path: '/' }),
    );
    expect(written).toBe(0);
  });

  it('keeps a mail the SMTP server refuses, records the attempt, and sends it on the retry', async () => {
    const [{ id }] = await t.app
      .get(DataSource)
      .query(
        `insert into mail_outbox (user_id, kind, to_address, subject, body) values ($1, 'returned', 'afvist@region.test', 'Prøve', 'Hej') returning id`,
        [leaderId],
      );
    smtp.refusing.add('afvist@region.test');
    const handler = t.app.get(SendMailHandler);
    await expect(t.run(() => handler.run({ outboxId: id }))).rejects.toThrow(/Prøv igen senere/);
    const [failed] = await t.app
      .get(DataSource)
      .query('select status, attempts, last_error from mail_outbox where id = $1', [id]);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('451') });
    smtp.refusing.delete('afvist@region.test');
    await t.run(() => handler.run({ outboxId: id }));
    expect(mailsTo('afvist@region.test').map((m) => m.subject)).toEqual(['Prøve']);
    const [sent] = await t.app.get(DataSource).query('select status, attempts from mail_outbox where id = $1', [id]);
    expect(sent).toEqual({ status: 'sent', attempts: 2 });
    // sending again (a duplicate job) does nothing
    await t.run(() => handler.run({ outboxId: id }));
    expect(mailsTo('afvist@region.test')).toHaveLength(1);
  });
});

describe('without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
  });
  afterAll(() => t?.close());

  it('keeps the mails in the outbox and shows them to region staff only', async () => {
    const [{ id: leaderId }] = await t.app
      .get(DataSource)
      .query(`select id from app_user where email = 'leder@tilsyn.demo'`);
    await t.run(() =>
      t.app.get(NotificationsService).notify('published', [leaderId], {
        facilityName: 'Bostedet Lærkereden',
        path: '/rapporter',
      }),
    );
    const [mail] = await t.app.get(DataSource).query('select id from mail_outbox');
    expect(await t.run(() => t.app.get(SendMailHandler).run({ outboxId: mail.id }))).toEqual({ kept: true });
    const region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const page = await api(t, region, 'GET', '/postkasse');
    expect(page.text).toContain('Der er ikke sat en mailserver op');
    expect(page.text).toContain('Tilsynsrapporten er offentliggjort – Bostedet Lærkereden');
    expect(page.text).toContain('Venter');
    const leader = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
    expect((await api(t, leader, 'GET', '/postkasse')).status).toBe(403);
  });
});
