/*
 * Conveyor's service worker: the phone's page (/me) opens without a network and shows the last
 * numbers it kept. What it touches, and nothing else (docs/phone.md):
 * - a navigation to /me: the network first (a new build is served at once), the kept shell when offline;
 * - /assets/*: content-hashed files, from the cache first (a name never changes its content);
 * - the manifest and icons: the network first, the kept copy offline.
 * The API and the socket are never answered from a cache, and every other page (the wall TV, the
 * console) goes to the network as if there were no worker. The build fills in BUILD and SHELL; a new
 * build is a new worker, which takes over at once and drops the old build's cache.
 */
const BUILD = 'dev';
const SHELL = [];
const CACHE = `conveyor-${BUILD}`;
const PAGE = '/me';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([PAGE, ...SHELL]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('conveyor-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path.startsWith('/api/') || path.startsWith('/socket.io')) return;
  if (request.mode === 'navigate') {
    if (path.replace(/\/+$/, '') === PAGE) event.respondWith(networkFirst(request, PAGE));
    return;
  }
  if (path.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (SHELL.includes(path)) event.respondWith(networkFirst(request, path));
});

/** The network's answer (kept for next time), or the kept one when there is no network. */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
