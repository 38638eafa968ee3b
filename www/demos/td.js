// TD learning on Sutton & Barto's random walk (Example 6.2): A–E, start in C, +1 on the right
// exit, γ = 1, values start at 0.5; true values 1/6 … 5/6.
//
// The animation runs ONE learner in JS with the same update rules as src/td.rs (the wasm
// module exposes only the batch function `td_random_walk`, no stepwise handle). The RMS-error
// curves beside it come from the Rust engine: `td_random_walk`, averaged over 100 runs.
import { h } from '../ui/dom.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { button, slider } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';
import { mulberry32 } from '../ui/random.js';

export const NAMES = ['A', 'B', 'C', 'D', 'E'];
export const TRUE_VALUES = [1, 2, 3, 4, 5].map((k) => k / 6);
/**
 * Default learner: TD(0), α = 0.05, seed 79. Over 10 000 seeds a single TD(0) learner with
 * α = 0.05 ends within 0.1 of every true value after 100 episodes 95 % of the time (α = 0.1:
 * 70 %); seed 79 stays within 0.05 from episode 95 to 150 and within 0.09 up to 400.
 */
export const DEFAULTS = { method: 'td0', alpha: 0.05, lambda: 0.8, seed: 79, episodes: 100 };
const METHODS = [
  { id: 'td0', label: 'TD(0)' },
  { id: 'mc', label: 'MC' },
  { id: 'td_lambda', label: 'TD(λ)' },
];


export function rmsError(values) {
  let s = 0;
  for (let i = 0; i < 5; i++) s += (values[i] - TRUE_VALUES[i]) ** 2;
  return Math.sqrt(s / 5);
}

/** One learner; `episodeMoves()` walks an episode and returns its moves without learning. */
export class Walker {
  constructor({ method, alpha, lambda, seed }) {
    Object.assign(this, { method, alpha, lambda, seed });
    this.reset();
  }

  reset() {
    this.rng = mulberry32(this.seed);
    this.values = [0.5, 0.5, 0.5, 0.5, 0.5];
    this.episodes = 0;
  }

  /** Walks from C to an exit: [{ from, to (−1 or 5 at the exits), reward }]. */
  episodeMoves() {
    const moves = [];
    let s = 2;
    for (;;) {
      const to = this.rng() < 0.5 ? s + 1 : s - 1;
      moves.push({ from: s, to, reward: to > 4 ? 1 : 0 });
      if (to < 0 || to > 4) return moves;
      s = to;
    }
  }

  /** Applies the learning of move k of an episode (TD: online; MC: at the last move). */
  learn(moves, k) {
    const V = this.values;
    const { from, to, reward } = moves[k];
    const next = to < 0 || to > 4 ? 0 : V[to];
    if (this.method === 'td0') {
      V[from] += this.alpha * (reward + next - V[from]);
    } else if (this.method === 'td_lambda') {
      if (k === 0) this.traces = [0, 0, 0, 0, 0];
      const delta = reward + next - V[from];
      for (let i = 0; i < 5; i++) this.traces[i] *= this.lambda;
      this.traces[from] += 1;
      const step = this.alpha * delta;
      for (let i = 0; i < 5; i++) V[i] += step * this.traces[i];
    } else if (k === moves.length - 1) {
      // Constant-α MC, every visit: G is the final reward for every visited state.
      const G = moves[k].reward;
      for (const m of moves) V[m.from] += this.alpha * (G - V[m.from]);
    }
    if (k === moves.length - 1) this.episodes += 1;
  }

  runEpisode() {
    const moves = this.episodeMoves();
    for (let k = 0; k < moves.length; k++) this.learn(moves, k);
    return moves;
  }
}

export function createTd(wasm) {
  const settings = { ...DEFAULTS };
  let walker = new Walker(settings);
  let liveRms = [rmsError(walker.values)];
  let path = null; // { moves, shown } — the current or last episode
  let mode = 'idle'; // 'idle' | 'run' | 'step'
  let runLeft = 0;
  let raf = 0;
  let lastTick = 0;
  let mounted = false;
  let curves = null;

  // ---- value bars (DOM, so tests and screen readers can read them) ----
  const cols = NAMES.map((name, i) => {
    const fill = h('span', { class: 'td-fill' });
    const mark = h('span', { class: 'td-true', title: `true value ${i + 1}/6` });
    const value = h('span', { class: 'td-num' });
    const bar = h('span', { class: 'td-barbox' }, fill, mark);
    const el = h('div', { class: 'td-col', 'data-testid': 'td-value', 'data-state': name, role: 'meter', 'aria-label': `V(${name})`, 'aria-valuemin': '0', 'aria-valuemax': '1' }, value, bar, h('span', { class: 'td-name' }, name));
    mark.style.bottom = `${(TRUE_VALUES[i] * 100).toFixed(2)}%`;
    return { el, fill, value };
  });
  const term = (label, cls) => h('div', { class: `td-col td-term ${cls}` }, h('span', { class: 'td-num' }, ''), h('span', { class: 'td-barbox td-termbox' }, label), h('span', { class: 'td-name' }, 'end'));
  const bars = h('div', { class: 'td-bars' }, term('0', 'td-left'), cols.map((c) => c.el), term('+1', 'td-right'));

  const pathCanvas = h('canvas', { class: 'td-path', role: 'img', 'aria-label': 'The current episode’s path' });
  const pathView = sharpCanvas(pathCanvas, drawPath);
  const status = h('p', { class: 'td-status', 'data-testid': 'td-episodes', role: 'status' });

  // ---- controls ----
  const runBtn = button('Run 100', () => toggleRun(), { kbd: 'P' });
  runBtn.dataset.testid = 'td-run';
  const stepBtn = button('Step', () => stepEpisode(), { kbd: 'N', variant: 'quiet' });
  stepBtn.dataset.testid = 'td-step';
  const resetBtn = button('Reset', () => reset(), { kbd: 'R', variant: 'quiet' });
  resetBtn.dataset.testid = 'td-reset';

  const alpha = slider({ label: 'α', min: 0.01, max: 0.5, step: 0.01, value: settings.alpha, format: (v) => v.toFixed(2), onInput: (v) => changeSettings({ alpha: v }) });
  alpha.input.dataset.testid = 'td-alpha';
  const lambda = slider({ label: 'λ', min: 0, max: 1, step: 0.05, value: settings.lambda, format: (v) => v.toFixed(2), onInput: (v) => changeSettings({ lambda: v }) });
  lambda.input.dataset.testid = 'td-lambda';

  const methodName = `td-method-${Math.random().toString(36).slice(2, 8)}`;
  const methodInputs = METHODS.map((m) => {
    const input = h('input', { type: 'radio', name: methodName, value: m.id, checked: m.id === settings.method, 'data-testid': `td-method-${m.id}` });
    input.addEventListener('change', () => input.checked && changeSettings({ method: m.id }));
    return h('label', { class: 'td-radio' }, input, h('span', {}, m.label));
  });
  const methodGroup = h('fieldset', { class: 'td-methods' }, h('legend', {}, 'Method'), methodInputs);

  const plotCanvas = h('canvas', { class: 'td-plot', role: 'img', 'aria-label': 'RMS error over episodes: TD(0) vs Monte Carlo, averaged over 100 runs' });
  // (Room on the right so the last x tick label is not clipped; the y label is the title.)
  const caption = h('p', { class: 'td-caption' });
  const plot = createLinePlot(plotCanvas, { xLabel: 'episodes', title: 'RMS error', yMin: 0, yMax: 0.25, xMin: 0, xMax: 104 });

  // ---- learning ----
  function changeSettings(next) {
    Object.assign(settings, next);
    lambda.input.disabled = settings.method !== 'td_lambda';
    lambda.el.classList.toggle('is-off', settings.method !== 'td_lambda');
    computeCurves();
    reset();
  }

  function reset() {
    stop();
    walker = new Walker(settings);
    liveRms = [rmsError(walker.values)];
    path = null;
    render();
  }

  function stop() {
    mode = 'idle';
    runLeft = 0;
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
  }

  function schedule() {
    if (mounted && mode !== 'idle' && !raf) raf = requestAnimationFrame(tick);
  }

  function finishStepEpisode() {
    // Complete a half-animated single episode at once (so its learning is never lost).
    if (path && path.shown < path.moves.length) {
      for (let k = path.shown; k < path.moves.length; k++) walker.learn(path.moves, k);
      path.shown = path.moves.length;
      liveRms.push(rmsError(walker.values));
    }
  }

  function toggleRun() {
    if (mode === 'run') {
      stop();
    } else {
      finishStepEpisode();
      stop();
      mode = 'run';
      runLeft = DEFAULTS.episodes;
      schedule();
    }
    render();
  }

  function stepEpisode() {
    finishStepEpisode();
    stop();
    const moves = walker.episodeMoves();
    path = { moves, shown: 0 };
    mode = 'step';
    lastTick = 0;
    schedule();
    render();
  }

  /** Runs the remaining episodes of a run at once (used when the slide is not animating). */
  function tick(now) {
    raf = 0;
    if (!mounted || mode === 'idle') return;
    if (mode === 'run') {
      // About 30 episodes a second: 100 episodes in ~3 s.
      if (now - lastTick >= 33 || lastTick === 0) {
        lastTick = now;
        const moves = walker.runEpisode();
        path = { moves, shown: moves.length };
        liveRms.push(rmsError(walker.values));
        runLeft -= 1;
        if (runLeft <= 0) mode = 'idle';
        render();
      }
    } else if (mode === 'step') {
      if (now - lastTick >= 220 || lastTick === 0) {
        lastTick = now;
        walker.learn(path.moves, path.shown);
        path.shown += 1;
        if (path.shown >= path.moves.length) {
          liveRms.push(rmsError(walker.values));
          mode = 'idle';
        }
        render();
      }
    }
    schedule();
  }

  function computeCurves() {
    if (!wasm?.td_random_walk) return;
    const common = { alpha: settings.alpha, lambda: settings.lambda, episodes: 100, runs: 100, seed: 0 };
    try {
      curves = {
        td0: wasm.td_random_walk({ ...common, method: 'td0' }).rms,
        mc: wasm.td_random_walk({ ...common, method: 'mc' }).rms,
        tdl: settings.method === 'td_lambda' ? wasm.td_random_walk({ ...common, method: 'td_lambda' }).rms : null,
      };
    } catch (e) {
      curves = null;
      status.textContent = String(e.message || e);
    }
  }

  // ---- drawing ----
  function drawPath(ctx, w, hh) {
    const fg = cssVar(pathCanvas, '--fg', '#f1f3f5');
    const muted = cssVar(pathCanvas, '--muted', '#8d99ae');
    const accent = cssVar(pathCanvas, '--accent', '#fca311');
    const good = cssVar(pathCanvas, '--good', '#06d6a0');
    const colW = w / 7;
    const X = (s) => (s + 1.5) * colW; // state −1 (left exit) … 5 (right exit)
    ctx.font = '15px system-ui, sans-serif';
    ctx.fillStyle = muted;
    if (!path) {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('Press Step or Run: every episode starts in C.', w / 2, hh / 2);
      return;
    }
    const n = path.moves.length;
    const rowH = Math.min(14, (hh - 12) / Math.max(n, 1));
    const Y = (k) => 6 + k * rowH;
    ctx.strokeStyle = muted;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 4]);
    for (let s = -1; s <= 5; s++) {
      ctx.beginPath();
      ctx.moveTo(X(s), 2);
      ctx.lineTo(X(s), hh - 2);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.strokeStyle = fg;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.moveTo(X(2), Y(0));
    for (let k = 0; k < path.shown; k++) ctx.lineTo(X(path.moves[k].to), Y(k + 1));
    ctx.stroke();
    const last = path.shown === 0 ? 2 : path.moves[path.shown - 1].to;
    const done = path.shown >= n;
    ctx.fillStyle = done ? (path.moves[n - 1].reward ? good : muted) : accent;
    ctx.beginPath();
    ctx.arc(X(last), Y(path.shown), 7, 0, Math.PI * 2);
    ctx.fill();
  }

  function render() {
    const V = walker.values;
    cols.forEach((c, i) => {
      c.fill.style.height = `${(Math.max(0, Math.min(1, V[i])) * 100).toFixed(2)}%`;
      c.value.textContent = V[i].toFixed(2);
      c.el.dataset.value = String(V[i]);
      c.el.setAttribute('aria-valuenow', V[i].toFixed(3));
    });
    const rms = rmsError(V);
    const running = mode === 'run' ? ` · ${runLeft} to go` : '';
    status.textContent = `Episodes ${walker.episodes} · RMS ${rms.toFixed(3)}${running}`;
    status.dataset.value = String(walker.episodes);
    status.dataset.running = mode === 'idle' ? '0' : '1';
    runBtn.firstChild.textContent = mode === 'run' ? 'Pause' : 'Run 100';
    const label = METHODS.find((m) => m.id === settings.method).label;
    const a = settings.alpha.toFixed(2);
    const series = [];
    if (curves) {
      series.push({ label: 'TD(0)', color: cssVar(plotCanvas, '--good', '#06d6a0'), ys: Array.from(curves.td0) });
      series.push({ label: 'MC', color: cssVar(plotCanvas, '--accent', '#fca311'), ys: Array.from(curves.mc) });
      if (curves.tdl) series.push({ label: 'TD(λ)', color: cssVar(plotCanvas, '--accent-2', '#4cc9f0'), ys: Array.from(curves.tdl) });
    }
    series.push({ label: 'live', color: cssVar(plotCanvas, '--fg', '#e5e5e5'), ys: liveRms, width: 1.2, dash: [3, 3] });
    plot.setOptions({ xMax: Math.max(100, liveRms.length - 1) * 1.04 });
    caption.textContent = `α = ${a}${curves?.tdl ? `, λ = ${settings.lambda.toFixed(2)}` : ''} · 100 runs, Rust engine · dashed "live": the ${label} learner`;
    plot.setSeries(series);
    pathView.redraw();
  }

  changeSettings({});

  const el = h(
    'div',
    { class: 'td' },
    h(
      'div',
      { class: 'td-left' },
      bars,
      pathCanvas,
      status,
      h('div', { class: 'intro-buttons' }, runBtn, stepBtn, resetBtn),
    ),
    h(
      'div',
      { class: 'td-right' },
      plotCanvas,
      caption,
      h('div', { class: 'td-controls' }, methodGroup, alpha.el, lambda.el),
    ),
  );

  return {
    el,
    toggleRun,
    stepEpisode,
    reset,
    mount() {
      mounted = true;
      lastTick = 0;
      schedule();
      render();
    },
    unmount() {
      mounted = false;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
    },
  };
}
