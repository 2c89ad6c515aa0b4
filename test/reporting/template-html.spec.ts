import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '#libs/core';
import { sampleReportData } from '../../libs/reporting/src/templates/sample-report.js';
import { compileReportTemplate } from '../../libs/reporting/src/templates/template-compiler.js';

/** The problems a template is refused for, as the upload answers them. */
function refusal(source: string) {
  try {
    compileReportTemplate(source, sampleReportData());
  } catch (e) {
    if (e instanceof InvalidInputError) return e.errors.map((f) => `${f.field}: ${f.message}`);
    throw e;
  }
  return [];
}

/** Each breaks the pages' Content-Security-Policy or leaves the report; the second line is the bad one. */
const HOSTILE: Record<string, string> = {
  'event handler': '<p onclick="alert(1)">x</p>',
  'event handler on a broken image': '<img src="data:image/png;base64,AA" onerror="alert(1)">',
  'javascript: link': '<a href="javascript:alert(1)">x</a>',
  'javascript: link in entities': '<a href="&#106;avascript&#58;alert(1)">x</a>',
  'javascript: link in odd case and spaces': '<a href="  JaVaScRiPt:alert(1)">x</a>',
  'remote image': '<img src="https://evil.invalid/x.png" alt="">',
  'remote stylesheet element': '<link rel="stylesheet" href="https://evil.invalid/x.css">',
  'remote stylesheet import': '<style>@import url(https://evil.invalid/x.css);</style>',
  'remote font': '<style>@font-face { font-family: x; src: url(https://evil.invalid/f.woff2) }</style>',
  'remote background': '<div style="background: url(https://evil.invalid/x.png)">x</div>',
  'CSS escapes': '<style>div { background: u\\72l(https://evil.invalid/x.png) }</style>',
  'data in CSS': '<div style="background: {{facility.name}}">x</div>',
  'form action': '<form action="https://evil.invalid/"><button>Send</button></form>',
  'button formaction': '<button formaction="https://evil.invalid/">Send</button>',
  'SVG javascript: link': '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  'SVG remote image': '<svg><image href="https://evil.invalid/x.svg"/></svg>',
  'SVG animation setting a link': '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=https://evil.invalid/">',
  'base element': '<base href="https://evil.invalid/">',
  iframe: '<iframe src="https://evil.invalid/"></iframe>',
  object: '<object data="https://evil.invalid/x.swf"></object>',
  'script in odd case': '<ScRiPt>alert(1)</ScRiPt>',
  'address chosen by data': '<a href="{{facility.name}}">x</a>',
  'attribute chosen by data': '<div {{facility.name}}="alert(1)">x</div>',
};

describe('report template check', () => {
  it.each(Object.entries(HOSTILE))('refuses a template with a %s, naming its line', (_, html) => {
    const problems = refusal(`<h1>{{facility.name}}</h1>\n${html}\n<p>Slut</p>`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('linje 2: '))).toBe(true);
  });

  it('accepts links within the report, inline images, plain CSS, and the standard template', () => {
    const ok = [
      '<a href="#samlet-vurdering">Samlet vurdering</a> <a href="#{{facility.name}}">x</a>',
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">',
      '<div style="color: #333; border-left: 4px solid teal">x</div>',
      '<style>.kicker { letter-spacing: .1em; }</style>',
      '<svg viewBox="0 0 10 10" role="img" aria-label="prik"><circle cx="5" cy="5" r="4"/></svg>',
      '<td{{#if facility.places}} class="tal"{{/if}}>{{facility.places}}</td>',
    ];
    for (const html of ok) expect(refusal(html)).toEqual([]);
    expect(refusal(readFileSync('templates/reports/tilsynsrapport.hbs', 'utf8'))).toEqual([]);
  });
});
