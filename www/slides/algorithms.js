// Slide: choosing an algorithm — model-free vs. model-based, the talk's algorithm/space table
// (stable-baselines3's), and why PPO.
import { h } from '../ui/dom.js';

// The talk's table, row for row. "¹" marks the talk's footnote "1": implemented in SB3 Contrib.
const COLS = ['Box', 'Discrete', 'MultiDiscrete', 'MultiBinary', 'Multi Processing'];
const ROWS = [
  ['ARS', true, 1, 1, 0, 0, 1],
  ['A2C', false, 1, 1, 1, 1, 1],
  ['DDPG', false, 1, 0, 0, 0, 1],
  ['DQN', false, 0, 1, 0, 0, 1],
  ['HER', false, 1, 1, 0, 0, 1],
  ['PPO', false, 1, 1, 1, 1, 1],
  ['QR-DQN', true, 0, 1, 0, 0, 1],
  ['RecurrentPPO', true, 1, 1, 1, 1, 1],
  ['SAC', false, 1, 0, 0, 0, 1],
  ['TD3', false, 1, 0, 0, 0, 1],
  ['TQC', true, 1, 0, 0, 0, 1],
  ['TRPO', true, 1, 1, 1, 1, 1],
  ['Maskable PPO', true, 0, 1, 1, 1, 1],
];

// What pointing at a row says (hover, keyboard focus, or a tap): why the Box-only algorithms
// cannot run on CartPole, and where the three that run here race.
const BOX_ONLY = 'CartPole’s action space is Discrete(2): push left or push right. ';
const WHY = {
  DDPG: `${BOX_ONLY}DDPG (Deep Deterministic Policy Gradient) outputs a real-valued action, e.g. a force of 0.37: Box (continuous) actions only, so it cannot run on CartPole.`,
  SAC: `${BOX_ONLY}SAC (Soft Actor-Critic) samples a real-valued action from a squashed Gaussian: Box (continuous) actions only, so it cannot run on CartPole.`,
  TD3: `${BOX_ONLY}TD3 (Twin Delayed DDPG) outputs a real-valued action, as DDPG does: Box (continuous) actions only, so it cannot run on CartPole.`,
  TQC: `${BOX_ONLY}TQC (Truncated Quantile Critics) extends SAC: Box (continuous) actions only, so it cannot run on CartPole.`,
  PPO: 'PPO (Proximal Policy Optimization) runs in this page: race it against A2C and DQN on the next slide.',
  A2C: 'A2C (Advantage Actor-Critic) runs in this page: race it against PPO and DQN on the next slide.',
  DQN: 'DQN (Deep Q-Network) runs in this page: race it against PPO and A2C on the next slide.',
};
const NOTE_DEFAULT = '¹ in SB3 Contrib. Table: stable-baselines3, as shown in the talk. Point at DDPG, SAC, TD3 or TQC: why not CartPole? PPO, A2C and DQN race on the next slide.';
const RACE_HREF = '#/race';

/**
 * A row's name: for the rows WHY explains, a control that shows the reason in the note under
 * the table when hovered, focused or tapped (and gives it to a screen reader as its description).
 */
function rowName(name, note) {
  const why = WHY[name];
  if (!why) return name;
  const descId = `algo-why-${name.toLowerCase()}`;
  const show = () => {
    note.textContent = why;
    note.dataset.algo = name;
  };
  const attrs = { class: 'pr-algo-name', 'aria-describedby': descId, 'data-algo': name, onmouseenter: show, onfocus: show };
  const el = ['PPO', 'A2C', 'DQN'].includes(name)
    ? h('a', { ...attrs, href: RACE_HREF }, name)
    : h('button', { ...attrs, type: 'button', onclick: show }, name);
  return [el, h('span', { class: 'visually-hidden', id: descId }, why)];
}

const header = (name) => {
  // Break the long names so five columns fit beside the text.
  const m = /^(Multi) ?(.+)$/.exec(name);
  return h('th', { scope: 'col' }, m ? [m[1], h('br'), m[2]] : name);
};

export default {
  id: 'algorithms',
  title: 'Choosing an algorithm',
  notes: `There are lots of algorithms. Two big families: model-free (learn what to do straight from experience — PPO, DQN, A2C…) and model-based (learn a model of the environment, predict what each action leads to, plan with it).

The table is stable-baselines3's (copied in the talk): which action spaces each algorithm supports. ¹ = in SB3 Contrib. The action space decides, not the observation space. CartPole's action space is Discrete(2), so DQN, A2C, PPO… all qualify; DDPG, SAC, TD3 and TQC output real-valued actions (Box only) and cannot run on it — point at a row (hover, Tab, or tap) and the note under the table says why. PPO, A2C and DQN run in this page: the next slide races them.

Why PPO? The talk's honest answer: "Because it was in the tutorial I watched. Sue me." The better answer: it is robust, works on every space in this table, and its updates are "proximal" — gradual — so it rarely wrecks a good policy. It balances exploration and exploitation by sampling actions from its policy.`,
  render() {
    const note = h('p', { class: 'pr-small pr-algo-note', 'aria-live': 'polite', 'data-testid': 'algo-note' }, NOTE_DEFAULT);
    const table = h(
      'table',
      { class: 'pr-algos', 'data-testid': 'algo-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), COLS.map(header))),
      h(
        'tbody',
        {},
        ROWS.map(([name, contrib, ...marks]) =>
          h(
            'tr',
            { class: name === 'PPO' ? 'pr-row-hl' : null },
            h('th', { scope: 'row' }, rowName(name, note), contrib ? h('sup', {}, '1') : null),
            marks.map((m, k) =>
              h('td', { class: `pr-mark ${m ? 'pr-yes' : 'pr-no'}${k === 1 ? ' pr-col-hl' : ''}`, 'aria-label': m ? 'yes' : 'no' }, m ? '✔' : '✘'),
            ),
          ),
        ),
      ),
    );
    return h(
      'div',
      { class: 'pr pr-algorithms' },
      h('h2', {}, 'Choosing an algorithm'),
      h(
        'div',
        { class: 'pr-cols pr-cols-algo' },
        h(
          'div',
          { class: 'pr-algo-table' },
          h('div', { class: 'pr-scroll' }, table),
          note,
        ),
        h(
          'div',
          { class: 'pr-stack' },
          h('section', { class: 'pr-card' }, h('h3', {}, 'Model-free'), h('p', {}, 'Learns from experience directly: state in, action out. No picture of how the world works.')),
          h('section', { class: 'pr-card' }, h('h3', {}, 'Model-based'), h('p', {}, 'Learns a model of the environment, predicts what each action leads to, picks the best.')),
          h('p', {}, 'The ', h('strong', {}, 'action space'), ' decides. CartPole’s is ', h('code', {}, 'Discrete'), ' → ', h('strong', { class: 'pr-accent' }, 'PPO'), '. ', h('a', { href: RACE_HREF, class: 'pr-race-link' }, 'Why not A2C or DQN? Race them →')),
          h('blockquote', { class: 'pr-quote' }, h('p', {}, '“Because it was in the tutorial I watched. Sue me.”'), h('cite', {}, '— the talk, on why PPO')),
        ),
      ),
    );
  },
};
