import { describe, expect, it } from '@jest/globals';
import { maskQuery, maskUrl } from '../../libs/core/src/log-redaction.js';

describe('masking URLs for the log', () => {
  it('masks survey codes in a path or query and secret query parameters, and keeps the rest', () => {
    expect(maskUrl('/svar?kode=AB12C-DE34F')).toBe('/svar?kode=[REDACTED]');
    expect(maskUrl('/svar/ab12cde34f')).toBe('/svar/[REDACTED]');
    expect(maskUrl('/svar/tak')).toBe('/svar/tak');
    expect(maskUrl('/api/v1/survey-responses/open')).toBe('/api/v1/survey-responses/open');
    expect(maskUrl('/api/v1/survey-responses/X7K2M9P4QR')).toBe('/api/v1/survey-responses/[REDACTED]');
    expect(maskUrl('/noget/AB12C-DE34F/mere')).toBe('/noget/[REDACTED]/mere');
    expect(maskUrl('/x?token=abc&_csrf=def&Password=ghi&q=Lærkereden&n=AB12C-DE34F')).toBe(
      '/x?token=[REDACTED]&_csrf=[REDACTED]&Password=[REDACTED]&q=Lærkereden&n=[REDACTED]',
    );
    expect(maskUrl('/besoeg/0b9f5c4e-7d1a-4c1e-9a53-2f8e6f0c1d2a/tjekliste?tab=2')).toBe(
      '/besoeg/0b9f5c4e-7d1a-4c1e-9a53-2f8e6f0c1d2a/tjekliste?tab=2',
    );
    expect(maskUrl('/x?%5Fcsrf=abc&%E0=1')).toBe('/x?%5Fcsrf=[REDACTED]&%E0=1');
  });

  it('masks the parsed query the same way', () => {
    expect(maskQuery({ kode: 'AB12C-DE34F', q: 'Søhøj', code: 'x', n: 'ab12c-de34f' })).toEqual({
      kode: '[REDACTED]',
      q: 'Søhøj',
      code: '[REDACTED]',
      n: '[REDACTED]',
    });
  });
});
