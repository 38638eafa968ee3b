// Slide: cross-discipline — dopamine neurons signal reward prediction error (TD error).
import { h } from '../ui/dom.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { mulberry32 } from '../ui/random.js';


// Schematic firing-rate histograms in the style of Schultz, Dayan & Montague (1997).
const BINS = 48;
const CUE = 12;
const REWARD = 32;
const ROWS = [
  { title: 'No cue, reward arrives', cue: false, reward: true, bumps: { [REWARD]: 1 }, delta: 'δ > 0 at the reward' },
  { title: 'Cue predicts reward, reward arrives', cue: true, reward: true, bumps: { [CUE]: 1 }, delta: 'δ > 0 at the cue, δ = 0 at the reward' },
  { title: 'Cue predicts reward, reward omitted', cue: true, reward: false, bumps: { [CUE]: 1, [REWARD]: -1 }, delta: 'δ < 0 when the reward fails to come' },
];

function rates(row, seed) {
  const rnd = mulberry32(seed);
  return Array.from({ length: BINS }, (_, b) => {
    let r = 1 + (rnd() - 0.5) * 0.55;
    for (const [at, sign] of Object.entries(row.bumps)) {
      const d = b - Number(at);
      if (sign > 0 && d >= 0 && d < 3) r += [2.6, 1.8, 0.7][d];
      if (sign < 0 && d >= 0 && d < 5) r = 0.05 + rnd() * 0.1;
    }
    return r;
  });
}

function draw(canvas, ctx, w, hgt) {
  const fg = cssVar(canvas, '--fg', '#f1f3f5');
  const muted = cssVar(canvas, '--muted', '#b8c1cc');
  const accent = cssVar(canvas, '--accent', '#fca311');
  const good = cssVar(canvas, '--good', '#06d6a0');
  const bad = cssVar(canvas, '--bad', '#ef476f');
  const rowH = hgt / ROWS.length;
  const left = 8;
  const right = w - 8;
  const bw = (right - left) / BINS;
  ctx.textBaseline = 'top';
  ROWS.forEach((row, i) => {
    const top = i * rowH;
    const base = top + rowH - 30;
    const scale = (rowH - 92) / 4.2;
    ctx.fillStyle = fg;
    ctx.font = '600 20px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(row.title, left, top + 4);
    ctx.fillStyle = row.bumps[REWARD] < 0 ? bad : good;
    ctx.font = '18px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(row.delta, left, top + 30);
    rates(row, 11 + i).forEach((r, b) => {
      const bh = r * scale;
      ctx.fillStyle = r > 2 ? accent : r < 0.3 ? bad : muted;
      ctx.fillRect(left + b * bw + 1, base - bh, Math.max(1, bw - 2), bh);
    });
    ctx.strokeStyle = muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, base + 0.5);
    ctx.lineTo(right, base + 0.5);
    ctx.stroke();
    ctx.font = '600 17px system-ui, sans-serif';
    ctx.textAlign = 'center';
    const mark = (bin, label, on) => {
      const x = left + bin * bw;
      ctx.strokeStyle = on ? fg : muted;
      ctx.setLineDash(on ? [] : [4, 4]);
      ctx.beginPath();
      ctx.moveTo(x, base + 2);
      ctx.lineTo(x, base + 10);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = on ? fg : muted;
      ctx.fillText(label, x, base + 10);
    };
    if (row.cue) mark(CUE, 'cue', true);
    mark(REWARD, row.reward ? 'reward' : '(no reward)', row.reward);
  });
}

let view = null;

export default {
  id: 'dopamine',
  title: 'Cross-discipline: dopamine as expectation',
  notes: `Psychology was critical to early machine learning (and to its inception). What goes around comes around: decades of modelling behaviour in machine learning in turn helped explain dopamine — in other words, how our own value function works.

What is dopamine? Reward? Attention? Novelty? Surprise? It's best explained by expectation — what machine learning calls temporal-difference learning. Schultz, Dayan & Montague (Science, 1997) showed that dopamine neurons in monkeys fire like the TD error δ: a burst for an unexpected reward; once a cue predicts the reward, the burst moves to the cue and the (expected) reward itself causes nothing; if the predicted reward is withheld, firing dips below baseline at the moment it should have come.

The histograms are a schematic redrawing (made-up noise), not the recorded data.`,
  render() {
    const canvas = h('canvas', { class: 'dopamine-canvas', role: 'img', 'aria-label': 'Schematic dopamine firing: unexpected reward gives a burst at the reward; a predicted reward gives a burst at the cue and nothing at the reward; an omitted reward gives a burst at the cue and a dip when the reward should have come.' });
    const el = h(
      'div',
      { class: 'intro-slide intro-dopamine' },
      h('h2', {}, 'Cross-discipline: what is dopamine?'),
      h(
        'div',
        { class: 'dopamine' },
        h(
          'div',
          { class: 'intro-col' },
          h('p', { class: 'intro-lead' }, 'Reward? Attention? Novelty? Surprise?'),
          h('p', {}, 'Best explained by ', h('strong', {}, 'expectation'), ': dopamine neurons fire like the ', h('strong', {}, 'reward prediction error'), ' of TD learning.'),
          h('p', { class: 'dopamine-formula intro-panel' }, 'δ = r + γ V(s′) − V(s)'),
          h('p', { class: 'intro-muted' }, 'Better than expected → burst. As expected → nothing. Worse → dip.'),
          h('p', { class: 'intro-muted dopamine-cite' }, 'Schultz, Dayan & Montague, Science (1997). Psychology fed ML; ML paid it back.'),
        ),
        canvas,
      ),
    );
    view = sharpCanvas(canvas, (ctx, w, hh) => draw(canvas, ctx, w, hh));
    return el;
  },
  mount() {
    view?.redraw();
  },
};
