// TensorBoard-like curves: pick a scalar, x axis in steps or wall time, a smoothing slider
// (TensorBoard's debiased exponential moving average), the current run over the previous one.
//
//   const curves = createCurves(container, session); curves.mount(); … curves.dispose();
import { h } from '../ui/dom.js';
import { slider } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';
import { formatG3 } from './format.js';

/** TensorBoard's smoothing: EMA started at 0 and divided by 1 − w^n (debiased); NaN passes through. */
export function smooth(ys, weight) {
  if (!(weight > 0)) return ys.slice();
  const out = new Array(ys.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * weight + (1 - weight) * y;
    n += 1;
    out[i] = last / (1 - weight ** n);
  }
  return out;
}

/**
 * The curve in words, for its canvas: the last value of the current run ("ep_rew_mean 312.4
 * after 40,960 steps"), in SB3's 3 significant digits.
 */
export function describeCurve(key, rows) {
  const last = rows.findLast((r) => Number.isFinite(r[key]));
  const name = key.split('/').pop();
  if (!last) return `Training curve of ${name}: no points yet, press Train`;
  return `Training curve: ${name} ${formatG3(last[key])} after ${last['time/total_timesteps'].toLocaleString('en-US')} steps`;
}

let uid = 0;

export function createCurves(container, session, _wasm, { key = 'rollout/ep_rew_mean', smoothing = 0.6 } = {}) {
  const id = `curves-${++uid}`;
  let current = { key, x: 'steps', smoothing, compare: true };

  const select = h('select', { id: `${id}-key` }, session.keys.filter((k) => k !== 'time/total_timesteps').map((k) => h('option', { value: k, selected: k === key }, k)));
  select.addEventListener('change', () => {
    current.key = select.value;
    draw();
  });
  const xSelect = h('select', { id: `${id}-x` }, h('option', { value: 'steps' }, 'steps'), h('option', { value: 'wall' }, 'wall time (s)'));
  xSelect.addEventListener('change', () => {
    current.x = xSelect.value;
    draw();
  });
  const smooth_ = slider({ label: 'Smoothing', min: 0, max: 0.99, step: 0.01, value: smoothing, format: (v) => v.toFixed(2), onInput: (v) => {
    current.smoothing = v;
    draw();
  } });
  const compare = h('input', { type: 'checkbox', id: `${id}-cmp`, checked: true });
  compare.addEventListener('change', () => {
    current.compare = compare.checked;
    draw();
  });
  const canvas = h('canvas', { class: 'curves-canvas', role: 'img', 'aria-label': 'Training curve' });
  const caption = h('p', { class: 'curves-caption', 'aria-live': 'off' });
  const root = h('div', { class: 'training-curves' },
    h('div', { class: 'curves-controls' },
      h('div', { class: 'control' }, h('label', { for: select.id }, 'Scalar'), select),
      h('div', { class: 'control' }, h('label', { for: xSelect.id }, 'X axis'), xSelect),
      smooth_.el,
      h('div', { class: 'control checkbox' }, compare, h('label', { for: compare.id }, 'Compare with the previous run'))),
    canvas, caption);

  let plot = null;
  let frame = 0;

  function seriesOf(run, color, label, dashed) {
    const rows = run.rows.filter((r) => Number.isFinite(r[current.key]));
    const xs = rows.map((r) => (current.x === 'wall' ? r.wall : r['time/total_timesteps']));
    const raw = rows.map((r) => r[current.key]);
    const out = [];
    if (current.smoothing > 0) out.push({ label: '', color, xs, ys: raw, width: 1, dash: dashed ? [4, 4] : [], alpha: 0.3 });
    out.push({ label, color, xs, ys: smooth(raw, current.smoothing), width: 2, dash: dashed ? [6, 4] : [] });
    return out;
  }

  function draw() {
    frame = 0;
    if (!plot) return;
    const series = [];
    if (current.compare && session.previous?.rows.length) series.push(...seriesOf(session.previous, '#8d99ae', `previous: ${session.previous.label}`, true));
    series.push(...seriesOf(session.history, '#fca311', `current: ${session.history.label}`, false));
    // Faint raw lines carry no legend entry: give them the colour with alpha.
    for (const s of series) if (s.alpha) s.color = `${s.color}55`;
    plot.setOptions({ xLabel: current.x === 'wall' ? 'wall time (s)' : 'steps', title: current.key });
    plot.setSeries(series);
    const n = session.history.rows.length;
    canvas.setAttribute('aria-label', describeCurve(current.key, session.history.rows));
    caption.textContent = n ? `${current.key}: ${n} points in this run${session.previous?.rows.length ? `, ${session.previous.rows.length} in the previous one` : ''}.` : 'No curve yet: press Train.';
  }
  // At most ~5 redraws a second while training streams in (a full redraw is not free).
  let lastDraw = 0;
  let timer = 0;
  const schedule = () => {
    if (frame || timer) return;
    const wait = 200 - (performance.now() - lastDraw);
    const go = () => {
      timer = 0;
      frame = requestAnimationFrame((t) => {
        lastDraw = performance.now();
        draw();
      });
    };
    if (wait > 0) timer = setTimeout(go, wait);
    else go();
  };

  let subs = [];
  return {
    el: root,
    /** Shows another scalar (one of session.keys). */
    setKey(k) {
      current.key = k;
      select.value = k;
      draw();
    },
    get options() {
      return { ...current };
    },
    mount() {
      if (!root.isConnected) container.append(root);
      plot = plot || createLinePlot(canvas, { xLabel: 'steps' });
      subs = ['progress', 'history', 'agent'].map((e) => session.on(e, schedule));
      draw();
    },
    unmount() {
      subs.forEach((off) => off());
      subs = [];
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = 0;
      timer = 0;
    },
    dispose() {
      this.unmount();
      plot?.dispose();
      plot = null;
      root.remove();
    },
  };
}
