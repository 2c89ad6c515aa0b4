/**
 * A municipal follow-up plan as the issue describes it: 4 headings ("1. Overordnede initiativer"),
 * 14 areas under them numbered as written ("1.1", "2.3."), one heading with text only, 25
 * recommendations (some unnumbered, "Anbefaling: …"), areas holding one status for all their
 * recommendations, and status texts as a municipality writes them: several paragraphs, a bullet
 * list now and then, æøå, of varied length (about 1,750 characters on average, the longest 3,500).
 */

const SENTENCES = [
  'Botilbuddene har i perioden arbejdet videre med at gøre de fysiske rammer mere hjemlige for beborne.',
  'Ledelsen har drøftet anbefalingen på to personalemøder, og der er nedsat en arbejdsgruppe med både medarbejdere og pårørende.',
  'Der er indkøbt nye møbler til fællesarealerne, og beboerrådet har været med til at vælge farver og udsmykning.',
  'Medarbejderne har deltaget i et kursus om låneregler, økonomi og beboernes selvbestemmelse over egne midler.',
  'Socialpsykiatrien har sammen med Center for Handicap udarbejdet en fælles procedure for medicinhåndtering.',
  'Proceduren er gennemgået med alle faste medarbejdere, og afløsere får den udleveret ved første vagt.',
  'Det har vist sig svært at rekruttere sygeplejersker, og derfor er opgaven med medicinrevision udskudt til foråret.',
  'Kommunens hjælpemiddelteam har vurderet behovet for loftlifte i tre af boligerne på Søndergårdsvej.',
  'Beboerne fortæller, at de oplever større ro i hverdagen, efter at aftensmaden nu spises i mindre grupper.',
  'Pårørendesamarbejdet er styrket med et årligt dialogmøde og et nyhedsbrev fire gange om året.',
  'Der følges op på magtanvendelser på hvert teammøde, og læringen deles på tværs af tilbuddene i centret.',
  'Økonomien til ombygningen er endnu ikke på plads, og sagen forelægges udvalget i forbindelse med budgetopfølgningen.',
  'Arbejdsmiljøet er undersøgt med en trivselsmåling, hvor svarprocenten var 87, og handleplanen følges kvartalsvis.',
  'I Ærø-huset er der etableret et sansehaverum, som beboerne bruger dagligt, især i vintermånederne.',
  'Dokumentationen i Bosted er gennemgået, og alle beboere har nu en opdateret pædagogisk plan med mål, de selv har været med til at sætte.',
];
const BULLETS = [
  'Ugentlige møder mellem leder og koordinatorer',
  'Fast tavlemøde om morgenen med gennemgang af dagens aftaler',
  'Opfølgning på hver beboers mål hver tredje måned',
  'Temadag for alle medarbejdere om recovery og rehabilitering',
];

/** A status text of about `length` characters in `paragraphs` paragraphs, a bullet list if `list`. */
export function statusText(seed: number, length: number, paragraphs: number, list = false): string {
  const per = Math.floor(length / paragraphs);
  const out: string[] = [];
  let k = seed;
  for (let p = 0; p < paragraphs; p++) {
    let para = '';
    while (para.length < per - 60) para += `${para ? ' ' : ''}${SENTENCES[k++ % SENTENCES.length]}`;
    out.push(para);
    if (list && p === 0)
      out.push(
        BULLETS.slice(0, 3)
          .map((b) => `\uf0b7\t${b}`)
          .join('\n'),
      );
  }
  return out.join('\n\n').slice(0, 3500);
}

export interface MunicipalRow {
  type: 'overskrift' | 'anbefaling';
  level?: number;
  number: string;
  title?: string;
  text: string;
  owner?: string;
  status?: string;
}

/** Lengths of the 25 recommendations' (or their areas') status texts: average about 1,750, longest 3,500. */
const LENGTHS = [
  1200, 2400, 900, 3500, 1500, 2000, 1100, 2600, 800, 1700, 1400, 3100, 1000, 1900, 2200, 1300, 1600, 2800, 700, 1500,
  1800, 1200, 2100, 1000, 1600,
];

/** The plan's rows in reading order, as a Windows-1252 CSV would hold them. */
export function municipalPlanRows(): MunicipalRow[] {
  const rows: MunicipalRow[] = [];
  const h = (level: number, number: string, title: string, text = '', status?: string) =>
    rows.push({ type: 'overskrift', level, number, title, text, status });
  let n = 0;
  const r = (number: string, text: string, owner = 'Centerchef') => {
    n++;
    rows.push({ type: 'anbefaling', number, text, owner });
  };
  h(
    1,
    '1.',
    'Overordnede initiativer',
    'Afsnittet samler anbefalinger, der går på tværs af kommunens botilbud.\n\nStatus gives for hvert område.',
  );
  h(2, '1.1', 'Fysiske rammer');
  r('1.1.1', 'Fællesarealerne indrettes, så de opleves som beboernes hjem.');
  r('1.1.2', 'Der udarbejdes en plan for tilgængelighed i de ældste boliger.');
  r('1.1.3', 'Beboerne inddrages i indretningen af deres egne boliger og af fællesarealerne.');
  h(2, '1.2', 'Medicinhåndtering', '', 'ikke påbegyndt');
  r('', 'Anbefaling: Fælles procedure for medicinhåndtering på tværs af centrene.');
  r('', 'Anbefaling: Årlig medicinrevision for alle beboere.');
  h(2, '1.3', 'Pårørendesamarbejde');
  r('1.3.1', 'Pårørende inddrages systematisk i beboernes planer.');
  r('1.3.2', 'Der holdes et årligt dialogmøde med pårørende i hvert tilbud.');
  h(2, '1.4', 'Dokumentation');
  r('1.4.1', 'Alle beboere har en opdateret pædagogisk plan med egne mål.');
  r('1.4.2', 'Dokumentationen gennemgås ved stikprøver to gange årligt.');
  h(1, '2.', 'Socialpsykiatri');
  h(2, '2.1.', 'Recovery og rehabilitering');
  r('2.1.1.', 'Den recoveryorienterede tilgang styrkes i alle teams.');
  r('2.1.2.', 'Peer-medarbejdere ansættes i de største tilbud.');
  h(2, '2.2.', 'Magtanvendelse');
  r('2.2.1.', 'Magtanvendelser gennemgås på hvert teammøde med fokus på læring.');
  r('2.2.2.', 'Der udarbejdes en fælles forebyggelsesstrategi.');
  h(2, '2.3.', 'Beboernes økonomi', '', 'ikke påbegyndt');
  r('2.3.1.', 'Regler for håndtering af beboernes midler gøres kendt af alle.');
  h(2, '2.4.', 'Døgnrytme og aktiviteter');
  r('2.4.1.', 'Der tilbydes aktiviteter også om aftenen og i weekenden.');
  r('2.4.2.', 'Beboerne har indflydelse på husets døgnrytme og faste aftaler.');
  h(1, '3.', 'Handicapområdet');
  h(2, '3.1', 'Kommunikation');
  r('3.1.1', 'Alternativ kommunikation (piktogrammer, tegn til tale) bruges i hverdagen.');
  r('3.1.2', 'Medarbejdere uddannes i kommunikationsformer.');
  h(2, '3.2', 'Sundhed og trivsel');
  r('3.2.1', 'Beboerne tilbydes årlig helbredsundersøgelse.');
  r('3.2.2', 'Der er fokus på kost, motion og søvn i den daglige pædagogik.');
  h(2, '3.3', 'Hjælpemidler');
  r('3.3.1', 'Behovet for loftlifte vurderes i alle boliger.');
  r('3.3.2', 'Der udarbejdes en politik for seksualitet og relationer for området.');
  h(1, '4.', 'Organisation og ledelse');
  h(2, '4.1', 'Arbejdsmiljø');
  r('4.1.1', 'Trivselsmålingen følges op med handleplaner i alle teams.');
  h(2, '4.2', 'Kompetencer');
  r('4.2.1', 'Der lægges en kompetenceplan for hele centret.');
  r('4.2.2', 'Nye medarbejdere får et introduktionsforløb.');
  h(2, '4.3', 'Ledelse', 'Området har ingen anbefalinger i denne plan; ledelsesgrundlaget er vedtaget i 2025.');
  if (n !== 25) throw new Error(`the fixture has ${n} recommendations, not 25`);
  return rows;
}

/**
 * The plan's CSV (semicolons, CRLF) in the structured format, quoted where needed. With `writer`,
 * each area (level 2) names that facility as the one whose leaders write its status, except the
 * areas numbered in `unassigned`.
 */
export function municipalPlanCsv(opts: { writer?: string; unassigned?: string[] } = {}): string {
  const q = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [`type;niveau;nr;titel;tekst;ansvarlig;status${opts.writer ? ';tilbud' : ''}`];
  for (const r of municipalPlanRows()) {
    const cells = [
      r.type,
      r.level ? String(r.level) : '',
      r.number,
      r.title ?? '',
      r.text,
      r.owner ?? '',
      r.status ?? '',
    ];
    if (opts.writer) cells.push(r.level === 2 && !opts.unassigned?.includes(r.number) ? opts.writer : '');
    lines.push(cells.map(q).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The status text for the k-th place that holds a status (0-based), in order of the plan. */
export const municipalStatusText = (k: number) =>
  statusText(k * 3, LENGTHS[k % LENGTHS.length], 2 + (k % 3), k % 4 === 1);
