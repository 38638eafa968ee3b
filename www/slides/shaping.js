// Slide: shaping — Skinner's pigeons; rewarding successive approximations.
import { h } from '../ui/dom.js';
import { createShaping, PARAMS } from '../demos/shaping.js';

let demo = null;

export default {
  id: 'shaping',
  title: 'A note about shaping',
  notes: `B.F. Skinner wanted pigeons to guide missiles during WWII (Project Pigeon) — and he got it working. How do you get an animal to do something complex? Shaping: reward closer and closer approximations of the behaviour until you get the behaviour you want.

The demo: two simulated pigeons, same random numbers (same seed), different trainers. Each trial the bird turns by an angle scattered (σ = ${PARAMS.sigma}°) around its habit (starts at ${PARAMS.mu0}°). A rewarded turn pulls the habit towards it (η = ${PARAMS.eta}). The goal is a full turn (≥ ${PARAMS.target}°).
- "Full turn only": a full turn never happens by chance, so there is nothing to reward and nothing is learned.
- "Shaping": reward any turn at least as big as the bird's current habit, so the bar keeps rising. Over 1000 seeds it reaches the goal after 44–149 trials (median 94); the final-only bird never does.
The green arc is a rewarded turn, the orange tick the trainer's current criterion.

Still fraught with challenges: how do you make sure the correct behaviour is the one being trained? And how do you balance exploration vs exploitation? (The bird only improves because its turns vary.)`,
  render(ctx) {
    demo = createShaping({ freshSeed: () => ctx.wasm.fresh_seed() });
    return h(
      'div',
      { class: 'intro-slide intro-shaping' },
      h('h2', {}, 'Shaping: reward closer approximations'),
      h('p', { class: 'intro-sub' }, 'Skinner trained pigeons to guide missiles in WWII. Teach a pigeon a full turn: wait for a full turn, or reward each step towards it?'),
      demo.el,
    );
  },
  mount() {
    demo?.mount();
  },
  unmount() {
    demo?.unmount();
  },
  keys: [
    { key: 'p', label: 'Run / pause the pigeons', run: () => demo?.toggle() },
    { key: 'r', label: 'Reset the pigeons', run: () => demo?.reset() },
    { key: 'n', label: 'New seed for the pigeons', run: () => demo?.newSeed() },
  ],
};
