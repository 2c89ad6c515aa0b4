import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AppConfig, publicLink } from '#libs/config';
import { formatDate, now } from '#libs/core';
import { documentFileName, framedDocument, PdfRenderer, type ReportDocument } from '#libs/documents';
import { createHandlebars, projectRoot } from '#libs/web';
import { resultsView } from './survey.views.js';
import type { RoundResults } from './survey-results.service.js';
import type { NewInvitations } from './survey-rounds.service.js';
import { MIN_RESPONDENTS } from './vocabulary.js';

const template = (name: string) =>
  createHandlebars().compile(readFileSync(join(projectRoot, 'templates', 'reports', `${name}.hbs`), 'utf8'), {
    strict: false,
  });
const GREETING = { residents: 'Til dig, der bor her', relatives: 'Til dig, der er pårørende' } as const;
const generatedAt = () => formatDate(now());

/**
 * Survey PDFs in the reports engine's frame (fonts, report.css, print bands), printed by the shared
 * PdfRenderer: the invitation letters and the results report.
 */
@Injectable()
export class SurveyDocuments {
  private readonly lettersBody = template('survey-letters');
  private readonly reportBody = template('survey-report');

  constructor(
    @Inject(PdfRenderer) private readonly pdf: PdfRenderer,
    private readonly config: AppConfig,
  ) {}

  /**
   * One page per code, with a QR code for PUBLIC_URL/svar#CODE: the code rides in the fragment, which
   * browsers never send to a server. Printed at once; the codes exist nowhere else.
   */
  async letters({ round, unit, codes }: NewInvitations): Promise<Buffer> {
    const answerUrl = publicLink(this.config, '/svar');
    const letters = await Promise.all(
      codes.map(async (code) => {
        const svg = await QRCode.toString(`${answerUrl}#${code}`, {
          type: 'svg',
          margin: 0,
          errorCorrectionLevel: 'M',
        });
        return { code, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
      }),
    );
    const title = round.questionnaire.title;
    const data = {
      round,
      unit,
      letters,
      answerUrl,
      greeting: GREETING[round.questionnaire.audience],
      minRespondents: MIN_RESPONDENTS,
    };
    const doc = framedDocument(
      {
        title: `Invitation: ${title}`,
        anchors: [],
        headerLeft: round.facility.name,
        headerRight: unit ?? '',
        footerLeft: title,
      },
      () => this.lettersBody(data),
    );
    return (await this.pdf.render(doc)).pdf;
  }

  /** "Invitationer – Bostedet Lærkereden – Hvordan har du det – 2026-12-03.pdf" (the day they were made). */
  lettersFileName({ round, unit, batch }: NewInvitations): string {
    return documentFileName(
      ['Invitationer', round.facility.name, unit, round.questionnaire.title, batch && `sæt ${batch.number}`],
      'pdf',
      batch?.createdAt ?? now(),
    );
  }

  /** "Tilfredshedsundersøgelse – Bostedet Lærkereden – Hvordan har du det – 2026-12-31.pdf" (the round's last day). */
  reportFileName({ round }: RoundResults): string {
    return documentFileName(
      ['Tilfredshedsundersøgelse', round.facility.name, round.questionnaire.title],
      'pdf',
      round.periodEnd,
    );
  }

  report(r: RoundResults): ReportDocument {
    const { round } = r;
    const title = `${round.questionnaire.title} · ${round.facility.name}`;
    return framedDocument(
      {
        title,
        anchors: [],
        headerLeft: `Tilfredshedsundersøgelse · ${round.facility.name}`,
        headerRight: round.questionnaire.audienceLabel,
        footerLeft: round.model.name,
      },
      () =>
        this.reportBody({
          round,
          title,
          generatedAt: generatedAt(),
          responsePercent: round.responseRate === null ? '–' : `${Math.round(round.responseRate * 100)} %`,
          results: resultsView(r),
        }),
    );
  }

  async printed(doc: ReportDocument): Promise<Buffer> {
    return (await this.pdf.render(doc)).pdf;
  }
}
