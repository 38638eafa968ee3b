// Slide: training — what the talk ran (SB3 PPO on CartPole-v0, 20,000 steps) and what happened.
// The live Train button arrives in a later issue: it mounts into [data-demo-slot="training"].
import { h } from '../ui/dom.js';

const c = (text) => h('span', { class: 'pr-comment' }, text);
const hl = (text) => h('span', { class: 'pr-hl' }, text);

export default {
  id: 'training',
  title: 'Training',
  notes: `"Let's train the model. And I can answer some questions while it's training!"

The talk's code: stable-baselines3 PPO with an MLP policy (two hidden layers of 64), default settings, on CartPole-v0 wrapped in a DummyVecEnv, logging to TensorBoard. model.learn(total_timesteps=20000).

What happened: the environment was created with render_mode="human", so every single step was drawn in a window — 45 steps per second. 2,048 steps took 44 s; after 2 iterations (4,096 steps, 89 s) the talk stopped it with Ctrl-C (KeyboardInterrupt) and loaded a model trained earlier. 20,000 steps at that speed would have taken about 7.5 minutes.

Without rendering, the same SB3 training runs at a few thousand steps per second.`,
  render() {
    return h(
      'div',
      { class: 'pr pr-training' },
      h('h2', {}, 'Training'),
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
      h('div', { class: 'pr-slot', 'data-demo-slot': 'training' }),
    );
  },
};
