// Slide 3: what reinforcement learning is — the agent/environment loop (drawn with DOM + CSS),
// and its three ingredients: policy, value function, model.
import { h } from '../ui/dom.js';

let loop = null;

export default {
  id: 'what-is-rl',
  title: 'What is reinforcement learning?',
  notes: `Reinforcement learning is an area of machine learning built from three ingredients.

Policy 🕹️ — the strategy the agent uses to pick its actions.

Value function 🎯 — an estimate of the future reward from a state (and action).

Model of the environment 📖 — optional: used to simulate what an action would lead to; many methods do without one.

The loop: the agent sees a state, acts, and the environment answers with a reward and the next state. Round and round.

It sits at the crossing of neuroscience, behaviourist psychology, engineering and mathematics.`,
  render() {
    const line = () => h('span', { class: 'loop-line' }, h('span', { class: 'loop-dot' }));
    loop = h('div', { class: 'rl-loop', role: 'img', 'aria-label': 'The agent sends an action to the environment; the environment sends back the next state and a reward.' },
      h('div', { class: 'loop-box loop-agent' }, h('span', { class: 'loop-emoji' }, '🤖'), h('strong', {}, 'Agent'), h('span', { class: 'loop-small' }, '🕹️ policy · 🎯 value · 📖 model')),
      h('div', { class: 'loop-arrows' },
        h('div', { class: 'loop-arrow loop-act' }, h('span', { class: 'loop-label' }, 'action'), line()),
        h('div', { class: 'loop-arrow loop-obs' }, line(), h('span', { class: 'loop-label' }, 'state, reward'))),
      h('div', { class: 'loop-box loop-env' }, h('span', { class: 'loop-emoji' }, '🌍'), h('strong', {}, 'Environment'), h('span', { class: 'loop-small' }, 'a game, a robot, a cart-pole')));
    return h('div', { class: 'what-is-rl' },
      h('h2', {}, 'What is reinforcement learning?'),
      h('div', { class: 'cols' },
        loop,
        h('div', {},
          h('ul', { class: 'ingredients' },
            h('li', {}, h('span', { class: 'ing-icon', 'aria-hidden': 'true' }, '🕹️'), h('span', {}, h('strong', {}, 'Policy'), ' — the strategy that picks the agent’s actions')),
            h('li', {}, h('span', { class: 'ing-icon', 'aria-hidden': 'true' }, '🎯'), h('span', {}, h('strong', {}, 'Value function'), ' — how much future reward a state (and action) promises')),
            h('li', {}, h('span', { class: 'ing-icon', 'aria-hidden': 'true' }, '📖'), h('span', {}, h('strong', {}, 'Model'), ' of the environment — optional: predicts what an action leads to'))),
          h('p', { class: 'muted' }, 'A cross between neuroscience, behaviourist psychology, engineering and mathematics.'))));
  },
  // The dots travel round the loop only while the slide is on screen.
  mount() {
    loop?.classList.add('is-running');
  },
  unmount() {
    loop?.classList.remove('is-running');
  },
};
