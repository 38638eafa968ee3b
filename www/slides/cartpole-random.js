// Slide: the random agent — the talk's baseline, 5 episodes with a score log and the mean.
import { h } from '../ui/dom.js';
import { createRandomAgent } from '../demos/random-agent.js';

let demo = null;

export default {
  id: 'cartpole-random',
  title: 'A random agent',
  notes: `The baseline: no learning at all, every step picks 0 or 1 at random (env.action_space.sample()).

The talk's run scored 22, 12, 12, 25, 15. Random play on CartPole-v1 averages about 22–25 steps (Gymnasium, 100 episodes: mean 24.96, median 20). Ours is seeded: the same seed replays the same five episodes; "New seed" draws another.

Punchline from the talk: "Randomness won't get you nowhere, y'hear." So: pick an algorithm and train.`,
  render(ctx) {
    demo = createRandomAgent(ctx.wasm);
    return h(
      'div',
      { class: 'pr pr-random-slide' },
      h('h2', {}, 'A random agent'),
      h('p', { class: 'pr-lead' }, 'The baseline: no learning, every step a coin flip between left and right.'),
      h(
        'div',
        { class: 'pr-cols pr-cols-cp' },
        h('section', { class: 'pr-cp-left', 'aria-label': 'Random agent demo' }, demo.el),
        h(
          'section',
          { class: 'pr-cp-facts' },
          h('pre', { class: 'pr-code' }, 'for episode in range(1, 6):\n    ...\n    action = ', h('span', { class: 'pr-hl' }, 'env.action_space.sample()'), '\n    ...\n    print(f"Episode:{episode} Score:{score}")'),
          h('div', { class: 'pr-log-box' }, demo.log, h('p', { class: 'pr-now-line' }, demo.now)),
          h('p', { class: 'pr-mean' }, 'mean score ', demo.mean, h('span', { class: 'pr-caption' }, ' (the talk: 22, 12, 12, 25, 15)')),
          h('blockquote', { class: 'pr-punch' }, h('p', {}, 'Randomness won’t get you nowhere, y’hear.'), h('cite', {}, '— the talk')),
        ),
      ),
    );
  },
  mount() {
    demo.mount();
  },
  unmount() {
    demo.unmount();
  },
  keys: [
    { key: 'p', label: 'Play 5 random episodes', run: () => demo.run() },
    { key: 'n', label: 'New random seed', run: () => demo.newSeed() },
  ],
};
