// The 10-armed testbed with ε-greedy (Sutton & Barto §2.3), computed by the Rust engine
// (`bandit_testbed`) in chunks of runs so that no call blocks the page for long.
//
// Chunk j is called with seed = base + j·CHUNK·G (G = the engine's per-run Weyl increment),
// so run i of chunk j uses exactly the stream of run j·CHUNK + i of one big experiment: the
// finished curves equal `bandit_testbed({ runs: RUNS, seed: base })` — and every ε faces the
// same 2000 bandit problems.
import { h } from '../ui/dom.js';
import { button, slider } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';
import { cssVar } from '../ui/canvas.js';

export const RUNS = 2000;
export const STEPS = 1000;
export const CHUNK = 100;
const WEYL = 0x9e3779b97f4a7c15n;
const MASK = (1n << 64n) - 1n;
const FIXED = [
  { eps: 0, label: 'ε = 0 (greedy)', color: '--bad', fallback: '#ef476f' },
  { eps: 0.01, label: 'ε = 0.01', color: '--accent-2', fallback: '#4cc9f0' },
  { eps: 0.1, label: 'ε = 0.1', color: '--good', fallback: '#06d6a0' },
];

export function chunkSeed(base, j) {
  return (BigInt(base) + BigInt(j * CHUNK) * WEYL) & MASK;
}

export function createBandit(wasm, { seed = 0 } = {}) {
  const series = [...FIXED.map((f) => ({ ...f })), { eps: 0.3, label: 'your ε', color: '--accent', fallback: '#fca311', mine: true }];
  const chunks = RUNS / CHUNK;
  let jobs = []; // [{ s (series index), j (chunk) }]
  let revealed = 0; // steps shown
  let started = false;
  let raf = 0;
  let mounted = false;
  let lastT = 0;

  function clearSeries(s) {
    s.reward = new Float64Array(STEPS);
    s.optimal = new Float64Array(STEPS);
    s.done = 0; // chunks done
  }
  series.forEach(clearSeries);

  const rewardCanvas = h('canvas', { class: 'bandit-plot', role: 'img', 'aria-label': 'Average reward per step for each ε' });
  const optimalCanvas = h('canvas', { class: 'bandit-plot', role: 'img', 'aria-label': 'Percent of runs choosing the best arm, per step, for each ε' });
  const rewardPlot = createLinePlot(rewardCanvas, { xLabel: 'step', yLabel: 'average reward', yMin: 0, yMax: 1.6, xMin: 0, xMax: STEPS * 1.04 });
  const optimalPlot = createLinePlot(optimalCanvas, { xLabel: 'step', yLabel: '% best arm', yMin: 0, yMax: 100, xMin: 0, xMax: STEPS * 1.04 });
  const status = h('p', { class: 'bandit-status', role: 'status', 'data-testid': 'bandit-status' });
  const summary = h('ul', { class: 'bandit-summary' });

  const eps = slider({
    label: 'your ε',
    min: 0,
    max: 1,
    step: 0.01,
    value: series[3].eps,
    format: (v) => v.toFixed(2),
    onInput: (v) => {
      const mine = series[3];
      mine.eps = v;
      clearSeries(mine);
      if (started) {
        jobs = jobs.filter((job) => job.s !== 3);
        for (let j = 0; j < chunks; j++) jobs.push({ s: 3, j });
        schedule();
      }
      render();
    },
  });
  eps.input.dataset.testid = 'bandit-epsilon';

  const runBtn = button('Run', () => run(), { kbd: 'P' });
  runBtn.dataset.testid = 'bandit-run';

  function run() {
    series.forEach(clearSeries);
    jobs = [];
    // Interleave the series chunk by chunk so all curves sharpen together.
    for (let j = 0; j < chunks; j++) for (let s = 0; s < series.length; s++) jobs.push({ s, j });
    revealed = 0;
    started = true;
    lastT = 0;
    schedule();
    render();
  }

  function schedule() {
    if (mounted && !raf && (jobs.length || revealed < STEPS) && started) raf = requestAnimationFrame(tick);
  }

  function tick(now) {
    raf = 0;
    if (!mounted) return;
    const t0 = performance.now();
    // Compute for at most ~12 ms per frame (one chunk of 100 runs × 1000 steps ≈ 3–6 ms).
    while (jobs.length && performance.now() - t0 < 12) {
      const { s, j } = jobs.shift();
      const S = series[s];
      try {
        const r = wasm.bandit_testbed({ arms: 10, epsilon: S.eps, steps: STEPS, runs: CHUNK, seed: chunkSeed(seed, j) });
        for (let k = 0; k < STEPS; k++) {
          S.reward[k] += r.avg_reward[k];
          S.optimal[k] += r.optimal[k];
        }
        S.done += 1;
      } catch (e) {
        jobs = [];
        status.textContent = `Could not run the testbed: ${e.message || e}`;
        return;
      }
    }
    // Reveal the steps over ~2.5 s, as if all runs were pulling arms in lock step.
    const dt = lastT ? Math.min(100, now - lastT) : 16;
    lastT = now;
    revealed = Math.min(STEPS, revealed + (dt / 2500) * STEPS);
    render();
    schedule();
  }

  function render() {
    const n = Math.floor(revealed);
    const xs = Array.from({ length: n }, (_, k) => k + 1);
    const rs = [];
    const os = [];
    summary.replaceChildren();
    for (const S of series) {
      const color = cssVar(rewardCanvas, S.color, S.fallback);
      const label = S.mine ? `your ε = ${S.eps.toFixed(2)}` : S.label;
      if (S.done > 0) {
        const c = S.done;
        rs.push({ label, color, xs, ys: Array.from(S.reward.subarray(0, n), (v) => v / c) });
        os.push({ label, color, xs, ys: Array.from(S.optimal.subarray(0, n), (v) => (100 * v) / c) });
      }
      if (S.done > 0 && n > 0) {
        const c = S.done;
        const from = Math.max(0, n - 100);
        let sum = 0;
        for (let k = from; k < n; k++) sum += S.reward[k] / c;
        const li = h(
          'li',
          { 'data-eps': String(S.eps) },
          h('span', { class: 'bandit-swatch' }),
          `${label}: reward ${(sum / (n - from)).toFixed(2)}, best arm ${Math.round((100 * S.optimal[n - 1]) / c)}%`,
        );
        li.firstChild.style.background = color;
        summary.append(li);
      }
    }
    rewardPlot.setSeries(rs);
    optimalPlot.setSeries(os);
    if (!started) {
      status.textContent = `Press Run: ${RUNS} random 10-armed bandits × ${STEPS} pulls for each ε.`;
    } else {
      const minDone = Math.min(...series.map((S) => S.done));
      status.textContent = `Step ${n} of ${STEPS} · runs averaged: ${minDone * CHUNK} of ${RUNS}${!jobs.length && n >= STEPS ? ' · done' : ''}`;
      status.dataset.done = !jobs.length && n >= STEPS ? '1' : '0';
    }
  }

  render();

  const el = h(
    'div',
    { class: 'bandit' },
    h('div', { class: 'bandit-plots' }, rewardCanvas, optimalCanvas),
    h(
      'div',
      { class: 'bandit-side' },
      h('div', { class: 'intro-buttons' }, runBtn, eps.el),
      status,
      summary,
    ),
  );

  /** Runs the whole testbed at once, no animation (the printed handout's figure). */
  function runNow() {
    run();
    for (const { s: si, j } of jobs.splice(0)) {
      const S = series[si];
      const r = wasm.bandit_testbed({ arms: 10, epsilon: S.eps, steps: STEPS, runs: CHUNK, seed: chunkSeed(seed, j) });
      for (let k = 0; k < STEPS; k++) {
        S.reward[k] += r.avg_reward[k];
        S.optimal[k] += r.optimal[k];
      }
      S.done += 1;
    }
    revealed = STEPS;
    render();
  }

  return {
    el,
    run,
    runNow,
    mount() {
      mounted = true;
      lastT = 0;
      schedule();
      rewardPlot.redraw();
      optimalPlot.redraw();
    },
    unmount() {
      mounted = false;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
    },
  };
}
