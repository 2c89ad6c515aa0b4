// Keeps a report or batch page current while the worker prints: polls the API every two seconds,
// updates the progress bar and the status line (role="status" reads it out), and reloads the page
// once everything is finished so the download links appear. Without JavaScript, "Opdater" works.
(() => {
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
        text.textContent = `Status: ${state.statusLabel}`;
        if (state.status === 'done' || state.status === 'failed') return location.reload();
      }
    } catch {
      // offline for a moment: try again at the next tick
    }
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 2000);
})();
