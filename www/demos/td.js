// TD learning on Sutton & Barto's random walk (Example 6.2): A–E, start in C, +1 on the right
// exit, γ = 1, values start at 0.5; true values 1/6 … 5/6.
//
// Everything shown comes from the Rust engine (src/td.rs): the animated learner is a
// `RandomWalk` handle stepped one move at a time (its values, TD(λ)'s traces and the
// episode's path are read back to draw), and the RMS-error curves beside it are
// `td_random_walk`, averaged over 100 runs. This file only animates.
import { h } from '../ui/dom.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { button, slider } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';

const NAMES = ['A', 'B', 'C', 'D', 'E'];
const METHODS = [
  { id: 'td0', label: 'TD(0)' },
  { id: 'mc', label: 'MC' },
  { id: 'td_lambda', label: 'TD(λ)' },
];

export function createTd(wasm) {
  // The slide's learner (method, α, λ, the seed whose default run ends near the true values)
  // and run length, as the core defines them.
  const DECK = wasm.RandomWalk.deck();
  const TRUE_VALUES = Array.from(wasm.RandomWalk.true_values());
  const settings = { method: DECK.method, alpha: DECK.alpha, lambda: DECK.lambda, seed: DECK.seed };
  let walk = null;
  let liveRms = [];
  let path = null; // { states: Int32Array (C … exit), shown: moves drawn } — current or last episode
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
  const runLabel = `Run ${DECK.episodes}`;
  const runBtn = button(runLabel, () => toggleRun(), { kbd: 'P' });
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
    pathCanvas.setAttribute('aria-label', settings.method === 'td_lambda' ? 'The current episode’s path, and the eligibility traces as bars along the bottom' : 'The current episode’s path');
    computeCurves();
    reset();
  }

  function reset() {
    stop();
    walk?.free();
    walk = new wasm.RandomWalk(settings);
    liveRms = [walk.rms_error()];
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

  /** The walk's current (or last) episode, all of its moves drawn. */
  function showEpisode() {
    const states = walk.path();
    path = { states, shown: states.length - 1 };
  }

  function finishStepEpisode() {
    // Complete a half-animated single episode at once (so its learning is never lost).
    if (walk.in_episode) {
      walk.run_episode();
      showEpisode();
      liveRms.push(walk.rms_error());
    }
  }

  function toggleRun() {
    if (mode === 'run') {
      stop();
    } else {
      finishStepEpisode();
      stop();
      mode = 'run';
      runLeft = DECK.episodes;
      schedule();
    }
    render();
  }

  function stepEpisode() {
    finishStepEpisode();
    stop();
    path = { states: Int32Array.of(2), shown: 0 };
    mode = 'step';
    lastTick = 0;
    schedule();
    render();
  }

  function tick(now) {
    raf = 0;
    if (!mounted || mode === 'idle') return;
    if (mode === 'run') {
      // About 30 episodes a second: 100 episodes in ~3 s.
      if (now - lastTick >= 33 || lastTick === 0) {
        lastTick = now;
        walk.run_episode();
        showEpisode();
        liveRms.push(walk.rms_error());
        runLeft -= 1;
        if (runLeft <= 0) mode = 'idle';
        render();
      }
    } else if (mode === 'step') {
      // One move every 220 ms, learning as it goes (MC learns at the exit).
      if (now - lastTick >= 220 || lastTick === 0) {
        lastTick = now;
        const move = walk.step();
        showEpisode();
        if (move.done) {
          liveRms.push(walk.rms_error());
          mode = 'idle';
        }
        render();
      }
    }
    schedule();
  }

  function computeCurves() {
    if (!wasm?.td_random_walk) return;
    const common = { alpha: settings.alpha, lambda: settings.lambda, episodes: DECK.episodes, runs: 100, seed: 0 };
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
    const { states, shown } = path;
    const rowH = Math.min(14, (hh - 12) / Math.max(states.length - 1, 1));
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
    // TD(λ)'s eligibility traces, as bars along the bottom: who gets the next TD error.
    if (settings.method === 'td_lambda') {
      const e = walk.traces();
      const top = Math.max(1, ...e);
      ctx.fillStyle = cssVar(pathCanvas, '--accent-2', '#4cc9f0');
      for (let s = 0; s < 5; s++) {
        const bh = (e[s] / top) * Math.min(28, hh / 3);
        ctx.fillRect(X(s) - colW * 0.2, hh - 2 - bh, colW * 0.4, bh);
      }
    }
    ctx.strokeStyle = fg;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.moveTo(X(states[0]), Y(0));
    for (let k = 1; k <= shown; k++) ctx.lineTo(X(states[k]), Y(k));
    ctx.stroke();
    const last = states[shown];
    const done = last < 0 || last > 4;
    ctx.fillStyle = done ? (last > 4 ? good : muted) : accent;
    ctx.beginPath();
    ctx.arc(X(last), Y(shown), 7, 0, Math.PI * 2);
    ctx.fill();
  }

  function render() {
    const V = walk.values();
    cols.forEach((c, i) => {
      c.fill.style.height = `${(Math.max(0, Math.min(1, V[i])) * 100).toFixed(2)}%`;
      c.value.textContent = V[i].toFixed(2);
      c.el.dataset.value = String(V[i]);
      c.el.setAttribute('aria-valuenow', V[i].toFixed(3));
    });
    const rms = walk.rms_error();
    const running = mode === 'run' ? ` · ${runLeft} to go` : '';
    status.textContent = `Episodes ${walk.episodes} · RMS ${rms.toFixed(3)}${running}`;
    status.dataset.value = String(walk.episodes);
    status.dataset.running = mode === 'idle' ? '0' : '1';
    runBtn.firstChild.textContent = mode === 'run' ? 'Pause' : runLabel;
    const label = METHODS.find((m) => m.id === settings.method).label;
    const a = settings.alpha.toFixed(2);
    const series = [];
    if (curves) {
      series.push({ label: 'TD(0)', color: cssVar(plotCanvas, '--good', '#06d6a0'), ys: Array.from(curves.td0) });
      series.push({ label: 'MC', color: cssVar(plotCanvas, '--accent', '#fca311'), ys: Array.from(curves.mc) });
      if (curves.tdl) series.push({ label: 'TD(λ)', color: cssVar(plotCanvas, '--accent-2', '#4cc9f0'), ys: Array.from(curves.tdl) });
    }
    series.push({ label: 'live', color: cssVar(plotCanvas, '--fg', '#e5e5e5'), ys: liveRms, width: 1.2, dash: [3, 3] });
    plot.setOptions({ xMax: Math.max(DECK.episodes, liveRms.length - 1) * 1.04 });
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
