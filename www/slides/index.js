// The talk, in order. Slide ids are final (they are URL hashes: #/<id>); see the deck contract.
//
// Each slide is its own module. They load in parallel, and a module that fails to load (a
// syntax error, a missing file) becomes a placeholder slide saying so — and the failure is
// reported to the page's error list — instead of taking the whole talk down.
import { h } from '../ui/dom.js';

export const SLIDES = [
  ['title', () => import('./title.js')],
  ['disclaimer', () => import('./disclaimer.js')],
  ['what-is-rl', () => import('./what-is-rl.js')],
  ['not-supervised', () => import('./not-supervised.js')],
  ['law-of-effect', () => import('./law-of-effect.js')],
  ['train-mowgli', () => import('./train-mowgli.js')],
  ['shaping', () => import('./shaping.js')],
  ['timeline', () => import('./timeline.js')],
  ['dopamine', () => import('./dopamine.js')],
  ['td-learning', () => import('./td-learning.js')],
  ['dynamic-programming', () => import('./dynamic-programming.js')],
  ['definitions', () => import('./definitions.js')],
  ['bandit', () => import('./bandit.js')],
  ['fibonacci', () => import('./fibonacci.js')],
  ['cartpole', () => import('./cartpole.js')],
  ['cartpole-random', () => import('./cartpole-random.js')],
  ['algorithms', () => import('./algorithms.js')],
  ['ppo', () => import('./ppo.js')],
  ['metrics', () => import('./metrics.js')],
  ['cat-break', () => import('./cat-break.js')],
  ['training', () => import('./training.js')],
  ['trained-agent', () => import('./trained-agent.js')],
  ['tensorboard', () => import('./tensorboard.js')],
  ['questions', () => import('./questions.js')],
];

function placeholder(id, err) {
  const message = err && err.message ? err.message : String(err);
  return {
    id,
    title: `${id} (failed to load)`,
    notes: `The module www/slides/${id}.js failed to load: ${message}`,
    render: () =>
      h('div', { class: 'slide-error' },
        h('h2', {}, id),
        h('p', { class: 'field-msg error' }, `This slide failed to load: ${message}`)),
  };
}

/** Loads every slide module; resolves to the ordered slide objects. */
export async function loadSlides() {
  const loaded = await Promise.allSettled(SLIDES.map(([, load]) => load()));
  return loaded.map((r, i) => {
    const id = SLIDES[i][0];
    if (r.status === 'rejected') {
      const err = r.reason instanceof Error ? r.reason : new Error(String(r.reason));
      if (typeof window.reportError === 'function') window.reportError(err);
      return placeholder(id, err);
    }
    const slide = r.value.default;
    if (!slide || slide.id !== id) {
      const err = new Error(`www/slides/${id}.js: default export must be a slide with id "${id}" (got ${slide && slide.id})`);
      if (typeof window.reportError === 'function') window.reportError(err);
      return placeholder(id, err);
    }
    return slide;
  });
}
