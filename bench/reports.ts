import { performance } from 'node:perf_hooks';
import puppeteer, { type Browser } from 'puppeteer-core';
import { DataSource } from 'typeorm';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  PDF_PAGES,
  PdfRenderer,
  pdfOptions,
  processTree,
  treeMemory,
} from '#libs/documents';
import { REPORT_READER, ReportDataService, ReportTemplatesService, reportDocument } from '#libs/reporting';
import { startBenchApp, token } from './lib/bench-app.js';
import { crewOf } from './lib/inspectors.js';
import { percentile } from './lib/load.js';
import { publishVisit } from './lib/published-visit.js';

/** Peak memory of a process tree, sampled while work runs. */
function memoryPeak(pid: () => number | undefined) {
  const peak = { rssKiB: 0, pssKiB: 0 };
  const timer = setInterval(() => {
    const root = pid();
    if (!root) return;
    const m = treeMemory(processTree(root));
    peak.rssKiB = Math.max(peak.rssKiB, m.rssKiB);
    peak.pssKiB = Math.max(peak.pssKiB, m.pssKiB);
  }, 200);
  return { peak, stop: () => clearInterval(timer) };
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
};
const f = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/**
 * 100 reports of a real published visit (15 A4 pages) through the report pipeline (page pool,
 * JavaScript off, requests blocked, table-of-contents pages estimated and checked against the
 * PDF), interleaved with a raw page.pdf() of the same HTML on a plain browser in the same run, and
 * a smaller run that launches a browser per report (sequential, one report at a time); then a batch
 * through the worker against as many raw pages printing side by side.
 */
export async function reportsBench(opts = { reports: 100, launches: 25, batch: 200 }) {
  // jobs in this process: the batch below goes through the worker's queue and page pool
  const { app, baseUrl, stop } = await startBenchApp({ jobs: true });
  const renderer = new PdfRenderer();
  let raw: Browser | undefined;
  try {
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const visitId = await publishVisit(baseUrl, await crewOf(app, baseUrl), { date: '2026-10-01' });

    const dataMs: number[] = [];
    const build = async () => {
      const t0 = performance.now();
      const data = await app.get(ReportDataService).build(REPORT_READER, visitId);
      dataMs.push(performance.now() - t0);
      return reportDocument(data, await app.get(ReportTemplatesService).body(null));
    };
    const doc = await build();
    const first = await renderer.render(doc);
    const html = first.html; // the same HTML for the raw baseline, page numbers included
    const options = pdfOptions(doc);

    raw = await puppeteer.launch({
      executablePath: await chromiumPath(),
      args: CHROMIUM_ARGS,
      headless: 'shell',
      pipe: true,
    });
    const rawPage = await raw.newPage();
    const rawPdf = async () => {
      await rawPage.setContent(html, { waitUntil: 'load' });
      return rawPage.pdf(options);
    };
    for (let i = 0; i < 3; i++) {
      await renderer.render(doc);
      await rawPdf();
    }

    const pipelineMs: number[] = [];
    const rawMs: number[] = [];
    let reprints = 0;
    const pipelineMemory = memoryPeak(() => renderer.pool.browserPid());
    const rawMemory = memoryPeak(() => raw?.process()?.pid);
    for (let i = 0; i < opts.reports; i++) {
      let t0 = performance.now();
      const out = await renderer.render(doc);
      pipelineMs.push(performance.now() - t0);
      if (out.prints > 1) reprints++;
      t0 = performance.now();
      await rawPdf();
      rawMs.push(performance.now() - t0);
    }
    pipelineMemory.stop();
    rawMemory.stop();
    for (let i = 0; i < 20; i++) await build();

    const launchMs: number[] = [];
    for (let i = 0; i < opts.launches; i++) {
      const t0 = performance.now();
      const b = await puppeteer.launch({
        executablePath: await chromiumPath(),
        args: CHROMIUM_ARGS,
        headless: 'shell',
        pipe: true,
      });
      const p = await b.newPage();
      await p.setContent(html, { waitUntil: 'load' });
      await p.pdf(options);
      await b.close();
      launchMs.push(performance.now() - t0);
    }

    // A batch through the worker (pg-boss queue, PDF_PAGES pages printing at once, data read and
    // PDFs stored in the database) against PDF_PAGES raw pages printing the same HTML side by side
    const workerMemory = memoryPeak(() => app.get(PdfRenderer).pool.browserPid());
    let t0 = performance.now();
    const requested: string[] = [];
    for (let i = 0; i < opts.batch; i++) {
      const res = await fetch(`${baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${region}`, 'content-type': 'application/json' },
        body: JSON.stringify({ visitId }),
      });
      requested.push(((await res.json()) as { id: string }).id);
    }
    const db = app.get(DataSource);
    for (;;) {
      const [{ open, failed }] = await db.query(
        `select count(*) filter (where status in ('queued', 'rendering'))::int as open,
                count(*) filter (where status = 'failed')::int as failed from report where id = any($1)`,
        [requested],
      );
      if (!open) {
        if (failed) throw new Error(`${failed} reports of the batch failed`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const batchMs = performance.now() - t0;
    workerMemory.stop();
    const rawPages = await Promise.all(Array.from({ length: PDF_PAGES }, () => raw!.newPage()));
    const rawBatchMemory = memoryPeak(() => raw?.process()?.pid);
    let next = 0;
    t0 = performance.now();
    await Promise.all(
      rawPages.map(async (page) => {
        while (next++ < opts.batch) {
          await page.setContent(html, { waitUntil: 'load' });
          await page.pdf(options);
        }
      }),
    );
    const rawBatchMs = performance.now() - t0;
    rawBatchMemory.stop();

    const pipeline = stats(pipelineMs);
    const baseline = stats(rawMs);
    const launch = stats(launchMs);
    const data = stats(dataMs.slice(1));
    console.log(
      `\nReports: ${opts.reports} × one ${first.pageCount}-page A4 report (${(first.pdf.length / 1024).toFixed(0)} KiB PDF), sequential`,
    );
    console.log(
      `  report pipeline (pool, JS off, requests blocked, TOC checked)  median ${f(pipeline.median)}  p95 ${f(pipeline.p95)}  (${reprints} needed a second print)`,
    );
    console.log(
      `  raw setContent + page.pdf() of the same HTML                   median ${f(baseline.median)}  p95 ${f(baseline.p95)}`,
    );
    console.log(
      `  a browser launched per report (${opts.launches} reports)                 median ${f(launch.median)}  p95 ${f(launch.p95)}`,
    );
    console.log(
      `  report data from the database (20 builds)                      median ${f(data.median)}  p95 ${f(data.p95)}`,
    );
    console.log(
      `  ratio pipeline/raw: median ${(pipeline.median / baseline.median).toFixed(2)}×, p95 ${(pipeline.p95 / baseline.p95).toFixed(2)}× (goal ≤ 1.05×); launch-per-report/pipeline: ${(launch.median / pipeline.median).toFixed(1)}×`,
    );
    console.log(
      `  peak memory of the browser process tree: pipeline RSS sum ${mib(pipelineMemory.peak.rssKiB)} / PSS ${mib(pipelineMemory.peak.pssKiB)}; raw RSS sum ${mib(rawMemory.peak.rssKiB)} / PSS ${mib(rawMemory.peak.pssKiB)}`,
    );
    const perMinute = (ms: number) => (opts.batch / ms) * 60_000;
    console.log(
      `  batch of ${opts.batch} through the worker (${PDF_PAGES} pages at once)  ${(batchMs / 1000).toFixed(1)} s = ${perMinute(batchMs).toFixed(0)} reports/min; ${PDF_PAGES} raw pages side by side ${(rawBatchMs / 1000).toFixed(1)} s = ${perMinute(rawBatchMs).toFixed(0)}/min; ratio ${(rawBatchMs / batchMs).toFixed(2)}× (goal ≥ 0.9×)`,
    );
    console.log(
      `  peak memory during the batch: worker's browser RSS sum ${mib(workerMemory.peak.rssKiB)} / PSS ${mib(workerMemory.peak.pssKiB)}; raw RSS sum ${mib(rawBatchMemory.peak.rssKiB)} / PSS ${mib(rawBatchMemory.peak.pssKiB)}`,
    );
    return {
      pipeline,
      baseline,
      launch,
      data,
      reprints,
      batch: { batchMs, rawBatchMs },
      memory: { pipeline: pipelineMemory.peak, raw: rawMemory.peak },
    };
  } finally {
    await raw?.close();
    await renderer.close();
    await stop();
  }
}
