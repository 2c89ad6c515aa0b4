import { formatDate } from '#libs/core';
import { framedDocument, type ReportDocument } from '#libs/documents';
import type { ReportData, TocEntry } from './report-data.js';

/** The tilsyn report: its template's output in the report frame, with page numbers in the table of contents. */
export function reportDocument(data: ReportData, body: (data: ReportData) => string): ReportDocument {
  return framedDocument(
    {
      title: data.title,
      author: data.author,
      subject: `${data.visit.kindLabel} tilsynsbesøg ${formatDate(data.visit.date)}`,
      anchors: data.toc.map((e) => e.anchor),
      headerLeft: `Tilsynsrapport · ${data.facility.name}`,
      headerRight: data.visit.kindLabel,
      footerLeft: data.model.name,
      bodyClass: 'tilsyn',
    },
    (pages) => body({ ...data, toc: data.toc.map((e): TocEntry => ({ ...e, page: pages.get(e.anchor) ?? '' })) }),
  );
}
