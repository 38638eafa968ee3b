// Offline: a dist build (`cargo xtask dist`, whose pages carry <meta name="rl-live-build">)
// registers its service worker (DIR/sw.js, next to index.html), which caches the whole build on
// the first visit. A checkout served by `cargo xtask serve` has no build version: it registers
// nothing, and removes a worker a dist left on the same origin, so that a fresh
// `cargo xtask build` is never hidden behind an old cache (that worker already hands pages
// without a build version to the network).

const SCRIPT = new URL('../../sw.js', import.meta.url);

/** This page's build version, or null (a checkout). */
export function buildVersion(doc = document) {
  return doc.querySelector('meta[name="rl-live-build"]')?.content || null;
}

export async function setupOffline() {
  const sw = navigator.serviceWorker;
  if (!sw) return { state: 'unsupported' };
  const build = buildVersion();
  if (!build) {
    const scope = new URL('./', SCRIPT).href;
    const stale = (await sw.getRegistrations()).filter((r) => r.scope === scope);
    for (const r of stale) await r.unregister();
    if (stale.length) for (const name of await caches.keys()) if (name.startsWith('rl-live')) await caches.delete(name);
    return { state: 'checkout', removed: stale.length };
  }
  const tell = () => sw.controller?.postMessage({ type: 'rl-live:build', build });
  sw.addEventListener('controllerchange', tell);
  tell();
  await sw.register(SCRIPT, { scope: new URL('./', SCRIPT).href });
  return { state: 'registered', build };
}
