// Slide 2: the disclaimer and the aim of the talk.
import { h } from '../ui/dom.js';

export default {
  id: 'disclaimer',
  title: 'Disclaimer',
  notes: `I am not an expert: a couple of books and some research on reinforcement learning as applied to machine learning. There are ~~probably~~ (the slide strikes it out: definitely) people in the room who know more than me — corrections, criticism and questions are all welcome.

The aim is a general overview of RL as it applies to machine learning: a brief history, then an example we run live (CartPole).

No tricksy mathematics, so far as we can avoid it. And just because you don't understand exactly how these algorithms work, don't avoid touching the topic: it's cool, interesting and, apparently, ever more relevant.`,
  render() {
    return h('div', { class: 'disclaimer' },
      h('h2', {}, 'Disclaimer'),
      h('p', { class: 'big-claim' }, 'I am not an expert.'),
      h('p', { class: 'lead' },
        'A couple of books and some research. There are ',
        h('s', {}, 'probably'),
        ' people in here who know more than me: corrections, criticism and questions welcome.'),
      h('div', { class: 'panel aim' },
        h('h3', {}, 'The aim'),
        h('ul', {},
          h('li', {}, 'A ', h('em', {}, 'general overview'), ' of reinforcement learning in machine learning'),
          h('li', {}, 'A little history, then a live example'),
          h('li', {}, 'No tricksy mathematics, as far as we can avoid it'),
          h('li', {}, 'Not knowing exactly how the algorithms work is no reason to stay away: it’s cool, interesting and ever more relevant'))));
  },
};
