/** What a reader's file properties show: title, author (the issuing authority), subject, keywords. */
export interface DocumentProperties {
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
}

/** A PDF text string in UTF-16BE with its byte-order mark, as hex: any character, nothing to escape. */
const pdfText = (s: string) => {
  const bytes = [0xfe, 0xff];
  for (const unit of s) {
    for (let i = 0; i < unit.length; i++) {
      const c = unit.charCodeAt(i);
      bytes.push(c >> 8, c & 0xff);
    }
  }
  return `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;
};

const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/**
 * Sets a printed PDF's document properties (the Info dictionary: title, author, subject,
 * keywords, creator) by an incremental update, as the PDF format allows: a new Info object, an
 * xref section for it and a trailer pointing back at Chromium's. Nothing Chromium wrote is
 * changed, so the tagged structure, outline, language (/Lang from <html lang>) and links stay.
 * A PDF whose trailer cannot be read (a cross-reference stream) is returned as it is.
 */
export function withDocumentProperties(pdf: Buffer, props: DocumentProperties, created = new Date()): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString('latin1');
  const trailerAt = tail.lastIndexOf('trailer');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (trailerAt < 0 || !startxref) return pdf;
  const trailer = tail.slice(trailerAt, tail.lastIndexOf('startxref'));
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  if (!size || !root) return pdf;
  const id = Number(size[1]);
  const entries = [
    `/Title ${pdfText(props.title)}`,
    `/Author ${pdfText(props.author)}`,
    ...(props.subject ? [`/Subject ${pdfText(props.subject)}`] : []),
    ...(props.keywords ? [`/Keywords ${pdfText(props.keywords)}`] : []),
    `/Creator ${pdfText('Tilsyn')}`,
    '/Producer (Skia/PDF)',
    `/CreationDate ${pdfDate(created)}`,
    `/ModDate ${pdfDate(created)}`,
  ];
  const head = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objectAt = pdf.length + head.length;
  const object = `${id} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const xrefAt = objectAt + Buffer.byteLength(object, 'latin1');
  const update =
    `${head}${object}xref\n${id} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${id + 1}\n/Root ${root[1]}\n/Info ${id} 0 R\n/Prev ${startxref[1]}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
