// Slide 8: Turing's quote, and a timeline from the Law of Effect to PPO.
import { h } from '../ui/dom.js';

const EVENTS = [
  ['1898 / 1911', 'Thorndike', 'Puzzle-box cats; the Law of Effect'],
  ['1938', 'Skinner', 'Operant conditioning; 1940s–50s shaping (pigeons)'],
  ['1948 / 1950', 'Turing', 'Pleasure–pain machines; the “child machine”'],
  ['1957', 'Bellman', 'Dynamic programming, the Bellman equation, Markov decision processes (MDPs)'],
  ['late 1970s', 'Barto & Sutton', 'Start working together — for 45 years'],
  ['1988', 'Sutton', 'Temporal-difference (TD) learning'],
  ['1998 / 2018', 'Sutton & Barto', '“Reinforcement Learning: An Introduction”'],
  ['2017', 'Schulman et al.', 'PPO: proximal policy optimization'],
];

export default {
  id: 'timeline',
  title: 'How can we apply this to machines?',
  notes: `Turing, in his 1948 report "Intelligent Machinery", describing how he might train a machine by pleasure and pain: try something at random, tentatively; pain cancels the tentative choices, pleasure makes them permanent. In 1950 ("Computing Machinery and Intelligence") he proposed teaching a "child machine" with rewards and punishments.

The line of ideas: Thorndike's Law of Effect (puzzle-box experiments from 1898, the law named in 1911); Skinner's operant conditioning, using consequences to shape behaviour (The Behavior of Organisms, 1938; the pigeons in the 1940s; shaping and schedules of reinforcement into the 1950s); Bellman's dynamic programming (1957), which set the stage for modern RL algorithms; then Andrew Barto and Richard Sutton, who founded RL as a field.

The talk says Barto and Sutton began in 1972 and kept publishing and researching for 45 years. 1972 is the year of Harry Klopf's report on "hedonistic" neurons that set them going; their collaboration at UMass Amherst started in the late 1970s. Sutton's TD learning paper is 1988; their book came out in 1998, second edition 2018. They received the 2024 ACM Turing Award — a nice callback to the quote above.

PPO (Schulman et al., 2017) is the algorithm we will train on CartPole later.`,
  render() {
    return h('div', { class: 'timeline-slide' },
      h('h2', {}, 'How can we apply this to machines?'),
      h('figure', { class: 'quote' },
        h('blockquote', {},
          h('p', {}, '“When a configuration is reached for which the action is undetermined, a random choice for the missing data is made and the appropriate entry is made in the description tentatively, and is applied. When a pain stimulus occurs all tentative entries are cancelled, and when a pleasure stimulus occurs they are all made permanent.”')),
        h('figcaption', {}, '— Alan Turing, “Intelligent Machinery”, 1948')),
      h('ol', { class: 'timeline' },
        EVENTS.map(([year, who, what]) =>
          h('li', {}, h('span', { class: 'tl-year' }, year), h('strong', { class: 'tl-who' }, who), h('span', { class: 'tl-what' }, what)))));
  },
};
