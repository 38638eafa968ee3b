// Demo for the `ppo` slide: PPO's clipped surrogate L(r) = min(r·A, clip(r, 1−ε, 1+ε)·A)
// against the probability ratio r = π_new(a|s) / π_old(a|s), for A > 0 and A < 0.
// The flat stretches (zero gradient: no reason to move the policy further) are shaded.
//
// createClipDemo() → { el, epsilon (get/set), redraw(), dispose() }.
import { h } from '../ui/dom.js';
import { slider } from '../ui/controls.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';

export const surrogate = (r, A, eps) => Math.min(r * A, Math.min(Math.max(r, 1 - eps), 1 + eps) * A);

export function createClipDemo({ epsilon = 0.2 } = {}) {
  let eps = epsilon;
  const plots = [];

  function makePlot(A) {
    const canvas = h('canvas', { class: 'pr-clip-canvas', role: 'img', 'aria-label': describe(A), 'data-testid': A > 0 ? 'clip-plot-pos' : 'clip-plot-neg' });
    const view = sharpCanvas(canvas, (ctx, w, hgt) => draw(ctx, w, hgt, A, canvas));
    plots.push({ canvas, view, A });
    return canvas;
  }

  /** The plot in words: where it goes flat for this ε (what a screen reader gets). */
  function describe(A) {
    const lo = (1 - eps).toFixed(2);
    const hi = (1 + eps).toFixed(2);
    return A > 0
      ? `Clipped objective for a positive advantage (A = ${A}): it rises with the ratio r up to r = ${hi}, then stays flat (no gradient); the shaded flat part starts at 1 + ε = ${hi}`
      : `Clipped objective for a negative advantage (A = ${A}): flat (no gradient) for r below 1 − ε = ${lo}, falling with r above it`;
  }

  function draw(ctx, w, hgt, A, canvas) {
    canvas.setAttribute('aria-label', describe(A));
    const fg = cssVar(canvas, '--fg', '#f1f3f5');
    const muted = cssVar(canvas, '--muted', '#b8c1cc');
    const color = A > 0 ? cssVar(canvas, '--good', '#06d6a0') : cssVar(canvas, '--bad', '#ef476f');
    const font = `${Math.round(Math.max(11, Math.min(18, w / 25)))}px ${cssVar(canvas, '--font', 'system-ui, sans-serif')}`;
    const pad = { l: 44, r: 12, t: 28, b: 26 };
    const pw = w - pad.l - pad.r;
    const ph = hgt - pad.t - pad.b;
    const [y0, y1] = A > 0 ? [0, 2] : [-2, 0];
    const X = (r) => pad.l + (r / 2) * pw;
    const Y = (y) => pad.t + ((y1 - y) / (y1 - y0)) * ph;

    ctx.font = font;
    // The flat (clipped) region: r > 1+ε for A > 0, r < 1−ε for A < 0.
    const [f0, f1] = A > 0 ? [1 + eps, 2] : [0, 1 - eps];
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.16;
    ctx.fillRect(X(f0), pad.t, X(f1) - X(f0), ph);
    ctx.globalAlpha = 1;

    // Axes and ticks.
    ctx.strokeStyle = muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(pad.l, pad.t, pw, ph);
    ctx.fillStyle = muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const r of [0, 0.5, 1, 1.5, 2]) ctx.fillText(String(r), X(r), pad.t + ph + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of A > 0 ? [0, 1, 2] : [-2, -1, 0]) ctx.fillText(String(y), pad.l - 6, Y(y));

    // 1 ± ε markers.
    ctx.setLineDash([4, 4]);
    for (const r of [1 - eps, 1 + eps]) {
      ctx.beginPath();
      ctx.moveTo(X(r), pad.t);
      ctx.lineTo(X(r), pad.t + ph);
      ctx.stroke();
    }
    // Unclipped r·A, dashed.
    ctx.strokeStyle = muted;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(0));
    ctx.lineTo(X(2), Y(2 * A));
    ctx.stroke();
    ctx.setLineDash([]);

    // L(r).
    ctx.strokeStyle = color;
    ctx.lineWidth = 4;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    for (let i = 0; i <= 200; i++) {
      const r = (i / 200) * 2;
      const y = surrogate(r, A, eps);
      if (i === 0) ctx.moveTo(X(r), Y(y));
      else ctx.lineTo(X(r), Y(y));
    }
    ctx.stroke();

    // Titles.
    ctx.fillStyle = fg;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(A > 0 ? 'A > 0 (good action): raise its probability' : 'A < 0 (bad action): lower its probability', pad.l, 4);
    ctx.fillStyle = color;
    ctx.textAlign = A > 0 ? 'right' : 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText('flat: no gradient', A > 0 ? pad.l + pw - 6 : pad.l + 6, pad.t + ph - 6);
  }

  const posCanvas = makePlot(1);
  const negCanvas = makePlot(-1);
  const s = slider({
    label: 'ε (clip range)',
    min: 0.05,
    max: 0.5,
    step: 0.01,
    value: eps,
    format: (v) => v.toFixed(2),
    onInput: (v) => {
      eps = v;
      plots.forEach((p) => p.view.redraw());
    },
  });
  s.input.dataset.testid = 'clip-epsilon';
  s.input.setAttribute('aria-valuetext', `epsilon ${eps.toFixed(2)}`);
  s.input.addEventListener('input', () => s.input.setAttribute('aria-valuetext', `epsilon ${s.value.toFixed(2)}`));
  // Arrow keys on the focused slider move the slider, not the deck.
  s.input.addEventListener('keydown', (e) => {
    if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) e.stopPropagation();
  });

  const el = h(
    'div',
    { class: 'pr-clip' },
    h('p', { class: 'pr-clip-formula' }, 'L(r) = min(r·A, clip(r, 1−ε, 1+ε)·A)'),
    h('p', { class: 'pr-small' }, 'r = π_new(a|s) / π_old(a|s),  A = advantage'),
    posCanvas,
    negCanvas,
    s.el,
    h('p', { class: 'pr-small pr-clip-legend' }, h('span', { class: 'pr-swatch-dash' }), ' r·A unclipped   ', h('span', { class: 'pr-swatch-line' }), ' PPO’s objective'),
  );
  return {
    el,
    get epsilon() {
      return eps;
    },
    set epsilon(v) {
      s.value = v;
      eps = s.value;
      plots.forEach((p) => p.view.redraw());
    },
    redraw: () => plots.forEach((p) => p.view.redraw()),
  };
}
