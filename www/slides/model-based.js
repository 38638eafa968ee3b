// Slide: model-based RL — plan with CartPole's own physics, then with a model learned from a
// few thousand real steps, and compare the real steps against PPO's (model-free).
import { h } from '../ui/dom.js';
import { createModelBased, BUDGET } from '../demos/model-based.js';
import { formatNumber } from '../ui/controls.js';

let demo = null;

export default {
  id: 'model-based',
  title: 'Model-based: learn the world, then plan',
  notes: `The other family from the last slide. A model predicts what an action leads to; a planner uses it: before every step it imagines 100 random push sequences 25 steps (half a second) ahead, scores each with CartPole's own reward, takes the first push of the best, and plans again. The faint lines are those imagined futures of the pole's tip.

Plan (true model): the model IS CartPole. It balances from step 1, 500/500, with zero training. That is what knowing the physics buys.

One thing added to the reward, said out loud: a small per-step penalty ¼((x/2.4)² + (θ/12°)²), never more than half a step's reward. With the reward alone every sequence that survives half a second scores the same, and the cart drifts off the track (2 of 20 seeds reach 500); with it, 20 of 20.

Learn a model: 2,000 random steps (about 90 failed episodes), fit the hand-written MLP to predict the change of state from (state, push), then plan with it. If an episode falls short, refit on everything seen and go again. Usually the first planned episode already scores 500: 2,500 real steps in all (seeds 0–9 natively: 9 of 10 at 2,500, one at 2,985). PPO's deck preset needs about 18,000 to solve; the table shows its first 500-step training episode, from the same seed.

The trade-off: samples against compute. PPO's policy answers in microseconds; the planner does 2,500 model steps per action, milliseconds. Real robots make samples expensive; games make them cheap.`,
  render(ctx) {
    demo = createModelBased(ctx.wasm);
    return h(
      'div',
      { class: 'pr mb' },
      h('h2', {}, 'Model-based: learn the world, then plan'),
      h('p', { class: 'pr-lead' }, 'Before every push: imagine 100 random futures with a model, take the best one’s first push.'),
      h(
        'div',
        { class: 'pr-cols mb-cols' },
        h('section', { class: 'mb-left', 'aria-label': 'Planner demo' }, demo.el),
        h(
          'section',
          { class: 'mb-right', 'aria-label': 'Results' },
          h('div', { class: 'pr-log-box mb-log-box' }, demo.log, h('p', { class: 'pr-now-line' }, demo.now)),
          h(
            'dl',
            { class: 'mb-stats' },
            h('dt', {}, 'real env steps'), h('dd', {}, demo.stats.steps),
            h('dt', {}, 'one-step error'), h('dd', {}, demo.stats.error, h('span', { class: 'mb-sub' }, ' 10-step ', demo.stats.multi)),
            h('dt', {}, 'compute per action'), h('dd', {}, demo.stats.ms),
          ),
          h(
            'table',
            { class: 'mb-table', 'data-testid': 'mb-compare' },
            h('caption', {}, 'Same seed, first 500-step episode'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'real steps'), h('th', { scope: 'col' }, 'per action'))),
            h(
              'tbody',
              {},
              h('tr', {}, h('th', { scope: 'row' }, 'PPO (model-free)'), h('td', {}, demo.cmp.ppoSteps), h('td', {}, demo.cmp.ppoMs)),
              h('tr', {}, h('th', { scope: 'row' }, 'learned model + planner'), h('td', {}, demo.cmp.mbSteps), h('td', {}, demo.cmp.mbMs)),
            ),
          ),
          demo.status,
          h('p', { class: 'pr-small mb-objective' }, 'Objective: +1 per step over the horizon, minus ¼((x/2.4)² + (θ/12°)²) per step so the cart stays on the track. Budget: ', formatNumber(BUDGET), ' real steps.'),
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
    { key: 'p', label: 'Plan with the true model', run: () => demo.plan() },
    { key: 'm', label: 'Learn a model, then plan', run: () => demo.learn() },
  ],
};
