// Test page: mounts every training component on one page (tests/training.rs drives it).
// window.__training exposes the session and components; window.__rlLiveErrors collects errors.
const errors = (window.__rlLiveErrors = window.__rlLiveErrors || []);
const describe = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : String(v));
window.addEventListener('error', (e) => errors.push({ kind: 'error', message: e.error ? describe(e.error) : String(e.message) }), true);
window.addEventListener('unhandledrejection', (e) => errors.push({ kind: 'unhandledrejection', message: describe(e.reason) }));
document.addEventListener('securitypolicyviolation', (e) => errors.push({ kind: 'csp', message: `CSP ${e.effectiveDirective} blocked ${e.blockedURI || 'inline content'}` }));

// requestAnimationFrame counter: tests measure the UI thread's frame rate with it.
const frames = (window.__frames = { count: 0, last: 0 });
function tick(t) {
  frames.count += 1;
  frames.last = t;
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);

async function boot() {
  const wasm = await import('../../www/pkg/rl_live.js');
  await wasm.default();
  const { TrainingSession, SB3_KEYS } = await import('../../www/training/session.js');
  const format = await import('../../www/training/format.js');
  const { createControls } = await import('../../www/training/controls.js');
  const { createMetricsTable } = await import('../../www/training/metrics-table.js');
  const { createCurves } = await import('../../www/training/curves.js');
  const { createAgentView } = await import('../../www/training/agent-view.js');
  const { createBundled, createAgentFiles, loadBundledAgent } = await import('../../www/training/bundled.js');
  const { createPhaseView } = await import('../../www/training/phase.js');

  const session = TrainingSession.shared(wasm);
  const $ = (id) => document.getElementById(id);
  const components = {
    controls: createControls($('controls'), session, wasm),
    bundled: createBundled($('controls'), session, wasm),
    phase: createPhaseView($('phase'), session, wasm),
    table: createMetricsTable($('table'), session, wasm),
    curves: createCurves($('curves'), session, wasm),
    agent: createAgentView($('agent'), session, wasm),
    files: createAgentFiles($('files'), session, wasm),
  };
  for (const c of Object.values(components)) c.mount();
  window.__training = { wasm, session, components, loadBundledAgent, format, SB3_KEYS };
  document.body.dataset.ready = '1';
}

boot().catch((e) => {
  errors.push({ kind: 'boot', message: describe(e) });
  const box = document.getElementById('load-error');
  box.textContent = `Failed to start: ${describe(e)}`;
  box.hidden = false;
});
