import type { Response } from 'express';
import { contentDisposition } from '#libs/documents';

/** A PDF as a download that no cache keeps (letters hold codes that exist nowhere else). */
export function sendPdf(res: Response, fileName: string, pdf: Buffer) {
  res
    .type('application/pdf')
    .set('Content-Disposition', contentDisposition(fileName))
    .set('Cache-Control', 'no-store')
    .send(pdf);
}
