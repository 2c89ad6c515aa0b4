import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PdfRenderer, processTree, RenderTimeoutError } from '#libs/documents';
import { compileReportTemplate, type ReportData, reportDocument, sampleReportData } from '#libs/reporting';
import { pdfFacts } from './pdf-facts.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const standard = readFileSync('templates/reports/tilsynsrapport.hbs', 'utf8');

/** A report whose facility name and texts carry Danish letters and markup that must stay text. */
function danishReport(): ReportData {
  const data = sampleReportData();
  data.facility.name = 'Bostedet Ærø & Åbrinken <b>';
  data.title = `Tilsynsrapport – ${data.facility.name}`;
  data.orders[0].text = '<script>alert("påbud")</script> skal rettes';
  return data;
}

describe('PDF rendering', () => {
  let renderer: PdfRenderer;
  let hits = 0;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    renderer = new PdfRenderer();
    server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await renderer?.close();
    await new Promise((r) => server?.close(r));
  });

  it('prints a tagged A4 report with cover, table of contents with the right page numbers, header and footer, embedded fonts and æøå', async () => {
    const data = danishReport();
    const out = await renderer.render(reportDocument(data, compileReportTemplate(standard, data)));
    const pdf = await pdfFacts(out.pdf);
    expect(pdf.pageSize).toEqual({ width: expect.closeTo(595.9, 0), height: expect.closeTo(841.9, 0) });
    expect(pdf.title).toBe('Tilsynsrapport – Bostedet Ærø & Åbrinken <b>');
    expect(pdf.language).toBe('da');
    expect(pdf.tagged).toBe(true);
    expect(pdf.hasStructTree).toBe(true);
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.every((f) => f.embedded && /NotoSans/.test(f.name))).toBe(true);
    expect(pdf.outline).toEqual(expect.arrayContaining(['Stamoplysninger', 'Tema 1: Selvstændighed og relationer']));
    expect(out.pageCount).toBe(pdf.pages.length);

    expect(pdf.pages[0]).toContain('Bostedet Ærø & Åbrinken <b>');
    expect(pdf.pages[0]).toContain(`Side 1 af ${out.pageCount}`);
    expect(pdf.pages.at(-1)).toContain(`Side ${out.pageCount} af ${out.pageCount}`);
    expect(pdf.pages[1]).toContain('Tilsynsrapport · Bostedet Ærø & Åbrinken <b>');
    expect(pdf.pages.join('\n')).toContain('<script>alert("påbud")</script> skal rettes');

    // the table of contents (on the cover, after the basic facts) names the page where each section starts
    expect(pdf.author).toBe('Eksempelregionens Socialtilsyn');
    for (const entry of data.toc) {
      const page = pdf.destinations[entry.anchor];
      expect(page).toBeGreaterThanOrEqual(entry.anchor === 'stamoplysninger' ? 1 : 2);
      expect(pdf.pages[0]).toMatch(new RegExp(`${entry.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*${page}`));
      expect(pdf.pages[page - 1]).toContain(entry.title.split(':')[0]);
    }
    // the HTML kept as the preview is what was printed, numbers included
    expect(out.html).toContain(`data-toc-page="stamoplysninger">${pdf.destinations.stamoplysninger}<`);
    expect(out.html).toContain('&lt;script&gt;alert(&quot;påbud&quot;)&lt;/script&gt; skal rettes');
  });

  it('runs no script and fetches nothing, whatever the HTML asks for', async () => {
    const before = renderer.pool.stats.blockedRequests;
    const body = `<h1 id="top">Prøve</h1><img src="http://127.0.0.1:${port}/billede.png" alt="ekstern"><link rel="stylesheet" href="http://127.0.0.1:${port}/s.css">
      <script>document.body.insertAdjacentText('beforeend', 'SCRIPT KØRTE'); fetch('http://127.0.0.1:${port}/beacon');</script>
      <p style="background: url(http://127.0.0.1:${port}/bg.png)">Tekst</p>`;
    const doc = { ...reportDocument(sampleReportData(), () => body), anchors: [] };
    const out = await renderer.render(doc);
    const text = (await pdfFacts(out.pdf)).pages.join('\n');
    expect(text).toContain('Prøve');
    expect(text).not.toContain('SCRIPT KØRTE');
    await sleep(300);
    expect(hits).toBe(0);
    expect(renderer.pool.stats.blockedRequests).toBeGreaterThan(before);
  });

  it('gives up on a render after the timeout and closes that browser', async () => {
    const slow = new PdfRenderer({ renderTimeoutMs: 1 });
    try {
      await expect(slow.render(reportDocument(sampleReportData(), () => '<p>x</p>'))).rejects.toThrow(
        RenderTimeoutError,
      );
      expect(slow.pool.stats.failures).toBe(1);
    } finally {
      await slow.close();
    }
    expect(slow.pool.browserPid()).toBeUndefined();
  });

  it('replaces the browser after N renders and after a crash, and leaves no Chromium process behind', async () => {
    const pool = new PdfRenderer({ rendersPerBrowser: 2 });
    const doc = reportDocument(sampleReportData(), () => '<p id="a">x</p>');
    const alive = (pids: number[]) => pids.filter((pid) => processTree(pid).length);
    try {
      await pool.render(doc);
      const first = processTree(pool.pool.browserPid()!);
      expect(first.length).toBeGreaterThan(2); // browser, zygote, renderer …
      await pool.render(doc); // the second render retires the first browser
      await pool.render(doc);
      expect(pool.pool.stats.launches).toBe(2);
      expect(alive(first)).toEqual([]);

      const second = processTree(pool.pool.browserPid()!);
      process.kill(second[0], 'SIGKILL'); // a crash
      await sleep(300);
      expect((await pool.render(doc)).pageCount).toBe(1);
      expect(pool.pool.stats.launches).toBe(3);
      expect(alive(second)).toEqual([]);

      const last = processTree(pool.pool.browserPid()!);
      await pool.close();
      expect(alive(last)).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
