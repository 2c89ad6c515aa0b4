// What the browser keeps for work without network, in one place: IndexedDB for unsent answers and
// photos, the service worker's caches for pages. Records carry the user and the visit; a different
// user signing in on the same tablet, or logging out, clears everything.
(() => {
  const DB = 'tilsyn';
  const STORES = ['answers', 'photos'];
  let opened;
  const open = () => {
    opened ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => {
        for (const name of STORES) {
          const store = request.result.createObjectStore(name, { keyPath: 'key' });
          store.createIndex('visit', ['userId', 'visitId']);
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opened;
  };
  /** Runs one request in its own transaction; resolves once the transaction has committed. */
  const run = async (name, mode, makeRequest) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(name, mode);
      const request = makeRequest(tx.objectStore(name));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  };

  async function clearAll() {
    if (opened) (await opened).close();
    opened = undefined;
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(DB);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    if (window.caches) for (const key of await caches.keys()) await caches.delete(key);
  }

  window.TilsynStore = {
    of: (name, userId, visitId) => run(name, 'readonly', (s) => s.index('visit').getAll([userId, visitId])),
    get: (name, key) => run(name, 'readonly', (s) => s.get(key)),
    put: (name, value) => run(name, 'readwrite', (s) => s.put(value)),
    remove: (name, key) => run(name, 'readwrite', (s) => s.delete(key)),
    count: (name) => run(name, 'readonly', (s) => s.count()),
    clearAll,
  };

  const user = document.querySelector('meta[name="tilsyn-user"]')?.content;
  if (!user) return;
  open().catch(() => {}); // early, so the checklist finds its queue without waiting
  // Another user on this browser: nothing of the previous one may stay.
  const previous = localStorage.getItem('tilsyn.user');
  const ready = previous && previous !== user ? clearAll() : Promise.resolve();
  localStorage.setItem('tilsyn.user', user);
  window.TilsynStore.ready = ready;

  if ('serviceWorker' in navigator) {
    ready.then(() => navigator.serviceWorker.register('/sw.js', { scope: '/' })).catch(() => {});
  }

  // Logging out empties the store (the server also sends Clear-Site-Data); unsent answers would be
  // lost, so the inspector is asked first.
  const logout = document.querySelector('form[action="/logout"]');
  logout?.addEventListener('submit', async (event) => {
    if (logout.dataset.cleared) return;
    event.preventDefault();
    const unsent = await window.TilsynStore.count('answers').catch(() => 0);
    if (unsent && !confirm(`${unsent} svar er ikke sendt endnu og går tabt, hvis du logger ud. Log ud alligevel?`)) {
      return;
    }
    await clearAll().catch(() => {});
    localStorage.removeItem('tilsyn.user');
    logout.dataset.cleared = 'true';
    logout.submit();
  });
})();
