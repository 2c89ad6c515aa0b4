import { describe, expect, it } from '@jest/globals';
import { contentDisposition } from '../../libs/documents/src/document-http.js';

describe('contentDisposition', () => {
  it('names the file in UTF-8, with an ASCII stand-in for older clients', () => {
    expect(contentDisposition('overblik-Søhøj.csv')).toBe(
      `attachment; filename="overblik-S_h_j.csv"; filename*=UTF-8''overblik-S%C3%B8h%C3%B8j.csv`,
    );
  });

  it('keeps quotes and backslashes in a name from ending the header value', () => {
    expect(contentDisposition('a "b" \\c.pdf', 'inline')).toBe(
      `inline; filename="a _b_ _c.pdf"; filename*=UTF-8''a%20%22b%22%20%5Cc.pdf`,
    );
  });
});
