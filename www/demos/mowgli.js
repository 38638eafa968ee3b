// "Train Mowgli": operant conditioning by hand. A cue is given, the dog picks a trick from
// his softmax preferences for that cue, the trainer gives a treat or not, and the Law of
// Effect strengthens (treat) or weakens (no treat) that cue→trick bond.
import { h } from '../ui/dom.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { button } from '../ui/controls.js';
import { mulberry32 } from '../ui/random.js';

export const TRICKS = [
  { id: 'come', label: 'Come', cue: 'Come!' },
  { id: 'sit', label: 'Sit', cue: 'Sit!' },
  { id: 'shake', label: 'Shake', cue: 'Shake!' },
  { id: 'down', label: 'Lie down', cue: 'Down!' },
  { id: 'jump', label: 'Jump', cue: 'Jump!' },
];
/** Bond change per trial: +STEP after a treat, −STEP without one (preferences, softmax). */
export const STEP = 1;


export function softmax(prefs) {
  const m = Math.max(...prefs);
  const e = prefs.map((p) => Math.exp(p - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Draws a side-view dog (facing right) in `pose` into a w×h box. */
function drawDog(ctx, w, hgt, pose, colors) {
  const s = Math.min(w / 220, hgt / 160);
  ctx.save();
  ctx.translate((w - 220 * s) / 2, (hgt - 160 * s) / 2);
  ctx.scale(s, s);
  // Ground.
  ctx.strokeStyle = colors.ground;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(10, 140);
  ctx.lineTo(210, 140);
  ctx.stroke();

  const fur = colors.fur;
  const dark = colors.dark;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const leg = (x0, y0, x1, y1) => {
    ctx.strokeStyle = fur;
    ctx.lineWidth = 11;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  };
  const head = (x, y, tilt = 0) => {
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(tilt);
    ctx.fillStyle = fur;
    ctx.beginPath();
    ctx.arc(0, 0, 19, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath(); // snout
    ctx.ellipse(18, 7, 13, 8, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = dark; // nose, eye, ear
    ctx.beginPath();
    ctx.arc(30, 5, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(6, -5, 3, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.ellipse(-8, 2, 7, 15, 0.3, 0, Math.PI * 2);
    ctx.fill();
    ctx.restore();
  };
  const body = (x, y, angle) => {
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(angle);
    ctx.fillStyle = fur;
    ctx.beginPath();
    ctx.ellipse(0, 0, 46, 21, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.restore();
  };
  const tail = (x, y, x1, y1) => {
    ctx.strokeStyle = fur;
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.quadraticCurveTo(x - 14, y - 6, x1, y1);
    ctx.stroke();
  };

  switch (pose) {
    case 'sit':
      tail(62, 122, 40, 132);
      leg(80, 120, 76, 138);
      leg(92, 122, 96, 138);
      body(92, 98, -1.0);
      leg(116, 96, 118, 138);
      leg(126, 96, 130, 138);
      head(128, 52, -0.1);
      break;
    case 'down':
      tail(48, 118, 24, 126);
      body(96, 118, 0);
      leg(120, 130, 160, 136);
      leg(128, 128, 168, 134);
      leg(60, 130, 84, 137);
      head(152, 100, 0);
      break;
    case 'shake':
      tail(62, 122, 40, 132);
      leg(80, 120, 76, 138);
      body(92, 98, -1.0);
      leg(118, 96, 120, 138);
      leg(124, 92, 156, 84); // paw up
      head(128, 52, -0.15);
      ctx.fillStyle = colors.accent;
      ctx.font = 'bold 16px system-ui, sans-serif';
      ctx.fillText('paw!', 160, 80);
      break;
    case 'jump':
      ctx.translate(0, -38);
      tail(54, 84, 30, 70);
      leg(64, 100, 40, 118);
      leg(74, 102, 52, 122);
      body(100, 88, -0.25);
      leg(128, 86, 158, 100);
      leg(136, 82, 166, 94);
      head(150, 58, -0.25);
      ctx.translate(0, 38);
      ctx.strokeStyle = colors.ground;
      ctx.lineWidth = 2;
      ctx.setLineDash([4, 5]);
      ctx.beginPath();
      ctx.moveTo(100, 134);
      ctx.lineTo(100, 118);
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    case 'come':
      // Trotting towards you: legs mid-stride, motion lines behind.
      ctx.strokeStyle = colors.ground;
      ctx.lineWidth = 3;
      for (const y of [78, 92, 106]) {
        ctx.beginPath();
        ctx.moveTo(8, y);
        ctx.lineTo(34, y);
        ctx.stroke();
      }
      tail(58, 86, 40, 62);
      leg(70, 100, 54, 136);
      leg(82, 102, 92, 138);
      body(100, 90, 0);
      leg(118, 100, 108, 138);
      leg(130, 100, 150, 134);
      head(150, 62, 0);
      break;
    default: // standing, waiting for a cue
      tail(58, 84, 40, 60);
      leg(70, 100, 70, 138);
      leg(82, 102, 82, 138);
      body(100, 90, 0);
      leg(118, 100, 118, 138);
      leg(130, 100, 130, 138);
      head(150, 62, 0);
  }
  ctx.restore();
}

export function createMowgli({ seed = 7 } = {}) {
  let rng;
  let prefs; // prefs[cue][trick]
  let cue; // index of the current cue
  let trick; // index of the trick Mowgli did, or null while waiting
  let trials;
  let treats;

  const cueText = h('p', { class: 'mowgli-cue', 'aria-live': 'polite' });
  const didText = h('p', { class: 'mowgli-did' });
  const feedback = h('p', { class: 'mowgli-feedback', role: 'status' });
  const counts = h('p', { class: 'mowgli-counts', 'data-testid': 'mowgli-trials' });
  const canvas = h('canvas', { class: 'mowgli-canvas', role: 'img', 'aria-label': 'Mowgli the dog' });
  const prefTitle = h('p', { class: 'mowgli-pref-title' });
  const rows = TRICKS.map((t) => {
    const fill = h('span', { class: 'mowgli-bar-fill' });
    const value = h('span', { class: 'mowgli-bar-value' });
    const row = h(
      'div',
      { class: 'mowgli-pref', 'data-testid': 'mowgli-pref', 'data-trick': t.id, role: 'meter', 'aria-label': t.label, 'aria-valuemin': '0', 'aria-valuemax': '1' },
      h('span', { class: 'mowgli-bar-label' }, t.label),
      h('span', { class: 'mowgli-bar' }, fill),
      value,
    );
    return { row, fill, value };
  });
  const cueButtons = TRICKS.map((t, i) =>
    h('button', { type: 'button', class: 'btn intro-chip', 'aria-pressed': 'false', onclick: () => giveCue(i) }, t.cue),
  );

  const view = sharpCanvas(canvas, (ctx, w, hh) =>
    drawDog(ctx, w, hh, trick == null ? 'stand' : TRICKS[trick].id, {
      fur: cssVar(canvas, '--mowgli-fur', '#d4a373'),
      dark: cssVar(canvas, '--mowgli-dark', '#3d2b1f'),
      ground: cssVar(canvas, '--muted', '#8d99ae'),
      accent: cssVar(canvas, '--accent', '#fca311'),
    }),
  );

  function giveCue(i) {
    cue = i;
    const p = softmax(prefs[cue]);
    let u = rng();
    trick = p.length - 1;
    for (let k = 0; k < p.length; k++) {
      if ((u -= p[k]) < 0) {
        trick = k;
        break;
      }
    }
    canvas.classList.remove('mowgli-pop');
    void canvas.offsetWidth; // restart the little hop animation
    canvas.classList.add('mowgli-pop');
    render();
  }

  /**
   * The Law of Effect on the current cue → trick bond. A person's click keeps the same cue,
   * so the bars just changed are the ones on screen and Mowgli tries that cue again (pick
   * another cue with its chip); the auto-trainer moves to a random cue each trial.
   */
  function reinforce(treat, nextCue = cue) {
    if (trick == null) return;
    prefs[cue][trick] += treat ? STEP : -STEP;
    trials += 1;
    if (treat) treats += 1;
    const right = trick === cue;
    feedback.textContent = treat
      ? `Treat! “${TRICKS[cue].cue}” → ${TRICKS[trick].label.toLowerCase()} is now more likely.`
      : `No treat. “${TRICKS[cue].cue}” → ${TRICKS[trick].label.toLowerCase()} is now less likely.`;
    feedback.dataset.kind = treat === right ? 'good' : 'odd';
    // Next trial: Mowgli answers straight away.
    giveCue(nextCue);
  }

  /** A strict but fair trainer: treat exactly when the trick matches the cue, n times. */
  function autoTrain(n = 10) {
    for (let k = 0; k < n; k++) reinforce(trick === cue, Math.floor(rng() * TRICKS.length));
    feedback.textContent = `Auto-trainer: ${n} trials, a treat only for the right trick.`;
    feedback.dataset.kind = 'good';
  }

  function reset() {
    rng = mulberry32(seed);
    prefs = TRICKS.map(() => TRICKS.map(() => 0));
    trials = 0;
    treats = 0;
    feedback.textContent = 'Give him a treat when he does the right thing.';
    feedback.dataset.kind = '';
    giveCue(Math.floor(rng() * TRICKS.length));
  }

  function render() {
    cueText.textContent = `You: “${TRICKS[cue].cue}”`;
    didText.textContent = trick == null ? 'Mowgli waits…' : `Mowgli: ${TRICKS[trick].label.toLowerCase()}${trick === cue ? ' ✓' : ''}`;
    prefTitle.textContent = `Mowgli’s preferences after “${TRICKS[cue].cue}”`;
    const p = softmax(prefs[cue]);
    rows.forEach((r, k) => {
      r.fill.style.width = `${(p[k] * 100).toFixed(1)}%`;
      r.value.textContent = `${Math.round(p[k] * 100)}%`;
      r.row.dataset.value = String(p[k]);
      r.row.setAttribute('aria-valuenow', p[k].toFixed(3));
      r.row.classList.toggle('is-chosen', k === trick);
      r.row.classList.toggle('is-cued', k === cue);
    });
    cueButtons.forEach((b, k) => b.setAttribute('aria-pressed', k === cue ? 'true' : 'false'));
    counts.textContent = `Trials: ${trials} · treats: ${treats}`;
    view.redraw();
  }

  const treatBtn = button('🍖 Treat', () => reinforce(true), { kbd: 'Y', variant: 'good' });
  treatBtn.dataset.testid = 'mowgli-treat';
  const noTreatBtn = button('No treat', () => reinforce(false), { kbd: 'N', variant: 'bad' });
  noTreatBtn.dataset.testid = 'mowgli-no-treat';
  const resetBtn = button('Reset', reset, { kbd: 'R', variant: 'quiet' });
  resetBtn.dataset.testid = 'mowgli-reset';
  const autoBtn = button('Auto-train ×10', () => autoTrain(10), { kbd: 'A', variant: 'quiet' });
  autoBtn.dataset.testid = 'mowgli-auto';

  const el = h(
    'div',
    { class: 'mowgli' },
    h(
      'div',
      { class: 'mowgli-stage' },
      h('div', { class: 'mowgli-cues', role: 'group', 'aria-label': 'Give a cue' }, cueButtons),
      cueText,
      canvas,
      didText,
      h('div', { class: 'intro-buttons' }, treatBtn, noTreatBtn),
    ),
    h(
      'div',
      { class: 'mowgli-side' },
      prefTitle,
      h('div', { class: 'mowgli-prefs' }, rows.map((r) => r.row)),
      feedback,
      counts,
      h('div', { class: 'intro-buttons' }, autoBtn, resetBtn),
    ),
  );

  reset();
  return {
    el,
    treat: () => reinforce(true),
    noTreat: () => reinforce(false),
    autoTrain,
    reset,
    redraw: () => view.redraw(),
  };
}
