import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { framedDocument, PdfRenderer, type ReportDocument } from '#libs/documents';
import { createHandlebars, projectRoot } from '#libs/web';
import type { AgreementView } from './development-agreements.service.js';
import { noteBlocks, type StatusReportData } from './status-report.js';

const template = (name: string) =>
  createHandlebars().compile(readFileSync(join(projectRoot, 'templates', 'reports', `${name}.hbs`), 'utf8'), {
    strict: false,
  });

/**
 * The follow-up reports in the reports engine's frame (fonts, report.css, print bands): the
 * half-yearly status report per plan and the development-agreement follow-up. The same document
 * is the HTML preview and, printed by the shared PdfRenderer, the PDF.
 */
@Injectable()
export class FollowUpDocuments {
  private readonly statusBody = template('follow-up-status');
  private readonly agreementBody = template('follow-up-agreement');

  constructor(@Inject(PdfRenderer) private readonly pdf: PdfRenderer) {}

  /** The status note: front matter, then the plan's headings with each recommendation's status as paragraphs and a sentence. */
  statusReport(data: StatusReportData): ReportDocument {
    const front = data.front;
    return framedDocument(
      {
        title: front?.title || data.title,
        anchors: [],
        headerLeft: front?.addressee
          ? `${front.addressee} · ${data.facilityName}`
          : `Statusnotat · ${data.facilityName}`,
        headerRight: [front?.caseNumber && `Sagsnr. ${front.caseNumber}`, data.periodLabel].filter(Boolean).join(' · '),
        footerLeft: data.planTitle,
      },
      () => this.statusBody({ ...data, blocks: noteBlocks(data) }),
    );
  }

  agreement(data: AgreementView & { generatedAt: string }): ReportDocument {
    const title = `Opfølgning på udviklingsaftale ${data.year}${data.name ? ` »${data.name}«` : ''} · ${data.facilityName}`;
    return framedDocument(
      {
        title,
        anchors: data.themes.map((t) => t.anchor),
        headerLeft: `Udviklingsaftale ${data.year}`,
        headerRight: data.facilityName,
        footerLeft: 'Opfølgning på udviklingsaftale',
      },
      () => this.agreementBody({ ...data, title }),
    );
  }

  html(doc: ReportDocument): string {
    return doc.html(new Map());
  }

  async printed(doc: ReportDocument): Promise<Buffer> {
    return (await this.pdf.render(doc)).pdf;
  }
}
