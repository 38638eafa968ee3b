// The talk, in order. Slide ids are final (they are URL hashes: #/<id>); the slide contract is in www/deck/README.md.
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
  ['race', () => import('./race.js')],
  ['model-based', () => import('./model-based.js')],
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

/** The slide module's default export, checked; a placeholder slide when it is not usable. */
function checked(id, result) {
  if (result.status === 'rejected') {
    const err = result.reason instanceof Error ? result.reason : new Error(String(result.reason));
    if (typeof window.reportError === 'function') window.reportError(err);
    return placeholder(id, err);
  }
  const slide = result.value.default;
  if (!slide || slide.id !== id) {
    const err = new Error(`www/slides/${id}.js: default export must be a slide with id "${id}" (got ${slide && slide.id})`);
    if (typeof window.reportError === 'function') window.reportError(err);
    return placeholder(id, err);
  }
  return slide;
}

/**
 * A slide whose module may still be loading. It answers for the module once it has arrived
 * (title, notes, keys, actions, print, render, mount, unmount); rendered or mounted before that, it
 * shows an empty body and fills it in, and mounts, as soon as the module is there.
 */
function lazySlide(id, loading) {
  let slide = null;
  let ctx = null;
  let pending = null; // the empty body rendered before the module arrived
  let mounted = false;
  const ready = loading.then((result) => {
    slide = checked(id, result);
    if (pending) {
      const body = slide.render ? slide.render(ctx) : null;
      if (body) pending.replaceWith(body);
      else pending.remove();
      pending = null;
      if (mounted) slide.mount?.(ctx);
    }
    return slide;
  });
  return {
    id,
    ready,
    get title() {
      return slide ? slide.title : id;
    },
    get notes() {
      return slide ? slide.notes : '';
    },
    get keys() {
      return slide ? slide.keys : undefined;
    },
    get actions() {
      return slide ? slide.actions : undefined;
    },
    /** The slide's optional hook before the handout snapshots it (present/print.js). */
    get print() {
      return slide?.print ? (c) => slide.print(c) : undefined;
    },
    render(c) {
      ctx = c;
      if (slide) return slide.render ? slide.render(c) : null;
      pending = h('div', { class: 'slide-loading', 'aria-busy': 'true' });
      return pending;
    },
    mount(c) {
      ctx = c;
      mounted = true;
      slide?.mount?.(c);
    },
    unmount(c) {
      mounted = false;
      slide?.unmount?.(c);
    },
  };
}

/**
 * Starts loading every slide module at once and resolves, as soon as the one the deck opens
 * on (`firstId`, else the first slide) has arrived, to the ordered slides — so the first slide
 * paints without waiting for the others and their demos. `allLoaded()` resolves when every
 * module is in (the print handout waits for it).
 */
export async function loadSlides(firstId) {
  const slides = SLIDES.map(([id, load]) => lazySlide(id, Promise.allSettled([load()]).then(([r]) => r)));
  const first = slides.find((s) => s.id === firstId) || slides[0];
  await first.ready;
  return slides;
}

/** Resolves when every slide module of `slides` (from loadSlides) has loaded. */
export function allLoaded(slides) {
  return Promise.all(slides.map((s) => s.ready));
}
