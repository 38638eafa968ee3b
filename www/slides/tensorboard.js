// Slide: TensorBoard — what the talk's training logs show when plotted, and the live run's
// curves (any SB3 scalar, steps or wall time, smoothing, the previous run for comparison).
import { h } from '../ui/dom.js';
import { createCurves } from '../training/curves.js';
import { sharedSession } from '../training/shared-session.js';
import { liveSet, tabs, printRun } from './live.js';

const live = liveSet('tensorboard');

const CARDS = [
  ['rollout/ep_rew_mean', '↗', 'climbs towards the maximum (200 in v0, 500 in v1): the one to watch'],
  ['rollout/ep_len_mean', '↗', 'in CartPole the same curve: one point per step survived'],
  ['train/entropy_loss', '↗ 0', 'from −0.69 (a coin flip) towards 0: the policy gets sure of itself'],
  ['train/explained_variance', '↗ 1', 'the critic learns to predict the returns'],
  ['train/value_loss', '↗↘', 'grows with the returns, then settles as the critic catches up'],
  ['train/approx_kl · clip_fraction', '≈', 'stay small: PPO’s clip keeps each update proximal'],
];

export default {
  id: 'tensorboard',
  title: 'TensorBoard',
  notes: `The talk pointed TensorBoard at the training logs: "We can use tensorboard to look at actual metrics for how the model performed." (tensorboard --logdir=Training/Logs/PPO_1, then http://localhost:6006.)

TensorBoard plots every key of the SB3 log against the step count. The ones that matter: ep_rew_mean rising is the agent learning; entropy going to 0 is the policy becoming deterministic; explained variance going to 1 is the critic becoming useful; approx_kl and clip_fraction staying small is PPO behaving.

The arrows are the typical shapes for PPO on CartPole, not data from the talk.

Live: "This run" plots the session's run (train on the "Training" slide; it keeps training here). Pick any scalar, steps or wall time on x, TensorBoard's smoothing; the previous run is dashed grey. "What a good run looks like" has the typical shapes.`,
  render(ctx) {
    const session = sharedSession(ctx.wasm);
    const curvesBox = h('div', { class: 'live-tb', 'data-demo-slot': 'tensorboard' });
    live.add('curves', createCurves(curvesBox, session, ctx.wasm, { key: 'rollout/ep_rew_mean', smoothing: 0.6 }));
    const guide = h(
      'div',
      { class: 'live-talk' },
      h('p', { class: 'pr-lead' }, 'Every logged metric, plotted against training steps. What a good run looks like:'),
      h(
        'div',
        { class: 'pr-tb-grid' },
        CARDS.map(([key, arrow, text]) =>
          h('section', { class: 'pr-card pr-tb-card' }, h('p', { class: 'pr-tb-key' }, h('code', {}, key.replace(/\//g, '/\u200b')), h('span', { class: 'pr-tb-arrow', 'aria-hidden': 'true' }, arrow)), h('p', { class: 'pr-tb-text' }, text)),
        ),
      ),
    );
    const t = tabs('TensorBoard: live curves or the guide', [['live', 'This run', curvesBox], ['guide', 'What a good run looks like', guide]]);
    return h(
      'div',
      { class: 'pr pr-tensorboard' },
      h('div', { class: 'live-head' }, h('h2', {}, 'TensorBoard'), t.bar),
      h('pre', { class: 'pr-code code' }, "!tensorboard --logdir=Training/Logs/PPO_1\n", h('span', { class: 'pr-comment' }, 'TensorBoard 2.15.1 at http://localhost:6006/')),
      t.panels,
    );
  },
  mount() {
    live.mount();
  },
  unmount() {
    live.unmount();
  },
  // The printed handout: the talk's default run rather than an empty "press Train" chart.
  print(ctx) {
    return printRun(sharedSession(ctx.wasm));
  },
};
