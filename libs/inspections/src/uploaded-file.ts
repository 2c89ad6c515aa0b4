import { createHash } from 'node:crypto';
import { InvalidInputError } from '#libs/core';
import { MAX_ATTACHMENT_BYTES } from './vocabulary.js';

/** File types we accept, recognised by their first bytes rather than the name the browser sent. */
const MAGIC: { type: string; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];
export const sniff = (data: Buffer) => MAGIC.find((m) => m.bytes.every((b, i) => data[i] === b))?.type;

/** A file name as the browser sent it, reduced to letters, digits and a few safe marks. */
export const safeFileName = (name: string, fallback: string) =>
  name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || fallback;

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

/** An uploaded PDF, JPEG or PNG (up to 10 MB) with a safe name and its SHA-256, or 422 naming the form field `fil`. */
export function checkedFile(file: UploadedFile | undefined) {
  const fail = (rule: string, message: string) => new InvalidInputError(message, [{ field: 'fil', rule, message }]);
  if (!file?.buffer.length) throw fail('isNotEmpty', 'vælg en fil');
  if (file.buffer.length > MAX_ATTACHMENT_BYTES)
    throw fail('maxSize', `filen må højst fylde ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const contentType = sniff(file.buffer);
  if (!contentType) throw fail('fileType', 'kun PDF, JPEG og PNG kan vedhæftes');
  return {
    fileName: safeFileName(file.originalname, 'bilag'),
    contentType,
    size: file.buffer.length,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    data: file.buffer,
  };
}
