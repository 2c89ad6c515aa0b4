/** Who plans and publishes a visit: two inspectors (four eyes) and the facility and model version. */
export interface Crew {
  anna: { id: string; token: string };
  bo: { id: string; token: string };
  facilityId: string;
  versionId: string;
  /** Region staff: they send the draft for høring and publish it. */
  region: string;
}

async function call(baseUrl: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

const ok = <T extends { status: number; text: string }>(res: T, what: string): T => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res;
};

/** A realistic overall assessment: what an inspector writes after a visit (several paragraphs, æøå). */
export const OVERALL_ASSESSMENT = [
  'Tilsynet vurderer samlet, at tilbuddet har en god kvalitet og i høj grad lever op til kravene. Beboerne fortæller, at de trives, at de bliver hørt, og at personalet kender dem godt. Ledelsen er synlig og har en klar retning for det pædagogiske arbejde.',
  'Tilsynet har dog konstateret, at magtanvendelser ikke altid er indberettet inden for fristen, og har derfor givet et påbud. Desuden anbefaler tilsynet, at tilbuddet styrker dokumentationen af mål og opfølgning i beboernes handleplaner, så det bliver tydeligt, hvordan målene følges op.',
  'Konklusion: Tilbuddet er fortsat egnet til målgruppen. Tilsynet følger op på påbuddet inden fristen.',
].join('\n\n');

/** A realistic assessment of one theme, naming it. */
export const themeAssessment = (code: string, title: string) =>
  [
    `Tilsynet vurderer, at tilbuddet i høj grad arbejder målrettet med tema ${code} ${title.toLowerCase()}. Medarbejderne kan redegøre for praksis, og beboernes fortællinger bekræfter, at de oplever sig mødt og støttet i hverdagen.`,
    'Der er dog forskel på, hvor konsekvent arbejdet er dokumenteret; tilsynet anbefaler, at mål og opfølgning skrives ens i alle afdelinger, så vikarer og nye medarbejdere kan følge dem.',
  ].join('\n\n');

/** Writes the overall assessment and one per theme of a visit (required before it is submitted). */
export async function assessVisit(baseUrl: string, token: string, visitId: string, overall = OVERALL_ASSESSMENT) {
  const visit = (await call(baseUrl, token, 'GET', `/api/v1/visits/${visitId}`)).json;
  const themes = (visit.themeAssessments as { standardId: string; code: string; title: string }[]).map((t) => ({
    standardId: t.standardId,
    text: themeAssessment(t.code, t.title),
  }));
  return ok(await call(baseUrl, token, 'PUT', `/api/v1/visits/${visitId}/assessments`, { overall, themes }), 'assess')
    .json;
}

/**
 * Plans, answers, documents and publishes a visit through the API, as inspectors and region staff
 * would: every indicator rated (or not relevant), evidence with an attachment, a focus-group note,
 * findings, four-eyes approval, høring (the facility waives it) and publication; with `photo`, the
 * first indicator also has that photo (JPEG), marked for the report.
 */
/** A justification as inspectors write them: two or three paragraphs, æøå, naming the indicator. */
export const realisticJustification = (code: string, n: number) =>
  [
    `Leder, medarbejdere og beboere beskriver samstemmende praksis for ${code}. Medarbejderne giver konkrete eksempler, og beboerne fortæller, at de oplever sig hørt og respekteret.`,
    `Handleplanerne viser mål og opfølgning for de fleste beboere, men enkelte er ikke opdateret inden for det seneste halve år.${n % 3 === 0 ? ' Ledelsen er enig i, at dokumentationen skal strammes op.' : ''}`,
    ...(n % 4 === 1
      ? ['Observationen i fællesarealerne bekræfter billedet: stemningen er rolig, og personalet er tilgængeligt.']
      : []),
  ].join('\n\n');

export async function publishVisit(
  baseUrl: string,
  team: Crew,
  opts: {
    date: string;
    findingText?: string;
    photo?: Buffer;
    /** Every indicator rated (one red) with a justification of several paragraphs, and more findings: a full report. */
    realistic?: boolean;
  },
): Promise<string> {
  const api = (token: string, method: string, path: string, body?: unknown) => call(baseUrl, token, method, path, body);
  const { anna, bo } = team;
  const visit = ok(
    await api(anna.token, 'POST', '/api/v1/visits', {
      facilityId: team.facilityId,
      kind: 'announced',
      plannedDate: opts.date,
      inspectorIds: [anna.id, bo.id],
      modelVersionId: team.versionId,
      method: 'Interview med leder, tre medarbejdere og fire beboere; gennemgang af handleplaner.',
    }),
    'plan',
  ).json;
  const form = new FormData();
  form.append(
    'fil',
    new Blob([Buffer.from('%PDF-1.4 referat af dialogmøde')], { type: 'application/pdf' }),
    'referat-dialogmoede.pdf',
  );
  const attachment = await (
    await fetch(`${baseUrl}/api/v1/visits/${visit.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna.token}` },
      body: form,
    })
  ).json();
  const indicators: { id: string; code: string }[] = (await api(anna.token, 'GET', `/api/v1/visits/${visit.id}`)).json
    .indicators;
  let photoId: string | undefined;
  if (opts.photo) {
    const photo = new FormData();
    photo.append('clientKey', crypto.randomUUID());
    photo.append('foto', new Blob([new Uint8Array(opts.photo)], { type: 'image/jpeg' }), 'foto.jpg');
    photo.append('miniature', new Blob([new Uint8Array(opts.photo)], { type: 'image/jpeg' }), 'miniature.jpg');
    const res = await fetch(`${baseUrl}/api/v1/visits/${visit.id}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna.token}` },
      body: photo,
    });
    photoId = ok({ status: res.status, text: await res.clone().text() }, 'photo') && (await res.json()).id;
  }
  for (const [n, i] of indicators.entries()) {
    const body = opts.realistic
      ? {
          assessment: 'rated',
          rating: n === 4 ? 1 : [4, 5, 3, 4, 2][n % 5],
          version: 0,
          justification: realisticJustification(i.code, n),
          evidence: [
            {
              source: n % 2 ? 'interview_staff' : 'interview_resident',
              note: n % 2 ? 'Tre medarbejdere' : 'Fire beboere',
            },
            ...(n % 3 === 0 ? [{ source: 'documentation', note: 'Handleplaner', attachmentId: attachment.id }] : []),
            ...(n === 0 && photoId
              ? [{ source: 'observation', note: 'Fælleskøkkenet', attachmentId: photoId, inReport: true }]
              : []),
          ],
        }
      : n % 7 === 6
        ? { assessment: 'not_relevant', justification: 'Gælder ikke for målgruppen.', version: 0 }
        : {
            assessment: 'rated',
            rating: 2 + (n % 4),
            version: 0,
            justification: `Beboerne fortæller om trivsel og mål; personalet beskriver praksis for ${i.code}.`,
            evidence: [
              { source: 'interview_resident', note: 'Fire beboere' },
              ...(n % 3 === 0 ? [{ source: 'documentation', note: 'Handleplaner', attachmentId: attachment.id }] : []),
              ...(n === 0 && photoId
                ? [{ source: 'observation', note: 'Fælleskøkkenet', attachmentId: photoId, inReport: true }]
                : []),
            ],
          };
    ok(await api(anna.token, 'PUT', `/api/v1/visits/${visit.id}/answers/${i.id}`, body), `answer ${i.code}`);
  }
  ok(
    await api(anna.token, 'POST', `/api/v1/visits/${visit.id}/focus-group-notes`, {
      participants: 'Fire beboere',
      text: 'Beboerne er glade for husmøderne.',
      indicatorIds: [indicators[0].id],
    }),
    'note',
  );
  ok(
    await api(anna.token, 'POST', `/api/v1/visits/${visit.id}/findings`, {
      kind: 'order',
      text: opts.findingText ?? 'Magtanvendelser skal indberettes inden for 24 timer.',
      owner: 'Forstander',
      deadline: '2027-02-01',
      indicatorIds: [indicators[1].id],
    }),
    'order',
  );
  ok(
    await api(anna.token, 'POST', `/api/v1/visits/${visit.id}/findings`, {
      kind: 'development_point',
      text: 'Styrk dokumentationen af mål.',
      indicatorIds: [],
    }),
    'finding',
  );
  if (opts.realistic) {
    for (const [text, deadline] of [
      [
        'Handleplanerne skal opdateres mindst hvert halve år, og det skal fremgå, hvem der følger op på målene.',
        '2027-03-01',
      ],
      ['Beboerne bør inddrages i planlægningen af husmøderne, så flere får indflydelse på dagsordenen.', '2027-04-15'],
    ] as const)
      ok(
        await api(anna.token, 'POST', `/api/v1/visits/${visit.id}/findings`, {
          kind: 'recommendation',
          text,
          owner: 'Afdelingsleder',
          deadline,
          indicatorIds: [indicators[2].id],
        }),
        'recommendation',
      );
    ok(
      await api(anna.token, 'POST', `/api/v1/visits/${visit.id}/focus-group-notes`, {
        participants: 'Tre medarbejdere fra aftenvagten',
        text: 'Medarbejderne oplever et godt samarbejde, men savner tid til at dokumentere.',
        indicatorIds: [indicators[3].id],
      }),
      'note',
    );
  }
  await assessVisit(baseUrl, anna.token, visit.id);
  const submitted = ok(
    await api(anna.token, 'POST', `/api/v1/visits/${visit.id}/submit`, { version: visit.version }),
    'submit',
  ).json;
  const approved = ok(
    await api(bo.token, 'POST', `/api/v1/visits/${visit.id}/approve`, { version: submitted.version }),
    'approve',
  ).json;
  const inHearing = ok(
    await api(team.region, 'POST', `/api/v1/visits/${visit.id}/send_for_hearing`, { version: approved.version }),
    'send for høring',
  ).json;
  ok(
    await api(team.region, 'POST', `/api/v1/visits/${visit.id}/publish`, {
      version: inHearing.version,
      reason: 'Tilbuddet har meddelt, at det ikke har bemærkninger.',
    }),
    'publish',
  );
  return visit.id;
}
