// The plan's status page: each open item's form saves by itself while it is typed, as the
// checklist does. A save is a PUT of the item's status with the version the page last read; a
// stale version comes back 409 with the current status, and the user chooses (nothing is silently
// overwritten). Without network the form's latest content waits in localStorage and is sent when
// the browser is online again, also after a reload. Without JavaScript each form is posted by its
// button.
(() => {
  const root = document.querySelector('.status-list');
  if (!root) return;
  const { csrf } = root.dataset;
  const user = document.querySelector('meta[name="tilsyn-user"]')?.content ?? '';
  const summary = document.getElementById('gem-status');
  const KEY = `tilsyn.follow-up-status.${user}`;
  const DELAY_MS = 1500;

  /** holder id → { api, body, version } waiting to be sent. */
  const queue = JSON.parse(localStorage.getItem(KEY) || '{}');
  const keep = () => localStorage.setItem(KEY, JSON.stringify(queue));
  const forms = new Map([...root.querySelectorAll('form.status-form')].map((f) => [f.dataset.id, f]));

  const state = (form, text) => {
    const el = form.querySelector('.save-state');
    if (el) el.textContent = text;
  };
  const pending = () => {
    const n = Object.keys(queue).length;
    summary.textContent = n ? `${n} punkt(er) venter på at blive gemt.` : '';
  };

  /** The form as the API takes it: one status, or parts when target groups are filled in. */
  const bodyOf = (form) => {
    const data = new FormData(form);
    const parts = [];
    for (let i = 0; data.has(`parts[${i}].group`); i++) {
      const group = String(data.get(`parts[${i}].group`) || '').trim();
      const statusId = String(data.get(`parts[${i}].statusId`) || '');
      if (group || statusId) parts.push({ group, statusId });
    }
    return parts.length
      ? { parts, text: String(data.get('text') || '') }
      : { statusId: String(data.get('statusId') || ''), text: String(data.get('text') || '') };
  };

  const sending = new Set();
  async function send(id) {
    const item = queue[id];
    const form = forms.get(id);
    if (!item || sending.has(id)) return;
    if (!item.body.text.trim()) {
      if (form) state(form, 'Skriv en statustekst, så gemmes punktet.');
      return;
    }
    sending.add(id);
    let again = false;
    if (form) state(form, 'Gemmer …');
    try {
      const res = await fetch(item.api, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
        body: JSON.stringify({ ...item.body, version: item.version }),
      });
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        // changed again while this was on its way? then the newer content goes on top of the new version, now
        if (queue[id] === item) delete queue[id];
        else if (queue[id]) {
          queue[id].version = data.version;
          again = true;
        }
        if (form) {
          form.querySelector('input[name="version"]').value = String(data.version);
          state(
            form,
            `Gemt ${new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' })}: ${data.statusSentence ?? ''}`,
          );
        }
      } else if (res.status === 409) {
        const current = data.current ?? {};
        delete queue[id];
        if (form) conflict(form, item, current);
      } else if (res.status === 422 || res.status === 400) {
        delete queue[id];
        if (form) state(form, `Ikke gemt: ${(data.errors ?? []).map((e) => e.message).join('; ') || data.message}`);
      } else {
        if (form) state(form, `Ikke gemt endnu (fejl ${res.status}); prøver igen.`);
      }
    } catch {
      if (form) state(form, 'Ingen forbindelse: gemmes, når der er net igen.');
    } finally {
      sending.delete(id);
      keep();
      pending();
      if (again) send(id);
    }
  }

  /** Someone else saved first: show theirs and let the user keep their own text or take the other. */
  function conflict(form, mine, current) {
    form.querySelector('.conflict')?.remove();
    const box = document.createElement('div');
    box.className = 'conflict notice';
    box.setAttribute('role', 'alert');
    const p = document.createElement('p');
    p.textContent = `En anden har gemt status i mellemtiden: ${current.statusSentence ?? ''} ${current.statusText ?? ''}`;
    const useMine = document.createElement('button');
    useMine.type = 'button';
    useMine.textContent = 'Gem min tekst alligevel';
    useMine.addEventListener('click', () => {
      queue[form.dataset.id] = { ...mine, version: current.version };
      keep();
      box.remove();
      send(form.dataset.id);
    });
    const useTheirs = document.createElement('button');
    useTheirs.type = 'button';
    useTheirs.className = 'secondary';
    useTheirs.textContent = 'Brug deres';
    useTheirs.addEventListener('click', () => {
      form.querySelector('textarea[name="text"]').value = current.statusText ?? '';
      if (current.statusId) form.querySelector('select[name="statusId"]').value = current.statusId;
      form.querySelector('input[name="version"]').value = String(current.version);
      box.remove();
      state(form, 'Deres status er vist.');
    });
    box.append(p, useMine, ' ', useTheirs);
    form.prepend(box);
    state(form, 'Ikke gemt: ændret af en anden.');
  }

  const timers = new Map();
  const changed = (form) => {
    const id = form.dataset.id;
    queue[id] = {
      api: form.dataset.api,
      body: bodyOf(form),
      version: Number(queue[id]?.version ?? form.querySelector('input[name="version"]').value),
    };
    keep();
    pending();
    clearTimeout(timers.get(id));
    timers.set(
      id,
      setTimeout(() => send(id), DELAY_MS),
    );
  };

  for (const form of forms.values()) {
    form.addEventListener('input', () => changed(form));
    form.addEventListener('change', () => changed(form));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      changed(form);
      clearTimeout(timers.get(form.dataset.id));
      send(form.dataset.id);
    });
  }
  // what waited from an earlier visit: shown in its form and sent
  for (const [id, item] of Object.entries(queue)) {
    const form = forms.get(id);
    if (form) {
      form.querySelector('textarea[name="text"]').value = item.body.text;
      if (item.body.statusId) form.querySelector('select[name="statusId"]').value = item.body.statusId;
    }
    send(id);
  }
  pending();
  const retry = () => {
    for (const id of Object.keys(queue)) send(id);
  };
  window.addEventListener('online', retry);
  // a lost connection does not always say when it is back: try what waits every few seconds
  setInterval(() => {
    if (Object.keys(queue).length) retry();
  }, 5000);
})();
