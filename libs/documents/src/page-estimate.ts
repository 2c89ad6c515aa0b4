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
  const isBlock = (el: Element) => !getComputedStyle(el).display.startsWith('inline');

  const lines = (el: Element) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    for (const r of [...range.getClientRects()].sort((a, b) => a.top - b.top)) {
      if (r.height > 0 && crosses(yOf(r.top), r.height)) breakTo(yOf(r.top));
    }
  };

  const visit = (el: Element, prev: Element | null) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.position === 'absolute' || style.position === 'fixed') return;
    if (FORCED.includes(style.breakBefore)) breakTo(yOf(el.getBoundingClientRect().top) - parseFloat(style.marginTop));
    const rect = el.getBoundingClientRect();
    const keep = AVOID.includes(style.breakInside) || ATOMIC.includes(el.tagName) || /flex|grid/.test(style.display);
    if (keep && crosses(yOf(rect.top), rect.height)) {
      // a heading that must stay with what follows moves along
      const glued =
        prev && (AVOID.includes(getComputedStyle(prev).breakAfter) || AVOID.includes(style.breakBefore)) ? prev : el;
      breakTo(yOf(glued.getBoundingClientRect().top));
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
    } else if (!keep && crosses(yOf(rect.top), Math.min(rect.height, pageHeight))) lines(el);
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
