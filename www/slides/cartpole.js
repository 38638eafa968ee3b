// Slide: Live demonstration — CartPole. The spaces, rewards and episode end from the talk, with
// the observation table showing the live values of the episode you play on the left.
import { h } from '../ui/dom.js';
import { createCartPolePlay } from '../demos/cartpole-play.js';

const THETA_MAX = (12 * 2 * Math.PI) / 360;
const ROWS = [
  // [num, name, range, ends at, limit or null]
  [0, 'Cart position', '±4.8', '±2.4', 2.4],
  [1, 'Cart velocity', '±inf', '—', null],
  [2, 'Pole angle', '±0.418 (24°)', '±12°', THETA_MAX],
  [3, 'Angular velocity', '±inf', '—', null],
];

let play = null;
const live = [];

function showObs(obs) {
  ROWS.forEach(([i, , , , limit], k) => {
    const v = obs[i];
    const cell = live[k];
    const sign = v < 0 ? '−' : '+';
    cell.textContent = sign + Math.abs(v).toFixed(3) + (i === 2 ? ` (${sign}${Math.abs((v * 180) / Math.PI).toFixed(1)}°)` : '');
    cell.classList.toggle('pr-over', limit != null && Math.abs(v) > limit);
  });
}

export default {
  id: 'cartpole',
  title: 'Live demonstration: CartPole',
  notes: `The talk's environment: CartPole (Gymnasium) — balance a pole on a cart. The talk used CartPole-v0 (200 steps); we play v1 (500 steps), the same physics.

Actions: two, 0 = push left, 1 = push right. There is no "do nothing": every step pushes.

Observation: four numbers — cart position, cart velocity, pole angle, angular velocity. The table shows the space's bounds and, on the right, the live values of the episode on the left. The space allows ±4.8 and ±24°, but the episode ends well before: ±2.4 and ±12°.

A "box" space is just an array of numbers with a lower and an upper bound per entry — like the dimensions of a box. Gymnasium writes it Box(low, high, shape=(4,), float32).

Reward: +1 for every step, including the one that ends the episode. So the score is the number of steps survived.

Play it: A / D (or the big buttons) push left / right; the last push repeats every step, at 50 Hz in real time, or slowed down (Speed button; ½× by default). R restarts. The arrow keys stay with the deck (next/previous slide). Humans are bad at this at 1×: that is the point of the next slides.`,
  render(ctx) {
    play = createCartPolePlay(ctx.wasm, { onObs: (obs) => showObs(obs) });
    const table = h(
      'table',
      { class: 'pr-obs', 'data-testid': 'obs-table' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Observation'), h('th', {}, 'Space'), h('th', {}, 'Ends'), h('th', {}, 'Now'))),
      h(
        'tbody',
        {},
        ROWS.map(([i, name, range, ends], k) => {
          live[k] = h('td', { class: 'num pr-live', 'data-testid': `obs-live-${i}`, 'data-label': 'now' }, '0');
          // data-label: the column's name where a phone shows each row as a small card.
          return h('tr', {}, h('td', { class: 'pr-obs-i' }, String(i)), h('td', { class: 'pr-obs-name' }, name), h('td', { class: 'pr-mono pr-obs-space', 'data-label': 'space' }, range), h('td', { class: 'pr-mono pr-obs-ends', 'data-label': 'ends' }, ends), live[k]);
        }),
      ),
    );
    showObs(play.obs);
    return h(
      'div',
      { class: 'pr pr-cartpole' },
      h('h2', {}, 'Live demonstration: CartPole'),
      h(
        'div',
        { class: 'pr-cols pr-cols-cp' },
        h(
          'section',
          { class: 'pr-cp-left', 'aria-label': 'Play CartPole yourself' },
          play.el,
          h('p', { class: 'pr-caption' }, 'Your last push repeats every step — CartPole has no “do nothing”. ½× is slow motion, 1× the real 50 Hz.'),
        ),
        h(
          'section',
          { class: 'pr-cp-facts' },
          h('p', {}, h('strong', {}, 'Actions '), h('code', {}, 'Discrete(2)'), ': ', h('code', {}, '0'), ' push left, ', h('code', {}, '1'), ' push right'),
          h('div', { class: 'pr-scroll' }, table),
          h('pre', { class: 'pr-code', 'aria-label': 'The observation space as a Gymnasium Box' }, 'Box(low=[-4.8, -inf, -0.418, -inf],\n    high=[4.8, inf, 0.418, inf],\n    shape=(4,), dtype=float32)'),
          h('p', { class: 'pr-small' }, 'A ', h('em', {}, 'box'), ' space: numbers in an array, each between its bounds (angles in radians).'),
          h('p', {}, h('strong', {}, 'Reward '), '+1 every step, the last one too.'),
          h('p', {}, h('strong', {}, 'Episode ends '), '|θ| > 12°, |x| > 2.4, or 500 steps (200 in v0).'),
        ),
      ),
    );
  },
  mount() {
    play.mount();
  },
  unmount() {
    play.unmount();
  },
  keys: [
    { key: 'a', label: 'Push the cart left', run: () => play.push(0) },
    { key: 'd', label: 'Push the cart right', run: () => play.push(1) },
    { key: 'r', label: 'Restart the episode (reset)', run: () => play.restart() },
  ],
};
