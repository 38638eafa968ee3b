// Slide: training metrics — stable-baselines3's log keys, explained, with the talk's own log.
import { h } from '../ui/dom.js';
import { button } from '../ui/controls.js';

let toggle = () => {};

const GROUPS = [
  ['rollout/ — how the agent does', [
    ['ep_rew_mean', 'mean reward per episode, last 100', 'rises to 500 (200 in v0)', '—'],
    ['ep_len_mean', 'mean episode length, last 100', 'CartPole: equals the reward', '—'],
  ]],
  ['train/ — how the learning goes', [
    ['approx_kl', 'how far one update moved the policy', 'small, ~0.01–0.02', '0.00966'],
    ['clip_fraction', 'share of samples clipped (|r − 1| > ε)', '~0.05–0.2', '0.0822'],
    ['entropy_loss', 'minus the randomness of the actions', '−0.69 (coin flip) → 0', '−0.687'],
    ['explained_variance', 'how well the critic predicts returns', 'rises towards 1', '−0.00749'],
    ['value_loss', 'the critic’s squared error', 'large early, then settles', '48.6'],
    ['policy_gradient_loss', 'the clipped surrogate, negated', 'small, slightly negative', '−0.0121'],
    ['loss', 'what is minimised: pg + 0.5 · value', 'tracks value_loss', '7.99'],
    ['learning_rate', 'step size (SB3 default)', 'a setting', '0.0003'],
    ['clip_range', 'PPO’s ε (SB3 default)', 'a setting', '0.2'],
    ['n_updates', 'gradient epochs so far', '+10 per iteration', '10'],
  ]],
  ['time/ — bookkeeping', [
    ['fps', 'environment steps per second', 'higher = faster', '45'],
    ['total_timesteps', 'environment steps so far', '+2048 per iteration', '4096'],
  ]],
];

const LOG = `----------------------------------------
| time/                   |            |
|    fps                  | 45         |
|    iterations           | 2          |
|    time_elapsed         | 89         |
|    total_timesteps      | 4096       |
| train/                  |            |
|    approx_kl            | 0.00966014 |
|    clip_fraction        | 0.0822     |
|    clip_range           | 0.2        |
|    entropy_loss         | -0.687     |
|    explained_variance   | -0.00749   |
|    learning_rate        | 0.0003     |
|    loss                 | 7.99       |
|    n_updates            | 10         |
|    policy_gradient_loss | -0.0121    |
|    value_loss           | 48.6       |
----------------------------------------`;

export default {
  id: 'metrics',
  title: 'Training metrics',
  notes: `Two kinds of metrics, as the talk puts it: evaluation metrics (everything about episode length and reward — the ones you actually care about) and the others (explained variance: how much of the returns the value network can explain; learning rate: how fast the policy updates; …).

Press V (or the button) for the talk's real log after iteration 2 (SB3 PPO defaults: 2048 steps per iteration, 10 epochs → n_updates 10). explained_variance −0.007: the critic knows nothing yet. entropy_loss −0.687 ≈ −ln 2: still a coin flip. fps 45: because render_mode="human" draws every step.

The rollout/ lines are missing from the talk's log at that point (no episode stats printed in the table it showed); they appear once episodes finish.

"Healthy" values are rules of thumb for CartPole with PPO, not laws.`,
  render() {
    const table = h(
      'table',
      { class: 'pr-metrics', 'data-testid': 'metrics-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'key'), h('th', {}, 'meaning'), h('th', {}, 'healthy'), h('th', {}, 'talk'))),
      GROUPS.map(([title, rows]) =>
        h(
          'tbody',
          {},
          h('tr', { class: 'pr-group' }, h('th', { colspan: '4', scope: 'rowgroup' }, title)),
          rows.map(([key, meaning, ok, talk]) =>
            h('tr', {}, h('td', { class: 'pr-mono pr-key' }, key), h('td', {}, meaning), h('td', { class: 'pr-ok' }, ok), h('td', { class: 'pr-mono pr-talk' }, talk)),
          ),
        ),
      ),
    );
    const explained = h('div', { class: 'pr-scroll pr-metrics-view' }, table);
    const raw = h(
      'div',
      { class: 'pr-metrics-view', hidden: true },
      h('pre', { class: 'pr-code code', 'data-testid': 'metrics-log', 'aria-label': 'The talk’s SB3 log after iteration 2' }, LOG),
    );
    toggle = () => {
      const showRaw = raw.hidden;
      raw.hidden = !showRaw;
      explained.hidden = showRaw;
      toggleBtn.firstChild.textContent = showRaw ? 'Explained ' : 'The talk’s raw log ';
    };
    const toggleBtn = button('The talk’s raw log ', () => toggle(), { kbd: 'V', variant: 'secondary' });
    toggleBtn.dataset.testid = 'metrics-toggle';
    return h(
      'div',
      { class: 'pr pr-metrics-slide' },
      h('h2', {}, 'Training metrics'),
      h(
        'div',
        { class: 'pr-lead-row' },
        h('p', { class: 'pr-lead' }, 'Episode reward and length tell you ', h('em', {}, 'if'), ' it learns; the rest tell you ', h('em', {}, 'why'), '.'),
        toggleBtn,
      ),
      explained,
      raw,
    );
  },
  keys: [{ key: 'v', label: 'Switch between the explained table and the talk’s raw log', run: () => toggle() }],
};
