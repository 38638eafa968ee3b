// Demo for the `model-based` slide: MPC with the true CartPole, then with a model learned from
// real steps, against PPO's real steps. All the work runs in model-based-worker.js (the core's
// Planner and Trainer); this module draws the latest frame on requestAnimationFrame and fills in
// the numbers, so the page keeps its frame rate.
//
// createModelBased(wasm) → { el, canvas, log, now, stats, table, controls, plan(), learn(), stop(), mount(), unmount() }.
import { h } from '../ui/dom.js';
import { button, numberField, slider, formatNumber } from '../ui/controls.js';
import { createCartPoleView } from '../ui/cartpole-view.js';

/** The real-step budget of "Learn a model" (the slide states it). */
export const BUDGET = 10000;
const SEED = 0;

/** Python's `str(float)` for a score: 500.0, not 500. */
const pyFloat = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');
const msText = (x) => (Number.isFinite(x) ? `${x < 0.1 ? x.toFixed(3) : x.toFixed(2)} ms` : '—');

export function createModelBased(wasm) {
  const limits = wasm.Planner.limits(); // the core's defaults and ranges: one source of truth
  let worker = null;
  let run = 0;
  let busy = false;
  let mounted = false;
  let raf = 0;
  let frame = null; // the latest frame from the worker, drawn on the next animation frame
  let drawn = null;
  let fast = false;
  let msRecent = [];

  const canvas = h('canvas', { class: 'pr-cp-canvas mb-canvas', role: 'img', 'aria-label': 'CartPole, waiting: press Plan or Learn a model', 'data-testid': 'mb-canvas' });
  const view = createCartPoleView(canvas);
  const log = h('ol', { class: 'pr-log mb-log', 'data-testid': 'mb-log', 'aria-label': 'Score log' });
  const now = h('output', { class: 'pr-now', 'data-testid': 'mb-now' }, ' ');
  const status = h('p', { class: 'mb-status', role: 'status', 'data-testid': 'mb-status' }, ' ');
  const out = (testid) => h('output', { 'data-testid': testid }, '—');
  const stats = { steps: out('mb-env-steps'), error: out('mb-one-step'), multi: out('mb-multi-step'), ms: out('mb-ms') };
  const cmp = { ppoSteps: out('mb-ppo-steps'), ppoMs: out('mb-ppo-ms'), mbSteps: out('mb-mb-steps'), mbMs: out('mb-mb-ms') };

  const horizon = numberField({ label: 'horizon', name: 'horizon', min: limits.horizon.min, max: limits.horizon.max, value: limits.horizon.value, hint: 'steps imagined ahead' });
  const samples = numberField({ label: 'samples', name: 'samples', min: limits.samples.min, max: limits.samples.max, value: limits.samples.value, hint: 'sequences per action' });
  horizon.input.dataset.testid = 'mb-horizon';
  samples.input.dataset.testid = 'mb-samples';
  const randomSteps = slider({ label: 'random steps', min: limits.random_steps.min, max: 5000, step: 100, value: limits.random_steps.value, format: formatNumber });
  randomSteps.input.dataset.testid = 'mb-random-steps';

  const planBtn = button('Plan (true model)', () => plan(), { kbd: 'P' });
  planBtn.dataset.testid = 'mb-plan';
  const learnBtn = button('Learn a model', () => learn(), { kbd: 'M' });
  learnBtn.dataset.testid = 'mb-learn';
  const stopBtn = button('Stop', () => stop(), { variant: 'secondary' });
  stopBtn.dataset.testid = 'mb-stop';
  stopBtn.disabled = true;
  const speedBtn = button('1×', () => {
    fast = !fast;
    speedBtn.textContent = fast ? '4×' : '1×';
    speedBtn.title = fast ? 'Speed: four times real time' : 'Speed: real time (50 Hz)';
    worker?.postMessage({ type: 'speed', fast });
  }, { variant: 'secondary' });
  speedBtn.title = 'Speed: real time (50 Hz)';
  speedBtn.dataset.testid = 'mb-speed';

  function ensureWorker() {
    if (worker) return worker;
    worker = new Worker(new URL('./model-based-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => onMessage(e.data);
    worker.onerror = (e) => {
      status.textContent = `The planner's worker failed: ${e.message || 'unknown error'}. Press a button to start again.`;
      worker?.terminate();
      worker = null;
      setBusy(false);
    };
    worker.postMessage({ type: 'speed', fast });
    return worker;
  }

  /** The options the fields hold now (a typed value not yet taken is taken first). */
  function options() {
    horizon.commit();
    samples.commit();
    return { horizon: horizon.value, samples: samples.value, random_steps: randomSteps.value, seed: SEED };
  }

  function setBusy(b) {
    busy = b;
    planBtn.disabled = b;
    learnBtn.disabled = b;
    stopBtn.disabled = !b;
  }

  function start(type, extra) {
    if (busy) return;
    run += 1;
    log.replaceChildren();
    now.textContent = ' ';
    msRecent = [];
    stats.ms.textContent = '—';
    setBusy(true);
    ensureWorker().postMessage({ type, run, options: options(), ...extra });
  }

  function plan() {
    stats.steps.textContent = '—';
    stats.error.textContent = 'exact';
    stats.multi.textContent = 'exact';
    status.textContent = 'Planning with CartPole’s own physics: no training.';
    start('plan');
  }

  function learn() {
    stats.steps.textContent = '0';
    stats.error.textContent = '—';
    stats.multi.textContent = '—';
    for (const o of Object.values(cmp)) o.textContent = '—';
    status.textContent = `Collecting ${formatNumber(randomSteps.value)} random steps…`;
    start('learn', { budget: BUDGET });
  }

  function stop() {
    if (!busy) return;
    run += 1;
    worker?.postMessage({ type: 'stop' });
    status.textContent = 'Stopped.';
    setBusy(false);
  }

  function onMessage(m) {
    if (m.run !== run) return;
    switch (m.type) {
      case 'frame':
        frame = m;
        for (const ms of m.ms) timing(ms);
        break;
      case 'episode':
        log.append(h('li', {}, `Episode:${m.episode} Score:${pyFloat(m.score)}`));
        while (log.children.length > 5) log.firstChild.remove();
        stats.steps.textContent = formatNumber(m.env_steps);
        stats.ms.textContent = msText(median(msRecent));
        now.textContent = ' ';
        break;
      case 'collected':
        stats.steps.textContent = formatNumber(m.env_steps);
        status.textContent = `${formatNumber(m.env_steps)} random steps (${m.episodes} episodes). Fitting the model…`;
        break;
      case 'fit':
        stats.error.textContent = pct(m.one_step_error);
        stats.multi.textContent = pct(m.multi_step_error);
        status.textContent = `Model fitted to ${formatNumber(m.transitions)} real steps in ${Math.round(m.ms)} ms. Planning with it…`;
        break;
      case 'solved':
        cmp.mbSteps.textContent = formatNumber(m.env_steps);
        cmp.mbMs.textContent = msText(median(msRecent));
        stats.steps.textContent = formatNumber(m.env_steps);
        status.textContent = `A 500-step episode after ${formatNumber(m.env_steps)} real steps. Now PPO, same seed…`;
        break;
      case 'budget':
        cmp.mbSteps.textContent = `none in ${formatNumber(m.env_steps)}`;
        status.textContent = `No 500-step episode within the ${formatNumber(BUDGET)}-step budget. Now PPO…`;
        break;
      case 'ppo':
        cmp.ppoSteps.textContent = m.env_steps == null ? 'none' : formatNumber(m.env_steps);
        cmp.ppoMs.textContent = msText(m.ms_per_action);
        status.textContent = m.env_steps == null ? 'PPO found no 500-step episode.' : `PPO’s first 500-step episode came after ${formatNumber(m.env_steps)} real steps.`;
        break;
      case 'done':
        setBusy(false);
        if (frame) canvas.setAttribute('aria-label', label(frame, true));
        break;
      case 'error':
        status.textContent = `The planner stopped: ${m.message}`;
        setBusy(false);
        break;
      default:
    }
  }

  function timing(ms) {
    msRecent.push(ms);
    if (msRecent.length > 200) msRecent.shift();
  }

  const median = (xs) => {
    if (!xs.length) return NaN;
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  };

  function label(f, over) {
    return `CartPole ${over ? 'after' : 'during'} episode ${f.episode}: score ${pyFloat(f.score)}, pole at ${(f.state[2] * 180 / Math.PI).toFixed(1)}°. Faint lines: the pole tip in the planner’s imagined futures.`;
  }

  function tick() {
    raf = requestAnimationFrame(tick);
    if (!frame || frame === drawn) return;
    drawn = frame;
    const over = Math.abs(frame.state[0]) > 2.4 || Math.abs(frame.state[2]) > (12 * 2 * Math.PI) / 360;
    view.draw(frame.state, { action: frame.action, failed: over, imagined: { trails: frame.trails, horizon: frame.horizon } });
    if (busy) now.textContent = `Episode:${frame.episode} Score:${pyFloat(frame.score)}`;
    if (frame.score % 50 === 0) canvas.setAttribute('aria-label', label(frame, false));
  }

  view.draw([0, 0, 0, 0]);
  const el = h(
    'div',
    { class: 'mb-demo' },
    canvas,
    h('div', { class: 'pr-cp-row' }, planBtn, learnBtn, stopBtn, speedBtn),
    h('div', { class: 'mb-fields' }, horizon.el, samples.el, randomSteps.el),
  );
  return {
    el,
    log,
    now,
    status,
    stats,
    cmp,
    plan,
    learn,
    stop,
    mount() {
      mounted = true;
      view.resize?.();
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(tick);
    },
    unmount() {
      mounted = false;
      cancelAnimationFrame(raf);
      stop();
    },
    get mounted() {
      return mounted;
    },
  };
}
