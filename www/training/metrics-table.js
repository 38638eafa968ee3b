// The live SB3 log table: the keys, grouping and number format stable-baselines3 prints
// (rollout/, time/, train/), updated as training runs. Every key explains itself: a
// tooltip (title) and an accessible description (aria-describedby) with what it means and
// what a healthy value looks like; for keyboard and touch, one disclosure ("What the keys
// mean") lists them all — one Tab stop, not sixteen. Every value has a fixed width
// (format.js `formatCell`), so the table never changes size while it trains.
//
//   const table = createMetricsTable(container, session); table.mount(); … table.dispose();
import { h } from '../ui/dom.js';
import { formatCell } from './format.js';

/** What each key means and what a healthy value looks like (CartPole, the deck preset). */
export const KEY_HELP = {
  'rollout/ep_len_mean': 'Mean length (steps) of the last 100 training episodes. CartPole-v1 caps episodes at 500: it climbs from about 20 (random) towards 500.',
  'rollout/ep_rew_mean': 'Mean return of the last 100 training episodes (+1 per step). Healthy: rising; 475 or more on CartPole-v1 counts as solved (195 on v0).',
  'time/fps': 'Environment steps per second since training started, updates included. Higher is faster; it depends on the machine, not on learning.',
  'time/iterations': 'Rollouts collected so far (one rollout + one update per iteration).',
  'time/time_elapsed': 'Seconds spent training so far (whole seconds, pauses excluded).',
  'time/total_timesteps': 'Environment steps taken so far, over all parallel environments.',
  'train/approx_kl': 'Approximate KL divergence between the policy before and after this update (how far it moved). Healthy: small, about 0.001–0.02; much larger means updates are too big.',
  'train/clip_fraction': 'Fraction of samples whose probability ratio left [1 − ε, 1 + ε] and was clipped. Healthy: about 0.05–0.3; near 1 means the policy changes too fast.',
  'train/clip_range': 'ε, the clipping range of the probability ratio (0.2 at the start; the deck preset decays it linearly to 0).',
  'train/entropy_loss': 'Minus the mean entropy of the policy. Starts near −0.69 (= −ln 2, a coin flip) and rises towards 0 as the policy becomes sure of itself; a sudden jump to 0 early means it stopped exploring.',
  'train/explained_variance': 'How much of the returns\' variance the critic V(s) explains: 1 is perfect, 0 no better than a constant, negative worse. Healthy: rising towards 1 (it can dip when episodes get longer).',
  'train/learning_rate': 'The Adam step size used in this update (the deck preset decays it linearly from 2e-3 to 0).',
  'train/loss': 'Total loss of the last minibatch: policy loss + vf_coef × value loss + ent_coef × entropy loss. Its size is mostly the value loss; it is not a score to minimise.',
  'train/n_updates': 'Gradient epochs run so far (n_epochs per iteration).',
  'train/policy_gradient_loss': 'The clipped surrogate loss (negated), averaged over minibatches. Healthy: small and negative, around −0.01; it does not steadily decrease.',
  'train/value_loss': 'Mean squared error between the critic V(s) and the returns. Grows while returns grow (longer episodes), then settles; exploding values mean the critic diverges.',
};

/**
 * Where A2C and DQN log a key with another meaning than PPO's (or a key PPO does not log):
 * SB3's own semantics for that algorithm (src/a2c, src/dqn).
 */
export const ALGO_KEY_HELP = {
  a2c: {
    'time/iterations': 'Rollouts collected so far (one rollout of n_envs × n_steps + one gradient step per iteration).',
    'train/n_updates': 'Gradient steps so far: one per rollout. SB3 writes the table before the update, so the first shows iterations 100 with n_updates 99.',
    'train/policy_loss': 'The policy-gradient loss: minus the mean of advantage × log-probability of the action taken. It does not steadily decrease; its sign follows the advantages.',
    'train/learning_rate': 'The RMSprop step size used in this update.',
    'train/value_loss': 'Mean squared error between the critic V(s) and the returns (GAE with λ = 1). Grows while returns grow, then settles.',
    'train/entropy_loss': 'Minus the mean entropy of the policy: near −0.69 (a coin flip) at the start, rising towards 0 as the policy becomes sure.',
  },
  dqn: {
    'rollout/ep_rew_mean': 'Mean return of the last 100 training episodes, played ε-greedily: random actions keep it under the greedy policy’s score. The race judges DQN by its greedy evaluation.',
    'rollout/exploration_rate': 'ε, the probability of a random action: falls linearly from exploration_initial_eps to exploration_final_eps over the first exploration_fraction of the budget.',
    'time/episodes': 'Training episodes finished so far (DQN writes a table every log_interval episodes).',
    'train/learning_rate': 'The Adam step size used in the last gradient step.',
    'train/loss': 'Huber loss between Q(s, a) and the target r + γ max Q_target(s′, ·), averaged over the last training’s gradient steps. Not a score: it rises as values grow.',
    'train/n_updates': 'Gradient steps so far (gradient_steps per training, after learning_starts).',
  },
};

/** What `key` means for `algo` ('ppo' unless given). */
export function keyHelp(key, algo = 'ppo') {
  return ALGO_KEY_HELP[algo]?.[key] ?? KEY_HELP[key] ?? '';
}

let uid = 0;

export function createMetricsTable(container, session, _wasm, { idleText = 'Press Train: the log fills in after the first iteration.' } = {}) {
  const id = `sb3-${++uid}`;
  const cells = new Map();
  const body = h('tbody');
  const status = h('p', { class: 'sb3-status', 'aria-live': 'polite' });
  const table = h('table', { class: 'sb3-table', 'aria-label': `${session.algo && session.algo !== 'ppo' ? `${session.algo.toUpperCase()} t` : 'T'}raining log, as stable-baselines3 prints it` }, body);
  const help = h('details', { class: 'sb3-help' },
    h('summary', {}, 'What the keys mean'),
    h('dl', { class: 'sb3-help-list' }, session.keys.map((k) => [h('dt', {}, k), h('dd', {}, keyHelp(k, session.algo))])));
  const root = h('div', { class: 'training-metrics' }, table, status, help);

  let tag = '';
  for (const key of session.keys) {
    const [t, name] = key.split('/');
    if (t !== tag) {
      tag = t;
      body.append(h('tr', { class: 'sb3-group' }, h('th', { scope: 'rowgroup', colspan: '2' }, `${t}/`)));
    }
    const descId = `${id}-${key.replace('/', '-')}`;
    const value = h('td', { class: 'sb3-value', 'data-key': key }, '');
    body.append(
      h('tr', { class: 'sb3-row', 'data-key': key },
        h('th', { scope: 'row' },
          h('span', { class: 'sb3-key', title: `${key}: ${keyHelp(key, session.algo)}`, 'aria-describedby': descId }, name),
          h('span', { class: 'visually-hidden', id: descId }, keyHelp(key, session.algo))),
        value),
    );
    cells.set(key, value);
  }

  let frame = 0;
  function render() {
    frame = 0;
    const m = session.metrics || {};
    for (const [key, cell] of cells) {
      const text = key in m ? formatCell(key, m[key]) : '';
      if (cell.textContent !== text) cell.textContent = text;
      cell.closest('tr').classList.toggle('empty', !(key in m));
    }
    const s = session.state;
    status.textContent =
      s === 'idle' && !session.metrics ? idleText
        : s === 'idle' && session.agentSource === 'restored' ? 'The last saved run (restored after a reload).'
          : s === 'paused' ? 'Paused.'
            : s === 'done' ? (session.solved ? 'Done: solved (greedy evaluation ≥ 475).' : 'Done: the step budget is spent.')
              // The reason (often long) is shown once, under the Train button.
              : s === 'error' ? 'Training stopped: the reason is under the Train button.'
                : '';
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };

  let subs = [];
  return {
    el: root,
    mount() {
      if (!root.isConnected) container.append(root);
      subs = ['progress', 'state', 'history', 'error'].map((e) => session.on(e, schedule));
      render();
    },
    unmount() {
      subs.forEach((off) => off());
      subs = [];
      cancelAnimationFrame(frame);
      frame = 0;
    },
    dispose() {
      this.unmount();
      root.remove();
    },
  };
}
