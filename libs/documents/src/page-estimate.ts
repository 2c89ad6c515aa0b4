/*
 * These functions run inside the rendered page (page.evaluate), so they are self-contained: no
 * imports, no closures. They work with JavaScript disabled, because DevTools evaluation is not
 * page script.
 */

/**
 * Predicts on which printed page each anchor lands, from the page's layout at the printed width:
 * it walks the document and adds the space Chromium's fragmentation adds (forced breaks,
 * break-inside: avoid blocks and text lines pushed to the next page, repeated table headers).
 * Then it writes the numbers into the table of contents ([data-toc-page]). A guess, checked
 * against the printed PDF; a wrong guess costs one more print, never a wrong number.
 */
export function estimatePages(anchors: string[], pageHeight: number): Record<string, number> {
  const FORCED = ['page', 'left', 'right', 'recto', 'verso', 'always'];
  const AVOID = ['avoid', 'avoid-page'];
  const ATOMIC = ['IMG', 'SVG', 'svg', 'FIGURE', 'TR'];
  const targets = new Map<Element, string>();
  for (const anchor of anchors) {
    const el = document.getElementById(anchor);
    if (el) targets.set(el, anchor);
  }
  const pages: Record<string, number> = {};
  let shift = 0; // space the page breaks so far add above the current point
  const base = window.scrollY;
  const yOf = (top: number) => top + base + shift;
  const pageOf = (y: number) => Math.floor(y / pageHeight + 1e-6);
  const crosses = (y: number, height: number) => height <= pageHeight && pageOf(y) !== pageOf(y + height - 0.5);
  const breakTo = (y: number) => {
    const offset = y - pageOf(y) * pageHeight;
    if (offset > 0.5) shift += pageHeight - offset;
  };
  /**
   * Moves the block starting at `g` to the next page; an anchor whose box begins with `g` (a
   * section whose heading moves) moves with it, though it was passed before.
   */
  const moveToNextPage = (g: Element) => {
    breakTo(yOf(g.getBoundingClientRect().top));
    for (const [el, anchor] of targets) {
      let first: Element | null = el;
      while (first && first !== g) first = first.firstElementChild;
      if (first === g && anchor in pages) pages[anchor] = pageOf(yOf(g.getBoundingClientRect().top)) + 1;
    }
  };
  const isBlock = (el: Element) => !getComputedStyle(el).display.startsWith('inline');

  /**
   * Where the block that must move with `el` starts: back over every break-avoid link before it
   * (a heading's break-after, a row's break-before), up from a first child to its parent (whose box
   * starts there too), and from a table's first body rows to its header and caption.
   */
  const gluedStart = (el: Element, prev: Element | null): Element => {
    let cur = el;
    let before = prev;
    for (let steps = 0; steps < 20; steps++) {
      const linked =
        AVOID.includes(getComputedStyle(cur).breakBefore) ||
        (before !== null && AVOID.includes(getComputedStyle(before).breakAfter)) ||
        (cur.tagName === 'TBODY' && before?.tagName === 'THEAD');
      if (before && !linked) return cur;
      if (before) {
        cur = before;
      } else if (cur.parentElement && cur.parentElement !== document.body) {
        cur = cur.parentElement; // a first child: its parent's box starts where it does
      } else return cur;
      before = cur.previousElementSibling;
    }
    return cur;
  };

  /**
   * A block of text lines: where one crosses a page end, Chromium breaks so that at least `orphans`
   * lines stay and `widows` lines go on; a paragraph too short for both moves whole, taking a
   * heading glued before it along.
   */
  const lines = (el: Element, prev: Element | null) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.height > 0).sort((a, b) => a.top - b.top);
    const style = getComputedStyle(el);
    const orphans = Number.parseInt(style.orphans, 10) || 2;
    const widows = Number.parseInt(style.widows, 10) || 2;
    let first = true;
    for (let i = 0; i < rects.length; i++) {
      if (!crosses(yOf(rects[i].top), rects[i].height)) continue;
      if (first && (i < orphans || rects.length - orphans < widows)) {
        moveToNextPage(gluedStart(el, prev));
      } else if (first && rects.length - i < widows) {
        breakTo(yOf(rects[rects.length - widows].top));
      } else breakTo(yOf(rects[i].top));
      first = false;
    }
  };

  const visit = (el: Element, prev: Element | null) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.position === 'absolute' || style.position === 'fixed') return;
    if (FORCED.includes(style.breakBefore)) breakTo(yOf(el.getBoundingClientRect().top) - parseFloat(style.marginTop));
    const rect = el.getBoundingClientRect();
    const keep = AVOID.includes(style.breakInside) || ATOMIC.includes(el.tagName) || /flex|grid/.test(style.display);
    if (keep && crosses(yOf(rect.top), rect.height)) {
      moveToNextPage(gluedStart(el, prev));
      const head = el.tagName === 'TR' ? el.closest('table')?.tHead : null;
      if (head && !head.contains(el)) shift += head.getBoundingClientRect().height;
    }
    const anchor = targets.get(el);
    if (anchor) pages[anchor] = pageOf(yOf(el.getBoundingClientRect().top)) + 1;
    const children = [...el.children].filter(isBlock);
    if (children.length && el.tagName !== 'svg') {
      children.forEach((child, i) => {
        visit(child, children[i - 1] ?? null);
      });
    } else if (!keep && crosses(yOf(rect.top), Math.min(rect.height, pageHeight))) lines(el, prev);
    if (FORCED.includes(style.breakAfter)) {
      const after = el.getBoundingClientRect();
      breakTo(yOf(after.bottom) + parseFloat(style.marginBottom));
    }
  };
  visit(document.body, null);
  for (const slot of document.querySelectorAll<HTMLElement>('[data-toc-page]'))
    slot.textContent = String(pages[slot.dataset.tocPage ?? ''] ?? '');
  return pages;
}

/** Writes known page numbers into the table of contents. */
export function fillTocPages(pages: Record<string, number>): void {
  for (const slot of document.querySelectorAll<HTMLElement>('[data-toc-page]'))
    slot.textContent = String(pages[slot.dataset.tocPage ?? ''] ?? '');
}

/** Loads every declared font face before layout is measured or printed. */
export async function loadFonts(): Promise<void> {
  await Promise.all([...document.fonts].map((face) => face.load()));
  await document.fonts.ready;
}
