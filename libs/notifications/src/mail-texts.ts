import { formatDate } from '#libs/core';
import type { NotificationKind } from './vocabulary.js';

/** What a notice is about: the facility, the date that matters, and where the work is done. */
export interface MailFacts {
  recipientName: string;
  facilityName: string;
  /** The høring or follow-up deadline, or the visit date (YYYY-MM-DD). */
  date?: string | null;
  /** A comment to quote (why a visit was sent back) or the recommendation's text. */
  text?: string;
  /** Absolute link to the page where the work is done. */
  link: string;
  /** Absolute link to the recipient's notification settings. */
  settingsLink: string;
}

type Text = (f: MailFacts) => { subject: string; lines: string[] };

const TEXTS: Record<NotificationKind, Text> = {
  hearing_sent: (f) => ({
    subject: `Udkast til tilsynsrapport i høring – ${f.facilityName}`,
    lines: [
      `Regionen har sendt udkastet til tilsynsrapporten for ${f.facilityName} i partshøring.`,
      `I kan komme med bemærkninger til hele udkastet eller til de enkelte temaer senest ${formatDate(f.date)}.`,
      `Læs udkastet og svar her: ${f.link}`,
    ],
  }),
  hearing_deadline_soon: (f) => ({
    subject: `Høringsfristen udløber ${formatDate(f.date)} – ${f.facilityName}`,
    lines: [
      `Fristen for jeres bemærkninger til udkastet til tilsynsrapporten for ${f.facilityName} udløber ${formatDate(f.date)}.`,
      `Svar her: ${f.link}`,
    ],
  }),
  published: (f) => ({
    subject: `Tilsynsrapporten er offentliggjort – ${f.facilityName}`,
    lines: [
      `Den endelige tilsynsrapport for ${f.facilityName} er offentliggjort.`,
      'Rapportens anbefalinger og påbud står i jeres opfølgningsplan, hvor I kan give dem status.',
      `Læs rapporten her: ${f.link}`,
    ],
  }),
  returned: (f) => ({
    subject: `Besøget er sendt retur – ${f.facilityName}`,
    lines: [
      `Besøget hos ${f.facilityName} ${formatDate(f.date)} er sendt retur til dig med denne kommentar:`,
      `»${f.text ?? ''}«`,
      `Ret besøget her: ${f.link}`,
    ],
  }),
  follow_up_deadline_soon: (f) => ({
    subject: `Frist om 14 dage i opfølgningsplanen – ${f.facilityName}`,
    lines: [`Fristen ${formatDate(f.date)} nærmer sig for: ${f.text ?? ''}`, `Giv status her: ${f.link}`],
  }),
  follow_up_overdue: (f) => ({
    subject: `Overskredet frist i opfølgningsplanen – ${f.facilityName}`,
    lines: [`Fristen ${formatDate(f.date)} er overskredet for: ${f.text ?? ''}`, `Giv status her: ${f.link}`],
  }),
};

/** The Danish mail of a kind: subject and plain-text body, greeting and how to turn it off included. */
export function mailText(kind: NotificationKind, facts: MailFacts): { subject: string; body: string } {
  const { subject, lines } = TEXTS[kind](facts);
  const body = [
    `Kære ${facts.recipientName}`,
    '',
    ...lines.flatMap((l) => [l, '']),
    'Venlig hilsen',
    'Tilsyn',
    '',
    `Du kan slå denne slags mails fra her: ${facts.settingsLink}`,
    '',
  ].join('\n');
  return { subject, body };
}
