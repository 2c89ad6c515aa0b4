// Keeps a report or batch page current while the worker prints: polls the API every two seconds,
// updates the progress bar and the status line (role="status" reads it out), and reloads the page
// once everything is finished so the download links appear. Without JavaScript, the page reloads
// itself (a refresh in <noscript>) and "Opdater nu" works.
(() => {
  const WAITING = {
    queued: 'Rapporten er bestilt og dannes om et øjeblik. Siden opdaterer sig selv.',
    rendering: 'Rapporten dannes nu. Siden opdaterer sig selv.',
  };
  const box = document.querySelector('[data-poll]');
  if (!box) return;
  const bar = box.querySelector('[data-progress]');
  const text = box.querySelector('[data-progress-text]');
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.poll, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) return;
      const state = await res.json();
      if (state.progress) {
        const p = state.progress;
        if (bar) bar.value = p.done + p.failed;
        text.textContent = `${p.done} af ${p.total} rapporter færdige${p.failed ? `, ${p.failed} fejlet` : ''}`;
        if (state.finished) return location.reload();
      } else {
        if (state.status === 'done' || state.status === 'failed') return location.reload();
        // said once per change, so a screen reader is not told the same thing every two seconds
        const said = WAITING[state.status];
        if (said && text.textContent.trim() !== said) text.textContent = said;
      }
    } catch {
      // offline for a moment: try again at the next tick
    }
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 2000);
})();
