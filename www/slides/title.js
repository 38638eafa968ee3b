// Slide 1: the talk's title.
import { h } from '../ui/dom.js';

export default {
  id: 'title',
  title: 'Reinforcement Learning',
  notes: `Welcome. This is a talk on reinforcement learning, and the deck itself runs: every demo is Rust compiled to WebAssembly, running in this browser tab, no server behind it.

Navigation: arrow keys or swipe; ? lists every key, o shows all slides, s opens these notes.`,
  render() {
    return h('div', { class: 'title-slide' },
      h('p', { class: 'title-kicker' }, '🕹️ 🎯 📖'),
      h('h1', {}, 'Reinforcement Learning'),
      h('p', { class: 'title-sub' }, 'rl-live — reinforcement learning, live'),
      h('p', { class: 'lead title-lead' }, 'A talk that runs: every agent here learns and plays in your browser, Rust compiled to WebAssembly.'),
      h('p', { class: 'title-hint' }, h('kbd', {}, '→'), ' or swipe to begin · ', h('kbd', {}, '?'), ' for keys'));
  },
};
