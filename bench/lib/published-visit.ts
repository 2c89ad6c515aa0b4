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

/**
 * Plans, answers, documents and publishes a visit through the API, as inspectors and region staff
 * would: every indicator rated (or not relevant), evidence with an attachment, a focus-group note,
 * findings, four-eyes approval, høring (the facility waives it) and publication; with `photo`, the
 * first indicator also has that photo (JPEG), marked for the report.
 */
export async function publishVisit(
  baseUrl: string,
  team: Crew,
  opts: { date: string; findingText?: string; photo?: Buffer },
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
    const body =
      n % 7 === 6
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
