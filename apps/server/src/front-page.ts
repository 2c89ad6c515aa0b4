import { addDays, danishDay, formatDate, formatDateTime } from '#libs/core';
import type { OpenItem } from '#libs/follow-up';
import {
  type DraftVisit,
  type PlanningRow,
  VISIT_KIND_LABELS,
  type VisitKind,
  type WorkListVisit,
} from '#libs/inspections';

/**
 * Each role's front page: what waits for them, section by section, each row linking to where the
 * work is done. Plain functions of the lists the libs give and of today's date (Europe/Copenhagen,
 * from the one clock), so what counts as due is unit-tested without a database.
 */

export interface TodoRow {
  href: string;
  title: string;
  detail: string;
  /** A text the user wrote that the row quotes (the comment of a visit sent back). */
  quote?: string;
}

export interface TodoSection {
  id: string;
  heading: string;
  rows: TodoRow[];
  /** How many there are in all, when only the first are shown. */
  total: number;
  empty: string;
  more?: { href: string; label: string };
}

/** Days ahead a front page looks (visits, deadlines) and back (new reports). */
export const HORIZON_DAYS = 30;
/** Rows shown in a long section before a link to the full list. */
export const MAX_ROWS = 10;

const visitTitle = (v: { kind: string; facilityName: string }) =>
  `${VISIT_KIND_LABELS[v.kind as VisitKind] ?? v.kind} besøg – ${v.facilityName}`;

const section = (
  id: string,
  heading: string,
  rows: TodoRow[],
  empty: string,
  more?: { href: string; label: string },
): TodoSection => ({
  id,
  heading,
  rows: rows.slice(0, MAX_ROWS),
  total: rows.length,
  empty,
  more: rows.length > MAX_ROWS ? more : undefined,
});

const itemHref = (i: OpenItem) => `/opfoelgning/planer/${i.planId}#punkt-${i.id}`;
const itemTitle = (i: OpenItem) => `${i.number} ${i.text.length > 90 ? `${i.text.slice(0, 89)}…` : i.text}`;

/** Inspector: my visits in the next 30 days, drafts ready to submit, visits sent back, checklists not complete. */
export function inspectorTodo(drafts: DraftVisit[], today: string): TodoSection[] {
  const until = addDays(today, HORIZON_DAYS);
  const progress = (v: DraftVisit) => `${v.answered} af ${v.total} indikatorer vurderet`;
  return [
    section(
      'kommende',
      `Mine besøg de næste ${HORIZON_DAYS} dage`,
      drafts
        .filter((v) => v.plannedDate >= today && v.plannedDate <= until)
        .map((v) => ({
          href: `/besoeg/${v.id}`,
          title: visitTitle(v),
          detail: `${v.plannedDate === today ? 'I dag' : formatDate(v.plannedDate)} · ${progress(v)}`,
        })),
      `Ingen besøg de næste ${HORIZON_DAYS} dage.`,
    ),
    section(
      'retur',
      'Sendt retur til mig',
      drafts
        .filter((v) => v.status === 'returned')
        .map((v) => ({
          href: `/besoeg/${v.id}`,
          title: visitTitle(v),
          detail: `Besøg ${formatDate(v.plannedDate)} · ret og send igen`,
          quote: v.returnComment,
        })),
      'Ingen besøg er sendt retur.',
    ),
    section(
      'ufaerdige',
      'Tjeklister, der ikke er færdige',
      drafts
        .filter((v) => v.plannedDate <= today && v.missing.length)
        .map((v) => ({
          href: `/besoeg/${v.id}/tjekliste#faerdig`,
          title: visitTitle(v),
          detail: `Besøg ${formatDate(v.plannedDate)} · ${progress(v)} · ${v.missing.join('; ')}`,
        })),
      'Alle tjeklister fra afholdte besøg er færdige.',
    ),
    section(
      'kladder',
      'Kladder klar til at sende til godkendelse',
      drafts
        .filter((v) => v.plannedDate <= today && !v.missing.length)
        .map((v) => ({
          href: `/besoeg/${v.id}#arbejdsgang`,
          title: visitTitle(v),
          detail: `Besøg ${formatDate(v.plannedDate)} · ${progress(v)}`,
        })),
      'Ingen kladder venter på at blive sendt.',
    ),
  ];
}

export interface FailedReport {
  id: string;
  facilityName: string;
  plannedDate: string;
  error: string;
  finishedAt: Date;
}

/** Region staff: awaiting approval, ready for høring, answers received, deadlines passed, overdue visits and items, failed reports. */
export function regionTodo(
  input: { visits: WorkListVisit[]; overdueVisits: PlanningRow[]; items: OpenItem[]; failedReports: FailedReport[] },
  today: string,
): TodoSection[] {
  const { visits } = input;
  return [
    section(
      'godkendelse',
      'Venter på godkendelse',
      visits
        .filter((v) => v.status === 'submitted')
        .map((v) => ({
          href: `/besoeg/${v.id}#godkendelse`,
          title: visitTitle(v),
          detail: `Besøg ${formatDate(v.plannedDate)} · indsendt ${formatDateTime(v.submittedAt)}`,
        })),
      'Ingen besøg venter på godkendelse.',
    ),
    section(
      'til-hoering',
      'Godkendt – klar til at sende i høring',
      visits
        .filter((v) => v.status === 'approved')
        .map((v) => ({
          href: `/besoeg/${v.id}#send-hoering`,
          title: visitTitle(v),
          detail: `Besøg ${formatDate(v.plannedDate)} · godkendt ${formatDateTime(v.approvedAt)}`,
        })),
      'Ingen godkendte udkast venter på at blive sendt i høring.',
    ),
    section(
      'hoeringssvar',
      'Høringssvar modtaget',
      visits
        .filter((v) => v.status === 'hearing_answered')
        .map((v) => ({
          href: `/besoeg/${v.id}#hoering`,
          title: visitTitle(v),
          detail: `Svar modtaget ${formatDateTime(v.hearingAnsweredAt)} · notér hvad det førte til, og offentliggør`,
        })),
      'Ingen høringssvar venter.',
    ),
    section(
      'frist-udloebet',
      'Høringsfrist udløbet uden svar',
      visits
        .filter((v) => v.status === 'in_hearing' && v.hearingDeadline && v.hearingDeadline < today)
        .map((v) => ({
          href: `/besoeg/${v.id}#hoering`,
          title: visitTitle(v),
          detail: `Fristen var ${formatDate(v.hearingDeadline)} · rapporten kan offentliggøres`,
        })),
      'Ingen høringsfrister er udløbet uden svar.',
    ),
    section(
      'besoeg-overskredet',
      'Tilsynsbesøg, der er overskredet',
      input.overdueVisits.map((r) => ({
        href: `/besoeg/ny?facilityId=${r.facilityId}&kind=${r.kind}`,
        title: `${VISIT_KIND_LABELS[r.kind]} besøg – ${r.facilityName}`,
        detail: `${r.dueDate ? `Skulle have været holdt senest ${formatDate(r.dueDate)}` : 'Forfalden'} · seneste besøg ${r.lastVisit ? formatDate(r.lastVisit) : 'aldrig'} · planlæg besøget`,
      })),
      'Ingen tilbud mangler et besøg.',
      { href: '/besoeg/planlaegning', label: 'Se alle på planlægningssiden' },
    ),
    section(
      'punkter-overskredet',
      'Opfølgningspunkter over fristen',
      input.items
        .filter((i) => i.deadline && i.deadline < today)
        .map((i) => ({
          href: itemHref(i),
          title: itemTitle(i),
          detail: `${i.facilityName} · frist ${formatDate(i.deadline)} · status: ${i.statusLabel}`,
        })),
      'Ingen opfølgningspunkter er over fristen.',
      { href: '/opfoelgning', label: 'Se alle under Opfølgning' },
    ),
    section(
      'rapportfejl',
      'Rapporter, der ikke kunne dannes',
      input.failedReports.map((r) => ({
        href: `/rapporter/${r.id}`,
        title: `Rapport for besøg ${formatDate(r.plannedDate)} – ${r.facilityName}`,
        detail: `Opgivet ${formatDateTime(r.finishedAt)}${r.error ? ` · ${r.error.split('\n')[0].slice(0, 120)}` : ''}`,
      })),
      'Alle rapporter er dannet.',
    ),
  ];
}

/** Facility leader: reports in høring awaiting our comment, new published reports, items awaiting our status, deadlines within 30 days. */
export function leaderTodo(visits: WorkListVisit[], items: OpenItem[], today: string): TodoSection[] {
  const until = addDays(today, HORIZON_DAYS);
  const since = addDays(today, -HORIZON_DAYS);
  return [
    section(
      'hoering',
      'Rapporter i høring, der venter på jeres kommentar',
      visits
        .filter((v) => v.status === 'in_hearing')
        .map((v) => ({
          href: `/besoeg/${v.id}#hoering`,
          title: `Udkast til rapport – ${visitTitle(v)}`,
          detail: `Besøg ${formatDate(v.plannedDate)} · svar senest ${formatDate(v.hearingDeadline)}${v.hearingDeadline && v.hearingDeadline < today ? ' (fristen er udløbet)' : ''}`,
        })),
      'Ingen rapporter venter på jeres kommentar.',
    ),
    section(
      'nye-rapporter',
      `Rapporter offentliggjort de seneste ${HORIZON_DAYS} dage`,
      visits
        .filter((v) => v.status === 'published' && v.publishedAt && danishDay(v.publishedAt) >= since)
        .sort((a, b) => +new Date(b.publishedAt!) - +new Date(a.publishedAt!))
        .map((v) => ({
          href: `/rapporter/besoeg/${v.id}`,
          title: `Tilsynsrapport – ${visitTitle(v)}`,
          detail: `Offentliggjort ${formatDate(v.publishedAt)}`,
        })),
      `Ingen nye rapporter de seneste ${HORIZON_DAYS} dage.`,
    ),
    section(
      'status',
      'Punkter, der venter på jeres status',
      items
        .filter((i) => !i.statusChangedAt)
        .map((i) => ({
          href: itemHref(i),
          title: itemTitle(i),
          detail: `${i.facilityName}${i.deadline ? ` · frist ${formatDate(i.deadline)}` : ''} · ansvarlig: ${i.owner || '–'}`,
        })),
      'Alle punkter har en status.',
    ),
    section(
      'frister',
      `Frister inden for ${HORIZON_DAYS} dage`,
      items
        .filter((i) => i.deadline && i.deadline <= until)
        .sort((a, b) => a.deadline!.localeCompare(b.deadline!))
        .map((i) => ({
          href: itemHref(i),
          title: itemTitle(i),
          detail: `${i.facilityName} · frist ${formatDate(i.deadline)}${i.deadline! < today ? ' (overskredet)' : ''} · status: ${i.statusLabel}`,
        })),
      `Ingen frister de næste ${HORIZON_DAYS} dage.`,
    ),
  ];
}

/** Rows waiting in all sections: the count the main menu shows beside "Forside". */
export const todoCount = (sections: TodoSection[]) => sections.reduce((n, s) => n + s.total, 0);
