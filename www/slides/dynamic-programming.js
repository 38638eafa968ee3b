// Slide: the dynamic-programming link (Bellman) — a DP table for the random walk.
import { h } from '../ui/dom.js';

const NAMES = ['A', 'B', 'C', 'D', 'E'];

/** Synchronous sweeps of V(s) = ½·V(left) + ½·V(right), exits worth 0 and +1; V₀ = 0. */
export function sweeps(count) {
  const rows = [[0, 0, 0, 0, 0]];
  for (let k = 0; k < count; k++) {
    const V = rows[rows.length - 1];
    const at = (s) => (s < 0 ? 0 : s > 4 ? 1 : V[s]);
    rows.push(V.map((_, s) => 0.5 * at(s - 1) + 0.5 * at(s + 1)));
  }
  return rows;
}

const SHOW = [0, 1, 2, 3, 4, 8, 16, 64];

export default {
  id: 'dynamic-programming',
  title: 'The dynamic-programming link',
  notes: `Richard Bellman's dynamic programming (1950s): solve a problem by breaking it into smaller, overlapping sub-problems, solve each once and store the answers in a table so nothing is computed twice.

RL takes DP's key steps — evaluate your decisions, then improve them — and adapts them to situations where you don't have all the information from the start: you learn the best moves by practising and seeing the results, much like getting better at a video game by playing it more and more.

The table is value iteration on the same random walk as the TD slide, but with the model known: each state's value is half its left neighbour's plus half its right neighbour's (the exits are worth 0 and +1). Starting from all zeros, the +1 seeps back one state per sweep and converges to 1/6 … 5/6 — the values TD had to learn from experience. Next: the same table trick on Fibonacci.`,
  render() {
    const all = sweeps(SHOW[SHOW.length - 1]);
    const table = h(
      'table',
      { class: 'dp-table' },
      h('caption', {}, 'Value iteration on the random walk (model known)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'sweep'), NAMES.map((n) => h('th', { scope: 'col' }, n)))),
      h(
        'tbody',
        {},
        SHOW.map((k) =>
          h(
            'tr',
            { class: k === SHOW[SHOW.length - 1] ? 'dp-final' : null },
            h('th', { scope: 'row' }, String(k)),
            all[k].map((v) => h('td', {}, v.toFixed(3))),
          ),
        ),
        h('tr', { class: 'dp-true' }, h('th', { scope: 'row' }, 'true'), ['1/6', '2/6', '3/6', '4/6', '5/6'].map((t) => h('td', {}, t))),
      ),
    );
    return h(
      'div',
      { class: 'intro-slide intro-dp' },
      h('h2', {}, 'The dynamic-programming link'),
      h(
        'div',
        { class: 'intro-cols' },
        h(
          'div',
          { class: 'intro-col' },
          h('p', { class: 'intro-lead' }, 'Bellman: break a problem into ', h('strong', {}, 'overlapping sub-problems'), '; solve each once; keep the answers in a ', h('strong', {}, 'table'), '.'),
          h('p', {}, 'RL borrows DP’s loop — evaluate decisions, improve them — for when you don’t have the full picture up front: learn by practising and seeing the results.'),
          h('p', { class: 'dp-formula intro-panel' }, 'V(s) = ½ V(left) + ½ V(right)'),
          h('p', { class: 'intro-muted' }, 'Next: the same table trick on Fibonacci →'),
        ),
        table,
      ),
    );
  },
};
