import { describe, expect, it } from '@jest/globals';
import { createHandlebars, textBlocks, textHtml } from '#libs/web';

describe('a free text as written', () => {
  it('keeps paragraphs at blank lines and line breaks inside them', () => {
    expect(textBlocks('Første afsnit.\r\nSamme afsnit, ny linje.\r\n\r\n\r\nAndet afsnit.')).toEqual([
      { kind: 'paragraph', lines: ['Første afsnit.', 'Samme afsnit, ny linje.'] },
      { kind: 'paragraph', lines: ['Andet afsnit.'] },
    ]);
  });

  it('makes bullet lists of •, -, – and the private-use bullet a PDF pastes, with wrapped bullets joined', () => {
    expect(
      textBlocks(
        'Det er gjort:\n\uf0b7\tNy køkkenplan\n\uf0b7\tKursus i\nmagtanvendelse\n\n- Husmøde\n– Ny leder\n• Ét punkt til\nBagefter.',
      ),
    ).toEqual([
      { kind: 'paragraph', lines: ['Det er gjort:'] },
      { kind: 'list', items: [['Ny køkkenplan'], ['Kursus i', 'magtanvendelse']] },
      { kind: 'list', items: [['Husmøde'], ['Ny leder'], ['Ét punkt til', 'Bagefter.']] },
    ]);
  });

  it('leaves a minus that is part of the text alone', () => {
    expect(textBlocks('-5 grader om natten')).toEqual([{ kind: 'paragraph', lines: ['-5 grader om natten'] }]);
  });

  it('escapes what the user wrote, in the page and report helper too', () => {
    const html = '<p>&lt;b&gt;fed&lt;/b&gt;<br>&amp; mere</p><ul><li>&lt;script&gt;</li></ul>';
    expect(textHtml('<b>fed</b>\n& mere\n• <script>')).toBe(html);
    expect(createHandlebars().compile('{{paragraphs t}}')({ t: '<b>fed</b>\n& mere\n• <script>' })).toBe(html);
    expect(textHtml('')).toBe('');
  });
});
