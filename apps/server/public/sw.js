// Service worker of Tilsyn. It keeps the checklist pages the inspector opened (or fetched with
// "Hent til brug uden net"), the visit list, and the files those pages use, so a checklist opens
// with no network after a reload or a browser restart. Answers given meanwhile live in IndexedDB
// (offline-store.js) until sent. Logging out clears all of it (Clear-Site-Data and the page).
const STATIC = 'tilsyn-static-v1';
const PAGES = 'tilsyn-pages';
const ASSETS = [
  '/static/app.css',
  '/static/offline-store.js',
  '/static/checklist.js',
  '/static/offline.js',
  '/static/uden-net.html',
];
/** Pages kept for use without network: a visit's checklist and the visit list (the app's start). */
const KEPT = /^\/besoeg(\/[0-9a-f-]{36}\/tjekliste)?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('tilsyn-static-') && k !== STATIC).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (KEPT.test(url.pathname)) event.respondWith(page(request, url));
  else if (url.pathname.startsWith('/static/')) event.respondWith(asset(request, url));
  else if (request.mode === 'navigate') event.respondWith(fallback(request));
});

/** The network's page when there is one (and keep it); otherwise the kept copy. */
async function page(request, url) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // A redirect (to the login page) or an error is never kept in place of the checklist.
    if (response.ok && !response.redirected) await cache.put(url.pathname, response.clone());
    return response;
  } catch {
    return (await cache.match(url.pathname)) ?? offlinePage();
  }
}

/** Files from the cache at once, refreshed in the background for the next time. */
async function asset(request, url) {
  const cache = await caches.open(STATIC);
  const kept = await cache.match(url.pathname);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(url.pathname, response.clone());
      return response;
    })
    .catch(() => undefined);
  return kept ?? (await fresh) ?? Response.error();
}

async function fallback(request) {
  try {
    return await fetch(request);
  } catch {
    return offlinePage();
  }
}

async function offlinePage() {
  return (await caches.match('/static/uden-net.html')) ?? Response.error();
}
