import type { Request, Response } from 'express';
import { contentDisposition } from '#libs/documents';

/** Where respondents reach this server, for the letters' QR codes (behind a proxy, trust proxy is set). */
export const originOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

/** A PDF as a download that no cache keeps (letters hold codes that exist nowhere else). */
export function sendPdf(res: Response, fileName: string, pdf: Buffer) {
  res
    .type('application/pdf')
    .set('Content-Disposition', contentDisposition(fileName))
    .set('Cache-Control', 'no-store')
    .send(pdf);
}
