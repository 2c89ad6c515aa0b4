// Checklist autosave. Every change is queued in localStorage first, then sent; the queue survives
// a dropped connection and a reload, and is resent when the browser is online again. A write
// based on a stale version comes back 409 with the stored answer: the user chooses, nothing is
// silently overwritten.
(() => {
  const root = document.querySelector('.checklist[data-visit-id]');
  if (!root || root.hasAttribute('data-readonly')) return;
  const visitId = root.dataset.visitId;
  const csrf = root.dataset.csrf;
  const key = `tilsyn.unsent.${visitId}`;
  const status = document.getElementById('sync-status');
  const amendment = document.getElementById('amendmentReason');
  /** indicatorId → { body, version, state: 'pending' | 'conflict' | 'invalid', current? } */
  const queue = JSON.parse(localStorage.getItem(key) || '{}');
  const sectionOf = (id) => root.querySelector(`.indicator[data-indicator-id="${id}"]`);
  let sending = false;
  /** Indicators edited in the last moments, not yet queued (the debounce is still running). */
  const typing = new Set();
  /** What the server has, per indicator, so a change event without a real change sends nothing. */
  const saved = {};

  const persist = () => localStorage.setItem(key, JSON.stringify(queue));

  function collect(section) {
    const chosen = section.querySelector('input[type=radio]:checked')?.value;
    const body = {
      assessment: 'not_assessed',
      justification: section.querySelector('textarea[name=justification]').value,
    };
    if (chosen?.startsWith('rated:')) Object.assign(body, { assessment: 'rated', rating: Number(chosen.slice(6)) });
    else if (chosen) body.assessment = chosen;
    body.evidence = [...section.querySelectorAll('.evidence-row')]
      .map((row) => ({
        source: row.querySelector('select[name=source]').value,
        note: row.querySelector('input[name=note]').value,
        attachmentId: row.querySelector('select[name=attachmentId]')?.value || undefined,
      }))
      .filter((e) => e.source);
    if (amendment) body.amendmentReason = amendment.value;
    return body;
  }

  function fill(section, answer) {
    const value = answer.assessment === 'rated' ? `rated:${answer.rating}` : answer.assessment;
    for (const r of section.querySelectorAll('input[type=radio]')) r.checked = r.value === value;
    section.querySelector('textarea[name=justification]').value = answer.justification || '';
    const rows = [...section.querySelectorAll('.evidence-row')];
    rows.forEach((row, i) => {
      const e = answer.evidence?.[i];
      row.querySelector('select[name=source]').value = e?.source || '';
      row.querySelector('input[name=note]').value = e?.note || '';
      const file = row.querySelector('select[name=attachmentId]');
      if (file) file.value = e?.attachmentId || '';
    });
  }

  function say(section, text) {
    section.querySelector('.save-state').textContent = text;
  }

  function render() {
    const waiting = new Set([...Object.keys(queue).filter((id) => queue[id].state === 'pending'), ...typing]).size;
    const conflicts = Object.values(queue).filter((q) => q.state !== 'pending').length;
    const parts = [];
    if (waiting)
      parts.push(
        `${waiting} ${waiting === 1 ? 'svar er' : 'svar er'} ikke sendt endnu${navigator.onLine ? '' : ' (ingen forbindelse)'}`,
      );
    if (conflicts) parts.push(`${conflicts} ${conflicts === 1 ? 'svar kræver' : 'svar kræver'} din stillingtagen`);
    status.textContent = parts.length ? parts.join(' · ') : 'Alle svar er gemt.';
    status.dataset.unsent = String(waiting + conflicts);
    status.classList.toggle('unsent', waiting + conflicts > 0);
  }

  function showConflict(section, id, current) {
    section.classList.add('conflict');
    section.querySelector('.conflict-box')?.remove();
    const box = document.createElement('div');
    box.className = 'conflict-box';
    box.setAttribute('role', 'alert');
    const theirs = current
      ? current.assessment === 'rated'
        ? `score ${current.rating}`
        : current.assessment === 'not_relevant'
          ? 'ikke relevant'
          : 'ikke vurderet'
      : 'ingen';
    const p = document.createElement('p');
    p.textContent = `En anden har gemt dette svar imens (${theirs}${current?.justification ? `: "${current.justification}"` : ''}). Dit svar er ikke gemt.`;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const mine = document.createElement('button');
    mine.type = 'button';
    mine.textContent = 'Gem mit svar';
    mine.addEventListener('click', () => {
      Object.assign(queue[id], { version: current?.version ?? 0, state: 'pending' });
      section.dataset.version = String(current?.version ?? 0);
      resolve(section, box);
    });
    const other = document.createElement('button');
    other.type = 'button';
    other.className = 'secondary';
    other.textContent = 'Brug deres svar';
    other.addEventListener('click', () => {
      delete queue[id];
      if (current) fill(section, current);
      section.dataset.version = String(current?.version ?? 0);
      resolve(section, box);
    });
    actions.append(mine, other);
    box.append(p, actions);
    section.append(box);
  }

  function resolve(section, box) {
    box.remove();
    section.classList.remove('conflict');
    persist();
    render();
    flush();
  }

  async function flush() {
    if (sending) return;
    sending = true;
    let stalled = false;
    try {
      for (const id of Object.keys(queue)) {
        const item = queue[id];
        if (item.state !== 'pending') continue;
        const sent = JSON.stringify(item.body);
        let res;
        try {
          res = await fetch(`/api/v1/visits/${visitId}/answers/${id}`, {
            method: 'PUT',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ ...item.body, version: item.version }),
          });
        } catch {
          stalled = true;
          break; // offline: keep everything queued and try again later
        }
        const section = sectionOf(id);
        const data = await res.json().catch(() => ({}));
        if (res.ok) {
          section.dataset.version = String(data.version);
          // Changed again while this was in flight? Then send the newer text on top of the new version.
          saved[id] = sent;
          if (JSON.stringify(queue[id]?.body) === sent) delete queue[id];
          else if (queue[id]) queue[id].version = data.version;
          say(section, `Gemt kl. ${new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' })}`);
        } else if (res.status === 409) {
          Object.assign(item, { state: 'conflict', current: data.current ?? null });
          showConflict(section, id, data.current ?? null);
        } else if (res.status === 422 || res.status === 400) {
          item.state = 'invalid';
          say(section, `Ikke gemt: ${(data.errors || []).map((e) => e.message).join('; ') || data.detail}`);
        } else if (res.status === 401 || res.status === 403) {
          status.textContent = 'Du er logget ud. Log ind i et nyt vindue; dine svar venter her.';
          stalled = true;
          break;
        } else {
          stalled = true;
          break; // server trouble: retry later
        }
        persist();
        render();
      }
    } finally {
      sending = false;
      persist();
      render();
    }
    // Answers queued while this round was in flight go out now, not at the next timer tick.
    if (!stalled && Object.values(queue).some((q) => q.state === 'pending')) flush();
  }

  const timers = {};
  function changed(section) {
    const id = section.dataset.indicatorId;
    clearTimeout(timers[id]);
    typing.add(id);
    render();
    timers[id] = setTimeout(() => {
      typing.delete(id);
      const existing = queue[id];
      const body = collect(section);
      if (!existing && JSON.stringify(body) === saved[id]) return render();
      queue[id] = {
        body,
        version: existing?.state === 'conflict' ? existing.version : Number(section.dataset.version),
        state: existing?.state === 'conflict' ? 'conflict' : 'pending',
        current: existing?.current,
      };
      say(section, 'Ikke sendt endnu');
      persist();
      render();
      flush();
    }, 400);
  }

  root.addEventListener('input', (e) => {
    const section = e.target.closest('.indicator');
    if (section) changed(section);
  });
  root.addEventListener('change', (e) => {
    const section = e.target.closest('.indicator');
    if (section) changed(section);
  });

  for (const section of root.querySelectorAll('.indicator')) {
    saved[section.dataset.indicatorId] = JSON.stringify(collect(section));
  }
  // After a reload, show the user's unsent answers instead of the stored ones.
  for (const [id, item] of Object.entries(queue)) {
    const section = sectionOf(id);
    if (!section) {
      delete queue[id];
      continue;
    }
    fill(section, item.body);
    if (item.state === 'conflict') showConflict(section, id, item.current);
  }
  window.addEventListener('online', flush);
  window.addEventListener('offline', render);
  setInterval(flush, 5000);
  render();
  flush();
})();
