// Slide: PPO — the talk's pseudocode (shortened) and the clipped surrogate, live.
import { h } from '../ui/dom.js';
import { createClipDemo } from '../demos/clip.js';
import { createPhaseView } from '../training/phase.js';
import { sharedSession } from '../training/shared-session.js';
import { liveSet } from './live.js';

const live = liveSet('ppo');

let demo = null;

const c = (text) => h('span', { class: 'pr-comment' }, text);
const hl = (text) => h('span', { class: 'pr-hl' }, text);

export default {
  id: 'ppo',
  title: 'PPO: Proximal Policy Optimization',
  notes: `The talk's pseudocode, shortened: play an episode with the current policy and keep the experience; then, a few times over that experience, compute advantages (how much better an action did than expected) and nudge the policy.

The key line is the ratio r = new probability / old probability of the action taken. PPO clips it to [1−ε, 1+ε] (ε = 0.2 in the talk and in SB3) and takes the minimum of the clipped and unclipped objective. The talk's pseudocode shows only clipped_ratio * advantage; real PPO takes the min, as drawn here (that is also what SB3 logs as policy_gradient_loss).

The plots: for a good action (A > 0) the objective stops rising once r > 1+ε — no gradient, no incentive to push further. For a bad action (A < 0) it stops once r < 1−ε. Where the change would make things worse, the min keeps the unclipped (steeper) line, so mistakes are still corrected. Drag ε: small ε = timid updates, large ε = bold ones.

"Proximal" = the new policy stays close to the old one.

Live: while a run trains (Train on the "Training" slide, Watch mode makes it slow enough to follow), the box under the plot lights up the phase the worker is in: collecting the rollout, computing the advantages, the update epochs.`,
  render(ctx) {
    demo = createClipDemo();
    const session = sharedSession(ctx.wasm);
    const phaseBox = h('section', { class: 'pr-ppo-live', 'data-demo-slot': 'ppo', 'aria-label': 'The live run: the phase PPO is in right now' },
      h('h3', {}, 'Live:'));
    live.add('phase', createPhaseView(phaseBox, session, ctx.wasm));
    return h(
      'div',
      { class: 'pr pr-ppo' },
      h('h2', {}, 'PPO: Proximal Policy Optimization'),
      h(
        'div',
        { class: 'pr-cols pr-cols-ppo' },
        h(
          'pre',
          { class: 'pr-code pr-ppo-code', 'aria-label': 'PPO pseudocode from the talk, shortened' },
          'policy = initialize_policy_network()\n',
          'gamma, eps, lr = 0.99, 0.2, 0.001\n\n',
          'for episode in range(num_episodes):\n',
          '    buffer, state = [], env.reset()\n',
          '    done = False\n',
          '    while not done:               ', c('# 1. play'), '\n',
          '        probs = policy.predict(state)\n',
          '        action = sample(probs)\n',
          '        state2, reward, done, _ = env.step(action)\n',
          '        buffer.append((state, action, reward, ...))\n',
          '        state = state2\n',
          '    for _ in range(num_policy_updates):  ', c('# 2. learn'), '\n',
          '        adv = normalise(advantages(buffer, gamma))\n',
          '        for s, act, a in zip(states, actions, adv):\n',
          '            ', hl('r = new_prob(s, act) / old_prob(s, act)'), '\n',
          '            ', hl('clipped = np.clip(r, 1 - eps, 1 + eps)'), '\n',
          '            ', hl('surrogate = min(r * a, clipped * a)'), '\n',
          '            policy.train_step(s, surrogate, lr)',
        ),
        h(
          'section',
          { class: 'pr-ppo-demo', 'aria-label': 'The clipped surrogate objective' },
          demo.el,
          h('p', { class: 'pr-ppo-why' }, 'Past 1 ± ε it goes flat: nothing to gain by moving further, so updates stay ', h('em', {}, 'proximal'), '.'),
          phaseBox,
        ),
      ),
    );
  },
  mount() {
    demo.redraw();
    live.mount();
  },
  unmount() {
    live.unmount();
  },
};
