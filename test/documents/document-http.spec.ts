import { describe, expect, it } from '@jest/globals';
import { contentDisposition } from '../../libs/documents/src/document-http.js';
import { asciiFileName, documentFileName } from '../../libs/documents/src/file-name.js';

describe('contentDisposition', () => {
  it('names the file in UTF-8, with an ASCII stand-in for older clients', () => {
    expect(contentDisposition('overblik-Søhøj.csv')).toBe(
      `attachment; filename="overblik-Soehoej.csv"; filename*=UTF-8''overblik-S%C3%B8h%C3%B8j.csv`,
    );
  });

  it('keeps quotes and backslashes in a name from ending the header value', () => {
    expect(contentDisposition('a "b" \\c.pdf', 'inline')).toBe(
      `inline; filename="a _b_ _c.pdf"; filename*=UTF-8''a%20%22b%22%20%5Cc.pdf`,
    );
  });

  it("encodes ' ( ) * in filename*, which RFC 5987 does not allow bare", () => {
    expect(contentDisposition("Bo's (hus)*.pdf")).toContain(`filename*=UTF-8''Bo%27s%20%28hus%29%2A.pdf`);
  });

  it('names a tilsyn report as people file it', () => {
    const name = documentFileName(['Tilsynsrapport', 'Bostedet Lærkereden'], 'pdf', '2026-12-10');
    expect(name).toBe('Tilsynsrapport – Bostedet Lærkereden – 2026-12-10.pdf');
    expect(contentDisposition(name)).toBe(
      `attachment; filename="Tilsynsrapport - Bostedet Laerkereden - 2026-12-10.pdf"; filename*=UTF-8''Tilsynsrapport%20%E2%80%93%20Bostedet%20L%C3%A6rkereden%20%E2%80%93%202026-12-10.pdf`,
    );
  });
});

describe('documentFileName', () => {
  it('dates a moment by the Danish calendar and leaves empty parts out', () => {
    // 23:30 UTC on 9 December is 00:30 on 10 December in Denmark
    expect(documentFileName(['Statusnotat', '', 'Søhøj'], 'pdf', new Date('2026-12-09T23:30:00Z'))).toBe(
      'Statusnotat – Søhøj – 2026-12-10.pdf',
    );
    expect(documentFileName(['Breve', 'Søhøj'], 'pdf')).toBe('Breve – Søhøj.pdf');
  });

  it('replaces characters file systems refuse and keeps the name short', () => {
    expect(documentFileName(['Rapport', 'A/S "Hjem" <Nord>: 1|2?*'], 'pdf', '2026-01-02')).toBe(
      'Rapport – A-S -Hjem- -Nord- 1-2- – 2026-01-02.pdf',
    );
    expect(documentFileName(['..', '  '], '.pdf')).toBe('dokument.pdf');
    const long = documentFileName(['Tilsynsrapport', 'x'.repeat(400)], 'pdf', '2026-01-02');
    expect(long.length).toBeLessThanOrEqual(150);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('spells the ASCII stand-in the Danish way', () => {
    expect(asciiFileName('Ærø – Åbo.pdf')).toBe('Aeroe - Aabo.pdf');
  });
});
