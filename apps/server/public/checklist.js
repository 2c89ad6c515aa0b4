// Checklist autosave, with or without network. Every change goes to IndexedDB first (TilsynStore,
// offline-store.js), then to the server; photos are scaled here and kept there too until uploaded.
// The queue survives a dropped connection, a reload and a browser restart (the service worker keeps
// the page), and is resent when the browser is online again. A write based on a stale version comes
// back 409 with the stored answer: the user chooses, nothing is silently overwritten.
(() => {
  const root = document.querySelector('.checklist[data-visit-id]');
  if (!root || root.hasAttribute('data-readonly')) return;
  const store = window.TilsynStore;
  const { visitId, userId, csrf } = root.dataset;
  const status = document.getElementById('sync-status');
  const netState = document.getElementById('net-state');
  const amendment = document.getElementById('amendmentReason');
  const rowTemplate = document.getElementById('evidence-row');
  const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
  const justifyAtOrBelow = Number(root.dataset.justifyAtOrBelow);
  /** indicatorId → { key, userId, visitId, indicatorId, body, version, state: 'pending' | 'conflict' | 'invalid', current? } */
  const queue = {};
  const sectionOf = (id) => root.querySelector(`.indicator[data-indicator-id="${id}"]`);
  let sending = false;
  /** Indicators edited in the last moments, not yet queued (the debounce is still running). */
  const typing = new Set();
  /** What the server has, per indicator, so a change event without a real change sends nothing. */
  const saved = {};
  /** Indicators with an answer on the server or in the queue, for the progress and "Færdig". */
  const answered = new Set();
  /** Thumbnails by attachment id, so a row rebuilt from a stored answer shows its photo. */
  const thumbs = {};
  let uid = 0;
  /** Whether the server answered the last time we tried; navigator.onLine alone says yes on a dead network. */
  let reachable = navigator.onLine;

  const keyOf = (id) => `${visitId}/${id}`;
  const persist = (id) =>
    (queue[id] ? store.put('answers', queue[id]) : store.remove('answers', keyOf(id))).catch(() => {});

  // --- evidence rows -------------------------------------------------------------------------

  function newRow(section, e = {}) {
    const row = rowTemplate.content.firstElementChild.cloneNode(true);
    const n = `x${uid++}`;
    for (const el of row.querySelectorAll('[data-id]')) el.id = `${el.dataset.id}-${n}`;
    for (const label of row.querySelectorAll('[data-for]')) label.htmlFor = `${label.dataset.for}-${n}`;
    row.querySelector('[name=source]').value = e.source || '';
    row.querySelector('[name=note]').value = e.note || '';
    const photoSrc = e.photoKey ? e.thumbUrl : e.attachmentId && thumbs[e.attachmentId];
    if (photoSrc) {
      row.querySelector('.file-choice')?.remove();
      const photo = row.querySelector('.photo');
      photo.hidden = false;
      const img = photo.querySelector('img');
      img.src = photoSrc;
      img.alt = `Foto til ${section.dataset.code}`;
      photo.querySelector('[name=inReport]').checked = !!e.inReport;
      if (e.attachmentId) row.dataset.attachmentId = e.attachmentId;
      if (e.photoKey) row.dataset.photoKey = e.photoKey;
    } else {
      row.querySelector('.photo').remove();
      const file = row.querySelector('select[name=attachmentId]');
      if (file) file.value = e.attachmentId || '';
    }
    return row;
  }

  function collect(section) {
    const chosen = section.querySelector('input[type=radio]:checked')?.value;
    const body = {
      assessment: 'not_assessed',
      justification: section.querySelector('textarea[name=justification]').value,
    };
    if (chosen?.startsWith('rated:')) Object.assign(body, { assessment: 'rated', rating: Number(chosen.slice(6)) });
    else if (chosen) body.assessment = chosen;
    body.evidence = [...section.querySelectorAll('.evidence-row')]
      .map((row) => {
        const e = { source: row.querySelector('[name=source]').value, note: row.querySelector('[name=note]').value };
        const attachmentId = row.dataset.attachmentId || row.querySelector('select[name=attachmentId]')?.value;
        if (attachmentId) e.attachmentId = attachmentId;
        if (row.dataset.photoKey) e.photoKey = row.dataset.photoKey;
        const inReport = row.querySelector('[name=inReport]');
        if (inReport) e.inReport = inReport.checked;
        return e;
      })
      .filter((e) => e.source);
    if (amendment) body.amendmentReason = amendment.value;
    return body;
  }

  /** The same answer gives the same text whatever order its fields were written in. */
  const fingerprint = (body) =>
    JSON.stringify(body, (_, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
    );

  async function fill(section, answer) {
    const value = answer.assessment === 'rated' ? `rated:${answer.rating}` : answer.assessment;
    for (const r of section.querySelectorAll('input[type=radio]')) r.checked = r.value === value;
    section.querySelector('textarea[name=justification]').value = answer.justification || '';
    const evidence = answer.evidence?.length ? answer.evidence : [{}];
    const rows = [];
    for (const e of evidence) {
      const photo =
        e.photoKey && !thumbs[e.attachmentId] ? await store.get('photos', e.photoKey).catch(() => null) : null;
      rows.push(newRow(section, { ...e, thumbUrl: photo?.thumbUrl }));
    }
    section.querySelector('.evidence-rows').replaceChildren(...rows);
  }

  // --- what the page says ----------------------------------------------------------------------

  function say(section, text) {
    section.querySelector('.save-state').textContent = text;
  }

  function render() {
    const waiting = new Set([...Object.keys(queue).filter((id) => queue[id].state === 'pending'), ...typing]).size;
    const conflicts = Object.values(queue).filter((q) => q.state !== 'pending').length;
    const parts = [];
    if (waiting) parts.push(`${waiting} svar er ikke sendt endnu${reachable ? '' : ' (ingen forbindelse)'}`);
    if (conflicts) parts.push(`${conflicts} svar kræver din stillingtagen`);
    status.textContent = parts.length ? parts.join(' · ') : 'Alle svar er gemt.';
    status.dataset.unsent = String(waiting + conflicts);
    status.classList.toggle('unsent', waiting + conflicts > 0);
    netState.hidden = false;
    netState.textContent = reachable ? 'Online' : 'Uden net';
    netState.classList.toggle('offline', !reachable);
    document.getElementById('answered-count').textContent = String(answered.size);
    const missing = [...root.querySelectorAll('.indicator')].flatMap((section) => {
      const lack = lacks(section);
      if (!lack) return [];
      const a = document.createElement('a');
      a.href = `#ind-${section.dataset.indicatorId}`;
      a.textContent = section.querySelector('h3').textContent;
      const li = document.createElement('li');
      li.append(a, ` – ${lack}`);
      return [li];
    });
    document.getElementById('missing-list').replaceChildren(...missing);
    const total = root.querySelectorAll('.indicator').length;
    document.getElementById('missing-summary').textContent = missing.length
      ? `${missing.length} af ${total} indikatorer mangler noget:`
      : `Alle ${total} indikatorer er vurderet.`;
  }

  /** What submitting would refuse for this indicator (the server's rule, for the "Færdig" list), or null. */
  function lacks(section) {
    if (!answered.has(section.dataset.indicatorId)) return 'mangler vurdering';
    const chosen = section.querySelector('input[type=radio]:checked')?.value ?? '';
    const low =
      chosen === 'not_relevant' || (chosen.startsWith('rated:') && Number(chosen.slice(6)) <= justifyAtOrBelow);
    return low && !section.querySelector('textarea[name=justification]').value.trim() ? 'mangler begrundelse' : null;
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
      resolve(section, id, box);
    });
    const other = document.createElement('button');
    other.type = 'button';
    other.className = 'secondary';
    other.textContent = 'Brug deres svar';
    other.addEventListener('click', async () => {
      delete queue[id];
      if (current) await fill(section, current);
      section.dataset.version = String(current?.version ?? 0);
      resolve(section, id, box);
    });
    actions.append(mine, other);
    box.append(p, actions);
    section.append(box);
  }

  function resolve(section, id, box) {
    box.remove();
    section.classList.remove('conflict');
    persist(id);
    render();
    flush();
  }

  // --- sending -----------------------------------------------------------------------------------

  /** Uploads a photo kept in IndexedDB (once: its key makes a retry return the stored one). */
  async function upload(photoKey) {
    const photo = await store.get('photos', photoKey);
    if (!photo) return null;
    if (photo.attachmentId) return photo.attachmentId;
    const form = new FormData();
    form.append('clientKey', photo.key);
    form.append('foto', photo.blob, photo.fileName);
    form.append('miniature', photo.thumb, 'miniature.jpg');
    const res = await fetch(`/api/v1/visits/${visitId}/photos`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf },
      body: form,
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(data.detail), { res, data });
    thumbs[data.id] = photo.thumbUrl;
    await store.put('photos', { ...photo, attachmentId: data.id });
    return data.id;
  }

  /** The body as the server takes it: photos uploaded first, then referred to by their attachment id. */
  async function prepare(item) {
    const evidence = [];
    const uploaded = {};
    for (const { photoKey, ...e } of item.body.evidence) {
      if (photoKey && !e.attachmentId) {
        const attachmentId = await upload(photoKey);
        if (!attachmentId) continue; // the photo was removed before it was sent
        e.attachmentId = uploaded[photoKey] = attachmentId;
      }
      evidence.push(e);
    }
    return { body: { ...item.body, evidence }, uploaded };
  }

  async function flush() {
    if (sending) return;
    sending = true;
    let stalled = false;
    let sent = 0;
    try {
      for (const id of Object.keys(queue)) {
        const item = queue[id];
        if (item.state !== 'pending') continue;
        const section = sectionOf(id);
        const queuedBody = JSON.stringify(item.body);
        let res;
        let data = {};
        let uploaded = {};
        let sentBody;
        try {
          const prepared = await prepare(item);
          uploaded = prepared.uploaded;
          sentBody = prepared.body;
          res = await fetch(`/api/v1/visits/${visitId}/answers/${id}`, {
            method: 'PUT',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ ...prepared.body, version: item.version }),
          });
          data = await res.json().catch(() => ({}));
        } catch (e) {
          if (!e.res) {
            reachable = false;
            stalled = true;
            break; // offline: keep everything queued and try again later
          }
          ({ res, data } = e); // the photo was refused: handled like a refused answer
        }
        reachable = true;
        if (res.ok) {
          sent++;
          section.dataset.version = String(data.version);
          // Rows whose photo is now on the server refer to it by id from here on.
          for (const row of section.querySelectorAll('.evidence-row[data-photo-key]')) {
            if (!uploaded[row.dataset.photoKey]) continue;
            row.dataset.attachmentId = uploaded[row.dataset.photoKey];
            delete row.dataset.photoKey;
          }
          // What the server holds now is what was sent, not what the section shows: a change made
          // while this was on its way is still to be sent.
          saved[id] = fingerprint(sentBody);
          // Changed again while this was in flight? Then send the newer text on top of the new version.
          if (JSON.stringify(queue[id]?.body) === queuedBody) {
            delete queue[id];
            for (const key of Object.keys(uploaded)) await store.remove('photos', key).catch(() => {});
          } else if (queue[id]) queue[id].version = data.version;
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
        await persist(id);
        render();
      }
    } finally {
      sending = false;
      render();
    }
    if (sent && !Object.keys(queue).length) refreshKeptPage();
    // Answers queued while this round was in flight go out now, not at the next timer tick.
    if (!stalled && Object.values(queue).some((q) => q.state === 'pending')) flush();
  }

  /** With nothing to send, a light request tells whether the server can be reached. */
  async function probe() {
    if (Object.values(queue).some((q) => q.state === 'pending')) return flush();
    reachable = await fetch('/sw.js', { method: 'HEAD', cache: 'no-store' }).then(
      () => true,
      () => false,
    );
    render();
  }

  /** Everything is sent: the copy kept for use without network is refreshed to what the server has. */
  function refreshKeptPage() {
    if (!window.caches) return;
    caches
      .open('tilsyn-pages')
      .then((cache) => cache.add(location.pathname))
      .catch(() => {});
  }

  /**
   * The first time a checklist opens, the service worker is only just installing and did not see
   * the page go by: keep it now, so it opens without network from here on. Whether the worker
   * controls the page by now says nothing about that (it may have claimed the page after the
   * page loaded), so the kept copy itself is checked.
   */
  async function keepPage() {
    if (!('serviceWorker' in navigator) || !window.caches) return;
    await navigator.serviceWorker.ready;
    const cache = await caches.open('tilsyn-pages');
    if (!(await cache.match(location.pathname))) await cache.add(location.pathname);
    root.dataset.kept = 'true';
  }

  const timers = {};
  function changed(section) {
    const id = section.dataset.indicatorId;
    clearTimeout(timers[id]);
    typing.add(id);
    answered.add(id);
    render();
    timers[id] = setTimeout(() => enqueue(section), 400);
  }

  function enqueue(section) {
    const id = section.dataset.indicatorId;
    clearTimeout(timers[id]);
    typing.delete(id);
    const existing = queue[id];
    const body = collect(section);
    if (!existing && fingerprint(body) === saved[id]) return render();
    queue[id] = {
      key: keyOf(id),
      userId,
      visitId,
      indicatorId: id,
      body,
      version: existing?.state === 'conflict' ? existing.version : Number(section.dataset.version),
      state: existing?.state === 'conflict' ? 'conflict' : 'pending',
      current: existing?.current,
    };
    say(section, 'Ikke sendt endnu');
    persist(id).then(() => {
      render();
      flush();
    });
  }

  // A tab closed or a tablet put to sleep right after typing still keeps what was typed.
  const enqueueTyped = () => {
    for (const id of [...typing]) enqueue(sectionOf(id));
  };
  window.addEventListener('pagehide', enqueueTyped);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && enqueueTyped());

  // --- photos ----------------------------------------------------------------------------------

  const toBlob = (canvas, type, quality) => new Promise((done) => canvas.toBlob(done, type, quality));

  /** The picture drawn at most `edge` pixels on its longer side. */
  function drawn(bitmap, edge) {
    const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas;
  }

  /** Scales a camera picture down until it is a JPEG of at most 2 MB; makes its thumbnail. */
  async function scale(file) {
    const bitmap = await createImageBitmap(file);
    let blob;
    for (const [edge, quality] of [
      [2560, 0.85],
      [2048, 0.8],
      [1600, 0.75],
      [1280, 0.7],
      [1024, 0.6],
    ]) {
      blob = await toBlob(drawn(bitmap, edge), 'image/jpeg', quality);
      if (blob.size <= MAX_PHOTO_BYTES) break;
    }
    const small = drawn(bitmap, 240);
    const thumb = await toBlob(small, 'image/jpeg', 0.7);
    return { blob, thumb, thumbUrl: small.toDataURL('image/jpeg', 0.7) };
  }

  async function takePhoto(section, input) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    say(section, 'Forbereder foto …');
    let scaled;
    try {
      scaled = await scale(file);
    } catch {
      return say(section, 'Billedet kunne ikke læses. Prøv igen.');
    }
    const photo = {
      key: crypto.randomUUID(),
      userId,
      visitId,
      indicatorId: section.dataset.indicatorId,
      fileName: `foto-${section.dataset.code}.jpg`,
      ...scaled,
    };
    await store.put('photos', photo);
    const row = newRow(section, { source: 'observation', photoKey: photo.key, thumbUrl: photo.thumbUrl });
    section.querySelector('.evidence-rows').append(row);
    row.querySelector('[name=note]').focus();
    changed(section);
  }

  // --- events --------------------------------------------------------------------------------

  root.addEventListener('input', (e) => {
    const section = e.target.closest('.indicator');
    if (section && !e.target.matches('.photo-input')) changed(section);
  });
  root.addEventListener('change', (e) => {
    const section = e.target.closest('.indicator');
    if (!section) return;
    if (e.target.matches('.photo-input')) takePhoto(section, e.target);
    else changed(section);
  });
  root.addEventListener('click', (e) => {
    const section = e.target.closest('.indicator');
    if (!section) return;
    if (e.target.closest('.add-evidence')) {
      const row = newRow(section);
      section.querySelector('.evidence-rows').append(row);
      row.querySelector('[name=source]').focus();
    } else if (e.target.closest('.remove-evidence')) {
      const row = e.target.closest('.evidence-row');
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      (next?.querySelector('[name=source]') ?? section.querySelector('.add-evidence')).focus();
      changed(section);
    }
  });
  // "Næste indikator" and the "Færdig" links move the keyboard focus along with the view.
  root.addEventListener('click', (e) => {
    const link = e.target.closest('a[href^="#"]');
    const target = link && document.getElementById(link.getAttribute('href').slice(1));
    link?.closest('details')?.removeAttribute('open');
    if (target) setTimeout(() => target.focus({ preventScroll: true }));
  });

  async function start() {
    for (const img of root.querySelectorAll('.evidence-row[data-attachment-id] img')) {
      thumbs[img.closest('.evidence-row').dataset.attachmentId] = img.src;
    }
    for (const section of root.querySelectorAll('.indicator')) {
      const id = section.dataset.indicatorId;
      saved[id] = fingerprint(collect(section));
      if (Number(section.dataset.version) > 0) answered.add(id);
      section.querySelector('.evidence-actions')?.removeAttribute('hidden');
    }
    await store.ready;
    // Answers queued before an update of this page (kept in localStorage then) move to IndexedDB.
    const legacy = JSON.parse(localStorage.getItem(`tilsyn.unsent.${visitId}`) || '{}');
    for (const [id, item] of Object.entries(legacy)) {
      queue[id] = { key: keyOf(id), userId, visitId, indicatorId: id, ...item };
      await persist(id);
    }
    localStorage.removeItem(`tilsyn.unsent.${visitId}`);
    // After a reload, show the user's unsent answers instead of the stored ones.
    for (const item of await store.of('answers', userId, visitId).catch(() => [])) {
      const id = item.indicatorId;
      const section = sectionOf(id);
      if (!section) {
        await store.remove('answers', item.key);
        continue;
      }
      queue[id] = item;
      answered.add(id);
      await fill(section, item.body);
      if (item.state === 'conflict') showConflict(section, id, item.current);
      else say(section, 'Ikke sendt endnu');
    }
    window.addEventListener('online', probe);
    window.addEventListener('offline', () => {
      reachable = false;
      render();
    });
    setInterval(probe, 5000);
    render();
    root.dataset.ready = 'true';
    performance.mark('checklist-ready');
    probe();
    keepPage().catch(() => {});
  }
  start();
})();
