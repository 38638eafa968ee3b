// Slide 24: "Now what? Questions?" and where to go next.
import { h } from '../ui/dom.js';

export default {
  id: 'questions',
  title: 'Now what? Questions?',
  notes: `Questions.

Where to go next: Sutton & Barto's book (second edition, 2018) is the reference and is free to read online. Gymnasium has CartPole and many more environments; Stable-Baselines3 gives you PPO, DQN, A2C and friends in a few lines of Python — that is what the original version of this talk used.

Everything in this deck runs in the browser: the buttons on this slide jump back to the live demos.`,
  render(ctx) {
    const jump = (id, label) => h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => ctx.deck?.go(id) }, label);
    return h('div', { class: 'questions' },
      h('h2', {}, 'Now what?'),
      h('p', { class: 'questions-big' }, 'Questions?'),
      h('div', { class: 'cols' },
        h('div', { class: 'panel' },
          h('h3', {}, 'Read & try'),
          h('ul', {},
            h('li', {}, h('strong', {}, 'Sutton & Barto'), ', ', h('em', {}, 'Reinforcement Learning: An Introduction'), ' (2nd ed., 2018)'),
            h('li', {}, h('strong', {}, 'Gymnasium'), ': CartPole and many more environments'),
            h('li', {}, h('strong', {}, 'Stable-Baselines3'), ': PPO, DQN, A2C… in a few lines'))),
        h('div', { class: 'panel' },
          h('h3', {}, 'Play again'),
          h('div', { class: 'demo-row' },
            jump('train-mowgli', 'Train Mowgli'),
            jump('td-learning', 'TD learning'),
            jump('bandit', 'Bandit'),
            jump('cartpole', 'CartPole'),
            jump('ppo', 'PPO clip')))));
  },
};
