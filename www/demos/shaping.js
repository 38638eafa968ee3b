// Shaping (Skinner): reward successive approximations vs reward only the final behaviour.
//
// A simulated pigeon turns θ degrees per trial, θ = max(0, μ + σ·z) with z ~ N(0, 1): μ is
// its learned habit. A reinforced turn pulls the habit towards it, μ ← μ + η(θ − μ);
// unreinforced turns change nothing. The goal is a full turn (θ ≥ TARGET).
//   - "final only": reinforce only full turns — from μ = 20° they (almost) never happen.
//   - "shaping": reinforce any turn at least as big as the current criterion, and raise the
//     criterion to the bird's current habit (never above the goal).
// Both birds see the same random numbers (same seed), so the only difference is the trainer.
import { h } from '../ui/dom.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { button } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';
import { mulberry32 } from '../ui/random.js';

export const PARAMS = { mu0: 20, sigma: 35, eta: 0.25, target: 345, trials: 300 };


function gaussians(seed, n) {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - rnd();
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/**
 * Runs both trainers for P.trials trials. Returns, per trainer, arrays of the habit μ
 * (before each trial and after the last: trials + 1 entries), the turns θ, the criterion used,
 * whether each trial was reinforced, and `reached`: the first trial count after which
 * μ ≥ target (or null).
 */
export function simulate(seed, P = PARAMS) {
  const z = gaussians(seed, P.trials);
  const run = (shaping) => {
    let mu = P.mu0;
    const mus = [mu];
    const turns = [];
    const criteria = [];
    const rewarded = [];
    let reached = null;
    let rewards = 0;
    for (let t = 0; t < P.trials; t++) {
      const crit = shaping ? Math.min(P.target, mu) : P.target;
      const theta = Math.max(0, mu + P.sigma * z[t]);
      const ok = theta >= crit;
      if (ok) {
        mu += P.eta * (theta - mu);
        rewards += 1;
      }
      turns.push(theta);
      criteria.push(crit);
      rewarded.push(ok);
      mus.push(mu);
      if (reached == null && mu >= P.target) reached = t + 1;
    }
    return { mus, turns, criteria, rewarded, reached, rewards };
  };
  return { finalOnly: run(false), shaping: run(true) };
}

/** Draws one bird's dial: the last turn as an arc, the criterion as a tick, the goal ring. */
function drawDial(ctx, w, hgt, state, colors) {
  const r = Math.min(w, hgt) / 2 - 14;
  const cx = w / 2;
  const cy = hgt / 2;
  ctx.lineWidth = 3;
  ctx.strokeStyle = colors.grid;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  const start = -Math.PI / 2;
  const ang = (deg) => start + (deg * Math.PI) / 180;
  if (state.turn != null) {
    ctx.lineWidth = 12;
    ctx.lineCap = 'round';
    ctx.strokeStyle = state.rewarded ? colors.good : colors.muted;
    ctx.beginPath();
    ctx.arc(cx, cy, r - 8, start, ang(Math.min(state.turn, 720)), false);
    ctx.stroke();
  }
  // Criterion tick.
  ctx.lineWidth = 4;
  ctx.lineCap = 'butt';
  ctx.strokeStyle = colors.accent;
  const a = ang(state.criterion);
  ctx.beginPath();
  ctx.moveTo(cx + Math.cos(a) * (r - 24), cy + Math.sin(a) * (r - 24));
  ctx.lineTo(cx + Math.cos(a) * (r + 8), cy + Math.sin(a) * (r + 8));
  ctx.stroke();
  // The bird: a little arrow at the centre pointing where it ended up.
  const b = ang(state.turn ?? 0);
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(b + Math.PI / 2);
  ctx.fillStyle = colors.fg;
  ctx.beginPath();
  ctx.moveTo(0, -r * 0.42);
  ctx.lineTo(r * 0.2, r * 0.22);
  ctx.lineTo(0, r * 0.1);
  ctx.lineTo(-r * 0.2, r * 0.22);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** `freshSeed()` draws the "New seed" button's seed (the slide passes the core's `fresh_seed`). */
export function createShaping({ seed = 1, freshSeed } = {}) {
  const P = PARAMS;
  let currentSeed = seed;
  let sim = simulate(currentSeed);
  let shown = 0; // trials revealed
  let raf = 0;
  let playing = false;
  let mounted = false;

  const seedText = h('span', { class: 'shaping-seed' });
  const birds = [
    { key: 'finalOnly', name: 'Full turn only' },
    { key: 'shaping', name: 'Shaping' },
  ].map((b) => {
    const canvas = h('canvas', { class: 'shaping-dial', role: 'img', 'aria-label': `${b.name}: last turn` });
    const status = h('p', { class: 'shaping-status', 'data-testid': `shaping-${b.key === 'shaping' ? 'shaped' : 'final'}` });
    const box = h('div', { class: 'shaping-bird intro-panel' }, h('p', { class: 'shaping-name' }, b.name), canvas, status);
    const view = sharpCanvas(canvas, (ctx, w, hh) => {
      const run = sim[b.key];
      const t = shown - 1;
      drawDial(
        ctx,
        w,
        hh,
        {
          turn: t >= 0 ? run.turns[t] : null,
          rewarded: t >= 0 && run.rewarded[t],
          criterion: t >= 0 ? run.criteria[t] : b.key === 'shaping' ? P.mu0 : P.target,
        },
        {
          grid: cssVar(canvas, '--plot-grid', 'rgba(201,209,217,0.25)'),
          good: cssVar(canvas, '--good', '#06d6a0'),
          muted: cssVar(canvas, '--muted', '#8d99ae'),
          accent: cssVar(canvas, '--accent', '#fca311'),
          fg: cssVar(canvas, '--fg', '#f1f3f5'),
        },
      );
    });
    return { ...b, canvas, status, box, view };
  });

  const plotCanvas = h('canvas', { class: 'shaping-plot', role: 'img', 'aria-label': 'Learned turn (degrees) per trial for both trainers' });
  const plot = createLinePlot(plotCanvas, { xLabel: 'trial', yLabel: 'habitual turn (°)', yMin: 0, yMax: 400, xMin: 0, xMax: P.trials * 1.04 });

  function render() {
    seedText.textContent = `seed ${currentSeed}`;
    for (const b of birds) {
      const run = sim[b.key];
      const t = shown;
      const mu = run.mus[t];
      const rewards = run.rewarded.slice(0, t).filter(Boolean).length;
      let msg;
      if (run.reached != null && run.reached <= t) msg = `Full turn learned after ${run.reached} trials (${rewards} rewards).`;
      else if (t >= P.trials) msg = `Not reached after ${P.trials} trials (${rewards} rewards).`;
      else msg = `Trial ${t}: habit ${Math.round(mu)}°, ${rewards} rewards.`;
      b.status.textContent = msg;
      b.status.dataset.reached = run.reached != null && run.reached <= t ? String(run.reached) : '';
      b.view.redraw();
    }
    const xs = Array.from({ length: shown + 1 }, (_, i) => i);
    plot.setSeries([
      { label: 'final only', color: cssVar(plotCanvas, '--muted', '#b8c1cc'), xs, ys: sim.finalOnly.mus.slice(0, shown + 1) },
      { label: 'shaping', color: cssVar(plotCanvas, '--good', '#06d6a0'), xs, ys: sim.shaping.mus.slice(0, shown + 1) },
      { label: 'goal', color: cssVar(plotCanvas, '--accent', '#fca311'), xs: [0, P.trials], ys: [P.target, P.target], dash: [6, 6], width: 1.5 },
    ]);
    runBtn.firstChild.textContent = playing ? 'Pause' : shown >= P.trials ? 'Run again' : 'Run';
  }

  function frame() {
    raf = 0;
    if (!playing || !mounted) return;
    shown = Math.min(P.trials, shown + 3);
    if (shown >= P.trials) playing = false;
    render();
    if (playing) raf = requestAnimationFrame(frame);
  }

  function toggle() {
    if (playing) {
      playing = false;
    } else {
      if (shown >= P.trials) shown = 0;
      playing = true;
      if (mounted && !raf) raf = requestAnimationFrame(frame);
    }
    render();
  }

  function reset() {
    playing = false;
    shown = 0;
    render();
  }

  function newSeed() {
    currentSeed = freshSeed();
    sim = simulate(currentSeed);
    reset();
  }

  const runBtn = button('Run', toggle, { kbd: 'P' });
  runBtn.dataset.testid = 'shaping-run';
  const resetBtn = button('Reset', reset, { kbd: 'R', variant: 'quiet' });
  resetBtn.dataset.testid = 'shaping-reset';
  const seedBtn = button('New seed', newSeed, { kbd: 'N', variant: 'quiet' });
  seedBtn.dataset.testid = 'shaping-seed';

  const el = h(
    'div',
    { class: 'shaping' },
    h('div', { class: 'shaping-birds' }, birds.map((b) => b.box)),
    h(
      'div',
      { class: 'shaping-right' },
      plotCanvas,
      h('div', { class: 'intro-buttons' }, runBtn, resetBtn, seedBtn, seedText),
    ),
  );
  render();

  return {
    el,
    toggle,
    reset,
    newSeed,
    mount() {
      mounted = true;
      if (playing && !raf) raf = requestAnimationFrame(frame);
      birds.forEach((b) => b.view.redraw());
      plot.redraw();
    },
    unmount() {
      mounted = false;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
    },
  };
}
