import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

export interface BrowserPoolOptions {
  /** Chromium to run; unset: CHROMIUM_PATH, else the one in @sparticuz/chromium. */
  executablePath?: string;
  /** Pages rendering at once; more than the cores buys nothing. */
  pages: number;
  /** A browser is replaced after this many renders, so memory it leaks is given back. */
  rendersPerBrowser: number;
  renderTimeoutMs: number;
  /** Every page is laid out at this size, with print media. */
  viewport: { width: number; height: number };
  log?: Logger;
}

export interface BrowserPoolStats {
  launches: number;
  renders: number;
  failures: number;
  /** Requests the rendered pages tried to make; every one was refused. */
  blockedRequests: number;
}

/** One Chromium process tree, its profile dir, and the pages it has ready. */
interface Generation {
  browser: Browser;
  dir: string;
  idle: Page[];
  active: number;
  renders: number;
  retired: boolean;
}

export class RenderTimeoutError extends Error {}

/**
 * prctl(PR_SET_PDEATHSIG) through util-linux's setpriv: Chromium is killed when this process dies,
 * even by SIGKILL, where no exit handler runs. Chromium itself ignores a closed DevTools pipe.
 */
const SETPRIV = '/usr/bin/setpriv';
/** Profile dirs are named so a test (or an operator) can find this pool's processes. */
export const PROFILE_PREFIX = 'tilsyn-pdf-';

/**
 * One long-lived Chromium with a small pool of pages. Pages have JavaScript off and every network
 * request refused (data: URLs, which never leave the process, excepted). A render that times out
 * or meets a crash costs its page; the browser is replaced after N renders or when it dies, and
 * an old browser is closed once its last render is done.
 */
export class BrowserPool {
  readonly stats: BrowserPoolStats = { launches: 0, renders: 0, failures: 0, blockedRequests: 0 };
  private live: Generation | null = null;
  private launching: Promise<Generation> | null = null;
  private readonly generations = new Set<Generation>();
  private readonly shutdowns = new Set<Promise<void>>();
  private free: number;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions) {
    this.free = options.pages;
  }

  /** Runs `work` on a page of the pool, within the render timeout. */
  async run<T>(work: (page: Page) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The PDF browser pool is closed');
    await this.slot();
    let gen: Generation | undefined;
    let page: Page | undefined;
    let healthy = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      gen = await this.generation();
      page = gen.idle.pop() ?? (await this.newPage(gen.browser));
      gen.active++;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RenderTimeoutError(`PDF-dannelsen tog mere end ${this.options.renderTimeoutMs / 1000} s`)),
          this.options.renderTimeoutMs,
        );
      });
      const result = await Promise.race([work(page), timeout]);
      healthy = true;
      return result;
    } catch (e) {
      this.stats.failures++;
      // a hung or crashed renderer is not worth saving: replace the whole browser
      if (gen && (e instanceof RenderTimeoutError || page?.isClosed() || !gen.browser.connected)) this.retire(gen);
      throw e;
    } finally {
      clearTimeout(timer);
      if (gen && page) this.release(gen, page, healthy);
      this.freeSlot();
    }
  }

  /** The browser's process id, for measuring its memory. */
  browserPid(): number | undefined {
    return this.live?.browser.process()?.pid;
  }

  /** Closes every browser; no Chromium process or profile dir is left behind. */
  async close(): Promise<void> {
    this.closed = true;
    await this.launching?.catch(() => undefined);
    for (const g of this.generations) this.shutDown(g);
    await Promise.all(this.shutdowns);
  }

  private slot(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private freeSlot() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  private async generation(): Promise<Generation> {
    if (this.live && !this.live.retired) return this.live;
    this.launching ??= this.launch().finally(() => (this.launching = null));
    this.live = await this.launching;
    return this.live;
  }

  private async launch(): Promise<Generation> {
    const dir = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
    const chromium = [
      await chromiumPath(this.options.executablePath),
      ...puppeteer.defaultArgs({ headless: 'shell', args: CHROMIUM_ARGS, userDataDir: dir }),
    ];
    const wrapped = existsSync(SETPRIV);
    if (!wrapped) this.options.log?.warn('setpriv not found: a killed process may leave Chromium running');
    const browser = await puppeteer.launch({
      executablePath: wrapped ? SETPRIV : chromium[0],
      args: wrapped ? ['--pdeathsig', 'SIGKILL', '--', ...chromium] : chromium.slice(1),
      ignoreDefaultArgs: true,
      pipe: true,
      headless: 'shell',
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.stats.launches++;
    const gen: Generation = { browser, dir, idle: [], active: 0, renders: 0, retired: false };
    this.generations.add(gen);
    browser.on('disconnected', () => {
      this.retire(gen);
      if (gen.active === 0) this.shutDown(gen);
    });
    this.options.log?.info({ pid: browser.process()?.pid }, 'PDF browser started');
    return gen;
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) return void request.continue();
      this.stats.blockedRequests++;
      void request.abort('blockedbyclient');
    });
    await page.setOfflineMode(true);
    await page.emulateMediaType('print');
    await page.setViewport(this.options.viewport);
    return page;
  }

  private release(gen: Generation, page: Page, healthy: boolean) {
    gen.active--;
    gen.renders++;
    this.stats.renders++;
    if (gen.renders >= this.options.rendersPerBrowser) this.retire(gen);
    if (healthy && !gen.retired && !page.isClosed()) gen.idle.push(page);
    else void page.close().catch(() => undefined);
    if (gen.retired && gen.active === 0) this.shutDown(gen);
  }

  private retire(gen: Generation) {
    gen.retired = true;
  }

  /** Closes a browser (killing it if it will not close); close() waits for every one under way. */
  private shutDown(gen: Generation): void {
    if (!this.generations.delete(gen)) return;
    const done = this.closeBrowser(gen).finally(() => this.shutdowns.delete(done));
    this.shutdowns.add(done);
  }

  private async closeBrowser(gen: Generation): Promise<void> {
    if (this.live === gen) this.live = null;
    const proc = gen.browser.process();
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      gen.browser.close().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5000))),
    ]);
    clearTimeout(timer);
    if (!inTime && proc?.exitCode === null) proc.kill('SIGKILL');
    await rm(gen.dir, { recursive: true, force: true });
    this.options.log?.info({ pid: proc?.pid, renders: gen.renders }, 'PDF browser closed');
  }
}
