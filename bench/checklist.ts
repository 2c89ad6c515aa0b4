import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '#libs/documents';
import { cuttableConnection } from '#libs/testing';
import { startBenchApp, token } from './lib/bench-app.js';
import { percentile } from './lib/load.js';

/**
 * The checklist on a tablet in the field: a 31-indicator checklist opened in Chromium with 4× CPU
 * slowdown on a slow 3G connection (400 ms round trip, 400 kbit/s each way), until the first rating
 * is possible (the page's script is ready: answers restored from IndexedDB, listeners on), online
 * and from the service worker with no network; beside a static HTML page of the same size.
 */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const GOALS = { online: 1500, offline: 500 };

export async function checklistBench(opts = { runs: 7 }) {
  const { baseUrl, stop } = await startBenchApp();
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
  let staticServer: ReturnType<typeof createServer> | undefined;
  let cut: Awaited<ReturnType<typeof cuttableConnection>> | undefined;
  try {
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const inspector = await token(baseUrl, 'inspektor@tilsyn.demo', 'tilsyn-demo');
    const get = async (path: string, t: string) =>
      (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${t}` } })).json();
    const me = await get('/api/v1/auth/me', inspector);
    const facility = (await get('/api/v1/facilities?q=Lærkereden', region)).items[0];
    const version = (await get('/api/v1/quality-models', region)).items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const visit = await (
      await fetch(`${baseUrl}/api/v1/visits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${region}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          facilityId: facility.id,
          kind: 'announced',
          plannedDate: '2026-12-01',
          inspectorIds: [me.id],
          modelVersionId: version.id,
        }),
      })
    ).json();
    // The browser's own connection, cut for the runs without network (page and service worker alike)
    cut = await cuttableConnection(baseUrl);
    const connection = cut;
    const web = connection.url;
    const url = `${web}/besoeg/${visit.id}/tjekliste`;

    const signedIn = async (): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${web}/login`);
      await page.getByLabel('E-mail').fill('inspektor@tilsyn.demo');
      await page.getByLabel('Adgangskode').fill('tilsyn-demo');
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith('/login')),
        page.getByRole('button', { name: 'Log ind' }).click(),
      ]);
      return { context, page };
    };
    const slowDown = async (page: Page, network: boolean) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      if (network) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      }
    };
    /** Milliseconds from navigation start until the first rating can be given. */
    const usable = (page: Page, mark: string | null) =>
      page.evaluate(async (m) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        while (!nav.domContentLoadedEventEnd || (m && !performance.getEntriesByName(m).length))
          await new Promise((r) => setTimeout(r, 20));
        const ready = m ? performance.getEntriesByName(m)[0].startTime : 0;
        return Math.max(nav.domContentLoadedEventEnd, ready);
      }, mark);

    // The baseline: the same page's HTML without its scripts, as a static file (gzipped like the app's).
    const { context: first, page: firstPage } = await signedIn();
    await firstPage.goto(url);
    const html = (await firstPage.content()).replace(/<script[^>]*><\/script>/g, '');
    await first.close();
    const css = await (await fetch(`${baseUrl}/static/app.css`)).text();
    staticServer = createServer((req, res) => {
      const [body, type] = req.url === '/static/app.css' ? [css, 'text/css'] : [html, 'text/html'];
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'content-encoding': 'gzip' });
      res.end(gzipSync(body));
    });
    await new Promise<void>((r) => staticServer!.listen(0, '127.0.0.1', r));
    const staticUrl = `http://127.0.0.1:${(staticServer.address() as { port: number }).port}/tjekliste.html`;

    const online: number[] = [];
    const offline: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const { context, page } = await signedIn();
      await slowDown(page, true);
      await page.goto(url, { waitUntil: 'commit' });
      online.push(await usable(page, 'checklist-ready'));
      await page.waitForSelector('.checklist[data-kept]');
      // No network from here: the service worker opens the kept page.
      connection.set(true);
      await context.setOffline(true);
      const again = await context.newPage();
      await slowDown(again, false);
      await again.goto(url, { waitUntil: 'commit' });
      offline.push(await usable(again, 'checklist-ready'));
      await context.close();
      connection.set(false);

      const plain = await browser.newContext({ viewport: { width: 820, height: 1180 } });
      const staticPage = await plain.newPage();
      await slowDown(staticPage, true);
      await staticPage.goto(staticUrl, { waitUntil: 'commit' });
      baseline.push(await usable(staticPage, null));
      await plain.close();
    }
    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const size = Buffer.byteLength(html);
    const line = (label: string, xs: number[], goal?: number) =>
      `  ${label.padEnd(44)} median ${median(xs).toFixed(0).padStart(5)} ms  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})${goal ? `  goal ≤ ${goal} ms` : ''}`;
    console.log(
      `\nChecklist on a tablet: 31 indicators (${(size / 1024).toFixed(0)} kB HTML, ${(gzipSync(html).length / 1024).toFixed(0)} kB gzipped), 4× CPU slowdown, slow 3G (400 ms RTT, 400 kbit/s), ${opts.runs} runs; time until the first rating is possible`,
    );
    console.log(line('static HTML page of the same size (baseline)', baseline));
    console.log(line('checklist online', online, GOALS.online));
    console.log(line('checklist from the service worker, no network', offline, GOALS.offline));
    console.log(
      `  ratio checklist/static: online ${(median(online) / median(baseline)).toFixed(2)}×, offline ${(median(offline) / median(baseline)).toFixed(2)}×`,
    );
    return { baseline, online, offline };
  } finally {
    staticServer?.close();
    await cut?.close();
    await browser.close();
    await stop();
  }
}
