// The offline service worker of a dist build. `cargo xtask dist` writes it as DIR/sw.js with
// BUILD (the build version) and FILES ({ path: [size, fnv1a32] }) in front; it is never
// registered from a checkout (www/offline/register.js).
//
// - Install: every file of the build into the cache "rl-live-build-<BUILD>", each checked
//   against its size and hash (a site half-way through a deploy fails the install: the cache
//   never holds files of two builds), then a "complete" mark. A failed install leaves nothing.
// - Pages: network first (a reload online shows the latest build, whatever the cache holds);
//   offline (or no answer within NAV_TIMEOUT_MS) the cached page of this build.
// - Every other request is answered for the build of the page (or worker) that makes it: from
//   that build's complete cache when there is one, else from the network, never from another
//   build's cache. Which client runs which build is kept in the cache "rl-live:clients".
// - A build's cache is deleted (at a page load or a new worker's start) once no open page has
//   run it for 10 s; this worker's own build is always kept.

const PREFIX = 'rl-live-build-';
const CLIENTS = 'rl-live:clients';
const COMPLETE = '__rl-live-complete__';
const NAV_TIMEOUT_MS = 5000;
const SCOPE = new URL('./', self.location.href).href;

/** The same 32-bit FNV-1a as serve/src/dist.rs. */
function fnv1a32(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const url = (path) => new URL(path, SCOPE).href;
const KEPT_HEADERS = ['Content-Type', 'Content-Security-Policy'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const name = PREFIX + BUILD;
      await caches.delete(name); // what an interrupted install may have left
      try {
        const cache = await caches.open(name);
        await Promise.all(
          Object.entries(FILES).map(async ([path, [size, hash]]) => {
            const res = await fetch(url(path), { cache: 'no-store' });
            if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
            const bytes = new Uint8Array(await res.arrayBuffer());
            if (bytes.length !== size || fnv1a32(bytes) !== hash) throw new Error(`${path} is not the file of build ${BUILD} (the site changed while it was being cached)`);
            const headers = {};
            for (const k of KEPT_HEADERS) if (res.headers.has(k)) headers[k] = res.headers.get(k);
            await cache.put(url(path), new Response(bytes, { headers }));
          }),
        );
        await cache.put(url(COMPLETE), new Response(BUILD));
      } catch (err) {
        await caches.delete(name);
        throw err;
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim().then(prune));
});

// ------------------------------------------------------------------ which client runs what

const builds = new Map(); // client id → build ('' = not a dist page: always the network)

async function remember(clientId, build) {
  if (!clientId) return;
  builds.set(clientId, build);
  const store = await caches.open(CLIENTS);
  await store.put(url(`__client__/${clientId}`), new Response(JSON.stringify({ build, at: Date.now() })));
}

async function record(store, req) {
  try {
    return JSON.parse(await (await store.match(req)).text());
  } catch {
    return null;
  }
}

async function buildOf(clientId) {
  if (!clientId) return null;
  if (builds.has(clientId)) return builds.get(clientId);
  const r = await record(await caches.open(CLIENTS), url(`__client__/${clientId}`));
  if (r) builds.set(clientId, r.build);
  return r ? r.build : null;
}

/** A build's cache, when it is complete. */
async function completeCache(build) {
  if (!build || !(await caches.has(PREFIX + build))) return null;
  const cache = await caches.open(PREFIX + build);
  return (await cache.match(url(COMPLETE))) ? cache : null;
}

async function fromCache(build, request) {
  const cache = await completeCache(build);
  if (!cache) return null;
  // The folder is its index.html; ?embed=1 and the like do not change the file.
  const u = new URL(request.url);
  if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  u.search = '';
  return (await cache.match(u.href)) || null;
}

/**
 * Deletes the caches of builds no open page runs (this worker's own is kept) and the records of
 * clients that are gone (a record younger than 10 s stays: its page may still be loading,
 * not yet listed among the clients).
 */
async function prune() {
  const open = await self.clients.matchAll({ includeUncontrolled: true, type: 'all' });
  const live = new Set(open.map((c) => c.id));
  const store = await caches.open(CLIENTS);
  const inUse = new Set([BUILD]);
  for (const req of await store.keys()) {
    const id = decodeURIComponent(req.url.split('__client__/')[1] || '');
    const r = await record(store, req);
    if (r && (live.has(id) || Date.now() - r.at < 10_000)) inUse.add(r.build);
    else {
      await store.delete(req);
      builds.delete(id);
    }
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && !inUse.has(name.slice(PREFIX.length))) await caches.delete(name);
  }
}

// ------------------------------------------------------------------ answering

async function networkPage(request) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), NAV_TIMEOUT_MS);
  try {
    return await fetch(request, { signal: abort.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function page(event) {
  const { request } = event;
  let res = null;
  try {
    res = await networkPage(request);
  } catch {
    /* offline, or no answer in time */
  }
  if (res && res.ok && (res.headers.get('Content-Type') || '').startsWith('text/html')) {
    const build = /<meta name="rl-live-build" content="([0-9a-f]+)">/.exec(await res.clone().text())?.[1] ?? '';
    await remember(event.resultingClientId, build);
    if (build && build !== BUILD) self.registration.update().catch(() => {}); // a newer build is out
    prune().catch(() => {});
    return res;
  }
  if (res && res.status < 500) return res; // the host's own answer (404 …), online
  const cached = await fromCache(BUILD, request);
  if (!cached) return res || Response.error();
  await remember(event.resultingClientId, BUILD);
  prune().catch(() => {});
  return cached;
}

async function file(event) {
  const { request } = event;
  const build = await buildOf(event.clientId);
  // A worker runs the build of the page that starts it.
  if (event.resultingClientId && build !== null) await remember(event.resultingClientId, build);
  if (build === '') return fetch(request);
  if (build !== null) return (await fromCache(build, request)) || fetch(request);
  // A page this worker has not seen load (the first visit, before the worker took over): the
  // network, else this build's copy.
  try {
    return await fetch(request);
  } catch (err) {
    const cached = await fromCache(BUILD, request);
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(request.mode === 'navigate' ? page(event) : file(event));
});

// A page tells which build it runs (register.js): the first visit's page, loaded before this
// worker existed, then gets its own build's files too.
self.addEventListener('message', (event) => {
  const m = event.data;
  if (m && m.type === 'rl-live:build' && typeof m.build === 'string' && event.source) event.waitUntil(remember(event.source.id, m.build));
});
