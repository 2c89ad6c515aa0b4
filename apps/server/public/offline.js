// "Hent til brug uden net" on a visit page, and the list of kept checklists on the page shown
// without network.
(() => {
  const button = document.getElementById('fetch-offline');
  if (button && 'serviceWorker' in navigator && window.caches) {
    const state = document.getElementById('fetch-offline-state');
    button.hidden = false;
    button.addEventListener('click', async () => {
      state.textContent = 'Henter …';
      try {
        await navigator.serviceWorker.ready;
        await (await caches.open('tilsyn-pages')).add(button.dataset.url);
        state.textContent = 'Tjeklisten er hentet og kan åbnes uden net.';
      } catch {
        state.textContent = 'Tjeklisten kunne ikke hentes. Prøv igen, når der er forbindelse.';
      }
    });
  }

  const list = document.getElementById('kept-checklists');
  if (list && window.caches) {
    (async () => {
      const cache = await caches.open('tilsyn-pages');
      const items = [];
      for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        if (!path.endsWith('/tjekliste')) continue;
        const html = await (await cache.match(request)).text();
        const title = new DOMParser().parseFromString(html, 'text/html').title.replace(/ – Tilsyn$/, '');
        const a = document.createElement('a');
        a.href = path;
        a.textContent = title;
        const li = document.createElement('li');
        li.append(a);
        items.push(li);
      }
      if (items.length) list.replaceChildren(...items);
    })();
  }
})();
