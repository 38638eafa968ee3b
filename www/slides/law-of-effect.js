// Slide: how it started — Thorndike's Law of Effect and his puzzle boxes.
import { h } from '../ui/dom.js';

const QUOTE =
  'When a modifiable connection between a situation and a response is made and is accompanied or followed by a satisfying state of affairs, that connection’s strength is increased: When made and accompanied or followed by an annoying state of affairs its strength is decreased. The strengthening effect of satisfyingness (or the weakening effect of annoyingness) upon a bond varies with the closeness of the connection between it and the bond.';

function puzzleBox() {
  // A schematic puzzle box built from DOM boxes: cat inside, a loop to pull, food outside.
  return h(
    'figure',
    { class: 'intro-puzzle', 'aria-label': 'A puzzle box: a cat inside pulls a loop, the door opens, food waits outside' },
    h(
      'div',
      { class: 'intro-puzzle-row', 'aria-hidden': 'true' },
      h('div', { class: 'intro-puzzle-box' }, h('span', { class: 'intro-puzzle-cat' }, 'cat'), h('span', { class: 'intro-puzzle-loop' }, 'loop')),
      h('span', { class: 'intro-puzzle-arrow' }, '→'),
      h('span', { class: 'intro-puzzle-door' }, 'door opens'),
      h('span', { class: 'intro-puzzle-arrow' }, '→'),
      h('span', { class: 'intro-puzzle-food' }, 'food'),
    ),
    h('figcaption', {}, 'Trial and error at first; with every escape, the lucky move comes sooner.'),
  );
}

export default {
  id: 'law-of-effect',
  title: 'How it started: the Law of Effect',
  notes: `RL grew out of behavioural psychology. Edward Thorndike put hungry cats in "puzzle boxes": pull a loop or press a lever and the door opens, food outside. At first the cats thrash about and escape by accident; over repeated trials the useful move comes sooner and sooner.

His summary is the Law of Effect: behaviour followed by something satisfying becomes more likely, behaviour followed by something annoying less likely. Read the quote — note "strength of a connection" and "closeness": that is a reward signal and credit assignment, a century early.

The quote is from Thorndike's Animal Intelligence (1911), which collected his puzzle-box work from 1898.`,
  render() {
    return h(
      'div',
      { class: 'intro-slide intro-law' },
      h('h2', {}, 'How did it start? The Law of Effect'),
      h(
        'div',
        { class: 'intro-cols' },
        h(
          'div',
          { class: 'intro-col' },
          h('p', { class: 'intro-lead' }, 'Behaviour followed by a reward becomes ', h('strong', {}, 'more likely'), '; followed by something unpleasant, ', h('strong', {}, 'less likely'), '.'),
          puzzleBox(),
          h('p', { class: 'intro-muted' }, 'Edward Thorndike’s cats escaped his puzzle boxes faster and faster.'),
        ),
        h(
          'blockquote',
          { class: 'intro-quote intro-col' },
          h('p', {}, QUOTE),
          h('footer', {}, '— Edward L. Thorndike, ', h('cite', {}, 'Animal Intelligence'), ' (1911)'),
        ),
      ),
    );
  },
};
