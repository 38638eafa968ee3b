// The 10-armed testbed with ε-greedy (Sutton & Barto §2.3), computed live by the Rust engine:
// one `Bandit` per ε (src/bandit.rs), 2000 runs each, advanced a few steps per frame so the
// curves grow from left to right as if all runs were pulling arms in lock step, and the page
// never blocks for long. Every ε faces the same 2000 bandit problems (same seed), and the
// finished curves equal `bandit_testbed` with the same options.
import { h } from '../ui/dom.js';
import { button, slider } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';
import { cssVar } from '../ui/canvas.js';

export const RUNS = 2000;
export const STEPS = 1000;
/** Steps per `advance` call: 2000 runs × 10 steps ≈ 1–2 ms in wasm. */
const CHUNK = 10;
/** The reveal's length, and the compute budget per frame. */
const REVEAL_MS = 2500;
const FRAME_MS = 12;
const FIXED = [
  { eps: 0, label: 'ε = 0 (greedy)', color: '--bad', fallback: '#ef476f' },
  { eps: 0.01, label: 'ε = 0.01', color: '--accent-2', fallback: '#4cc9f0' },
  { eps: 0.1, label: 'ε = 0.1', color: '--good', fallback: '#06d6a0' },
];

export function createBandit(wasm, { seed = 0 } = {}) {
  const series = [...FIXED.map((f) => ({ ...f })), { eps: 0.3, label: 'your ε', color: '--accent', fallback: '#fca311', mine: true }];
  let revealed = 0; // steps shown (grows over REVEAL_MS)
  let started = false;
  let failed = false;
  let raf = 0;
  let mounted = false;
  let lastT = 0;

  /** A fresh testbed for series `S` (its curves empty until advanced). */
  function restart(S) {
    S.bandit?.free();
    S.bandit = null;
    S.curves = null;
    try {
      S.bandit = new wasm.Bandit({ arms: 10, epsilon: S.eps, steps: STEPS, runs: RUNS, seed });
    } catch (e) {
      fail(e);
    }
  }

  function fail(e) {
    failed = true;
    status.textContent = `Could not run the testbed: ${e.message || e}`;
  }

  const stepsDone = (S) => S.bandit.steps_done;
  const pending = () => series.some((S) => S.bandit && !S.bandit.done);

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
      if (started) {
        restart(mine);
        schedule();
      }
      render();
    },
  });
  eps.input.dataset.testid = 'bandit-epsilon';

  const runBtn = button('Run', () => run(), { kbd: 'P' });
  runBtn.dataset.testid = 'bandit-run';

  function run() {
    failed = false;
    series.forEach(restart);
    revealed = 0;
    started = true;
    lastT = 0;
    schedule();
    render();
  }

  function schedule() {
    if (mounted && !raf && started && !failed && (pending() || revealed < STEPS)) raf = requestAnimationFrame(tick);
  }

  /** Advances the series furthest behind, a chunk at a time, until all reach `target` steps
   * or `budget` ms have passed; then reads the curves of those that moved. */
  function compute(target, budget) {
    const t0 = performance.now();
    const moved = new Set();
    try {
      for (;;) {
        const behind = series.filter((S) => S.bandit && stepsDone(S) < target);
        if (!behind.length || performance.now() - t0 >= budget) break;
        const S = behind.reduce((a, b) => (stepsDone(b) < stepsDone(a) ? b : a));
        S.bandit.advance(Math.min(CHUNK, target - stepsDone(S)));
        moved.add(S);
      }
      for (const S of moved) S.curves = S.bandit.curves();
    } catch (e) {
      fail(e);
    }
  }

  function tick(now) {
    raf = 0;
    if (!mounted) return;
    // Reveal the steps over REVEAL_MS; compute runs a little ahead of what is shown.
    const dt = lastT ? Math.min(100, now - lastT) : 16;
    lastT = now;
    revealed = Math.min(STEPS, revealed + (dt / REVEAL_MS) * STEPS);
    compute(Math.min(STEPS, Math.ceil(revealed) + 4 * CHUNK), FRAME_MS);
    render();
    schedule();
  }

  function render() {
    // Each series up to the steps revealed and computed (a restarted "your ε" catches up).
    const shown = (S) => Math.min(Math.floor(revealed), S.curves ? S.curves.optimal.length : 0);
    const rs = [];
    const os = [];
    summary.replaceChildren();
    for (const S of series) {
      const color = cssVar(rewardCanvas, S.color, S.fallback);
      const label = S.mine ? `your ε = ${S.eps.toFixed(2)}` : S.label;
      const n = shown(S);
      if (n === 0) continue;
      const xs = Array.from({ length: n }, (_, k) => k + 1);
      const { avg_reward: reward, optimal } = S.curves;
      rs.push({ label, color, xs, ys: Array.from(reward.subarray(0, n)) });
      os.push({ label, color, xs, ys: Array.from(optimal.subarray(0, n), (v) => 100 * v) });
      const from = Math.max(0, n - 100);
      let sum = 0;
      for (let k = from; k < n; k++) sum += reward[k];
      const li = h(
        'li',
        { 'data-eps': String(S.eps), 'data-reward': String(sum / (n - from)), 'data-best': String(optimal[n - 1]) },
        h('span', { class: 'bandit-swatch' }),
        `${label}: reward ${(sum / (n - from)).toFixed(2)}, best arm ${Math.round(100 * optimal[n - 1])}%`,
      );
      li.firstChild.style.background = color;
      summary.append(li);
    }
    rewardPlot.setSeries(rs);
    optimalPlot.setSeries(os);
    if (failed) return;
    if (!started) {
      status.textContent = `Press Run: ${RUNS} random 10-armed bandits × ${STEPS} pulls for each ε.`;
    } else {
      const n = Math.min(...series.map(shown));
      const done = !pending() && n >= STEPS;
      status.textContent = `Step ${n} of ${STEPS} · ${RUNS} runs averaged for each ε${done ? ' · done' : ''}`;
      status.dataset.done = done ? '1' : '0';
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
    compute(STEPS, Infinity);
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
