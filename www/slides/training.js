// Slide: training — what the talk ran (SB3 PPO on CartPole-v0, 20,000 steps) and what happened,
// and the live run: Train / Pause / Resume / Reset, settings, the SB3 table and ep_rew_mean.
// The run lives in the shared session (training/shared-session.js): it keeps going on other slides.
import { h } from '../ui/dom.js';
import { createControls } from '../training/controls.js';
import { createMetricsTable } from '../training/metrics-table.js';
import { createCurves } from '../training/curves.js';
import { createPolicyPreview } from '../training/policy-preview.js';
import { sharedSession } from '../training/shared-session.js';
import { liveSet, tabs, printRun } from './live.js';

const live = liveSet('training');

const c = (text) => h('span', { class: 'pr-comment' }, text);
const hl = (text) => h('span', { class: 'pr-hl' }, text);

export default {
  id: 'training',
  title: 'Training',
  notes: `"Let's train the model. And I can answer some questions while it's training!"

The talk's code: stable-baselines3 PPO with an MLP policy (two hidden layers of 64), default settings, on CartPole-v0 wrapped in a DummyVecEnv, logging to TensorBoard. model.learn(total_timesteps=20000).

What happened: the environment was created with render_mode="human", so every single step was drawn in a window — 45 steps per second. 2,048 steps took 44 s; after 2 iterations (4,096 steps, 89 s) the talk stopped it with Ctrl-C (KeyboardInterrupt) and loaded a model trained earlier. 20,000 steps at that speed would have taken about 7.5 minutes.

Without rendering, the same SB3 training runs at a few thousand steps per second.

Live: press Train (default: the deck preset, CartPole-v1, seed 0, Talk speed: the whole run takes about 40 s, so there is time to talk while the curve climbs). The table is SB3's log (hover a key, or open "What the keys mean"); the curve is rollout/ep_rew_mean. Watch slows it down further so the phases can be seen (slide "PPO" highlights them) and shows the current policy playing beside the curve; Fast-forward finishes in a few seconds. x cycles the speeds. Training keeps running while you move to other slides. "The talk's run" tab shows the talk's code and log.`,
  render(ctx) {
    const session = sharedSession(ctx.wasm);
    const controlsBox = h('div', { class: 'live-train-controls' });
    const curveBox = h('div', { class: 'live-train-curve' });
    const tableBox = h('div', { class: 'live-train-table' });
    live.add('controls', createControls(controlsBox, session, ctx.wasm));
    live.add('curves', createCurves(curveBox, session, ctx.wasm, { key: 'rollout/ep_rew_mean', smoothing: 0.6 }));
    live.add('table', createMetricsTable(tableBox, session, ctx.wasm));
    // Watch: the current policy plays beside the curve (the curve stays on screen in every speed).
    const previewBox = h('div', { class: 'live-train-preview', hidden: true });
    live.add('preview', createPolicyPreview(previewBox, session, ctx.wasm));
    const view = h('div', { class: 'live-train-view' }, curveBox, previewBox);
    const showSpeed = () => {
      const watch = session.speed === 'watch';
      previewBox.hidden = !watch;
      view.classList.toggle('is-watch', watch);
    };
    session.on('config', showSpeed);
    showSpeed();
    const liveView = h('div', { class: 'pr-cols live-train', 'data-demo-slot': 'training' }, h('div', { class: 'live-train-left' }, controlsBox, view), tableBox);
    const talk = h(
      'div',
      { class: 'live-talk' },
      h('p', { class: 'pr-lead' }, 'The talk: stable-baselines3’s PPO, default settings, 20,000 steps.'),
      h(
        'pre',
        { class: 'pr-code code', 'aria-label': 'The talk’s training code' },
        'env = gym.make(\'CartPole-v0\', ', hl('render_mode="human"'), ')\n',
        'env = DummyVecEnv([lambda: env])\n',
        "model = PPO('MlpPolicy', env, verbose=1,\n",
        "            tensorboard_log=os.path.join('Training', 'Logs'))\n",
        hl('model.learn(total_timesteps=20000)'),
      ),
      h(
        'div',
        { class: 'pr-cols pr-cols-train' },
        h(
          'section',
          { class: 'pr-card' },
          h('h3', {}, 'What happened'),
          h('p', {}, 'Rendering every step: ', h('strong', { class: 'pr-accent' }, '45 fps'), '. Two iterations (4,096 steps) took 89 s — so the talk pressed Ctrl-C and loaded a model trained earlier.'),
        ),
        h(
          'pre',
          { class: 'pr-code code pr-train-log', 'aria-label': 'The end of the talk’s training log' },
          '|    fps             | 45   |\n',
          '|    iterations      | 2    |\n',
          '|    time_elapsed    | 89   |\n',
          '|    total_timesteps | 4096 |\n',
          h('span', { class: 'pr-bad' }, 'KeyboardInterrupt:'),
        ),
      ),
    );
    const t = tabs('Training: live or the talk', [['live', 'Train it here', liveView], ['talk', 'The talk’s run', talk]]);
    return h('div', { class: 'pr pr-training' }, h('div', { class: 'live-head' }, h('h2', {}, 'Training'), t.bar), t.panels);
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
