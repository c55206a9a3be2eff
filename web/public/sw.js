/*
 * The service worker of the Jiuye pages. Served from the site root so its scope is `/`.
 * - The app shell (index.html) and the built assets are cached, so the field pages open with no
 *   connection; a navigation that fails offline gets the cached shell.
 * - API requests go to the network first. Only the account check (`auth/me`) is kept for offline
 *   use: personal records live in the page's own IndexedDB store, not in this cache.
 * - Logging in or out empties the API cache, so one account's answer never shows for another.
 */
const SHELL = 'jiuye-shell-v1';
const API = 'jiuye-api-v1';
const OFFLINE_API = ['/api/v1/auth/me'];

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const res = await fetch('/index.html', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/index.html', res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...assets, '/favicon.svg', '/manifest.webmanifest'])]).catch(() => undefined);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== API).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'cache-assets' && Array.isArray(event.data.urls)) {
    event.waitUntil(caches.open(SHELL).then((c) => Promise.all(event.data.urls.map((u) => c.match(u).then((hit) => hit || c.add(u).catch(() => undefined))))));
  }
});

function offlineProblem() {
  return new Response(JSON.stringify({ type: 'urn:jiuye:problem:offline', title: 'Offline', status: 503, code: 'offline', detail: 'No connection; the request was not sent' }), {
    status: 503,
    headers: { 'content-type': 'application/problem+json' },
  });
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith('/api/')) {
    if (url.pathname === '/api/v1/auth/login' || url.pathname === '/api/v1/auth/logout') {
      event.respondWith(caches.delete(API).then(() => fetch(req)));
      return;
    }
    // Writes go straight to the network: the pages queue them themselves when offline.
    if (req.method !== 'GET') return;
    const keep = OFFLINE_API.includes(url.pathname);
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (keep && res.ok) {
            // Clone now: once the page reads the body, it can no longer be copied.
            const copy = res.clone();
            event.waitUntil(caches.open(API).then((c) => c.put(req, copy)));
          }
          return res;
        })
        .catch(async () => (keep ? await caches.match(req, { cacheName: API, ignoreVary: true }) : undefined) || offlineProblem()),
    );
    return;
  }

  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            event.waitUntil(caches.open(SHELL).then((c) => c.put('/index.html', copy)));
          }
          return res;
        })
        .catch(async () => (await caches.match('/index.html', { cacheName: SHELL, ignoreVary: true })) || Response.error()),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg' || url.pathname === '/manifest.webmanifest') {
    // Built assets have content hashes in their names: a cached copy is always the right one.
    event.respondWith(
      caches.match(req, { cacheName: SHELL, ignoreVary: true }).then((hit) => hit || fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          event.waitUntil(caches.open(SHELL).then((c) => c.put(req, copy)));
        }
        return res;
      })),
    );
  }
});
