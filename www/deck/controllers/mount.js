// Lazy mount: a slide's section is rendered the first time it is needed (visited, or the print
// view's renderAll), and only the current slide is mounted: leaving a slide unmounts it, so its
// demo stops (no rAF or timers on a slide nobody sees). A slide that throws in render becomes a
// message in its section; one that throws in mount is still unmounted when left.
import { h } from '../../ui/dom.js';
import { Listeners } from '../listeners.js';
import { report } from '../report.js';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const ENTER_MAX_MS = 600; // the entry animation ends by then, even if animationend never comes

export class MountController {
  constructor(deck) {
    this.deck = deck;
    this.sections = new Array(deck.length).fill(null);
    this.mounted = -1; // the index of the mounted slide, or -1
    this._entering = null; // { section, listeners, timer } of the entry animation under way
  }

  bind() {
    this._motion = window.matchMedia(REDUCED_MOTION);
  }

  /** Ends the entry animation and unmounts the current slide. */
  unbind() {
    this._endEnter();
    this.unmountCurrent();
  }

  /** Slide i's section, rendered on first use (appended to the stage, hidden). */
  section(i) {
    let section = this.sections[i];
    if (section) return section;
    const deck = this.deck;
    const slide = deck.slides[i];
    section = h('section', {
      class: `slide slide-${slide.id}`,
      'data-slide-id': slide.id,
      'aria-roledescription': 'slide',
      'aria-label': `${i + 1} of ${deck.length}: ${slide.title || slide.id}`,
      hidden: true,
    });
    try {
      const body = slide.render ? slide.render(deck.ctx) : null;
      if (body) section.append(body);
    } catch (err) {
      report(err);
      section.append(h('div', { class: 'slide-error' },
        h('h2', {}, slide.title || slide.id),
        h('p', { class: 'field-msg error' }, `This slide failed to render: ${err && err.message ? err.message : err}`)));
    }
    deck.stage.append(section);
    this.sections[i] = section;
    return section;
  }

  unmountCurrent() {
    if (this.mounted < 0) return;
    const old = this.deck.slides[this.mounted];
    this.mounted = -1;
    try {
      old.unmount?.(this.deck.ctx);
    } catch (err) {
      report(err);
    }
  }

  /** Unmounts and hides slide `prev` (-1: none), shows slide i (animated) and mounts it. */
  show(prev, i) {
    const deck = this.deck;
    this.unmountCurrent();
    this._endEnter();
    if (prev >= 0 && this.sections[prev]) {
      this.sections[prev].hidden = true;
      this.sections[prev].classList.remove('is-current', 'is-entering');
    }
    const section = this.section(i);
    section.hidden = false;
    section.classList.add('is-current');
    if (prev >= 0 && !this._motion.matches) this._enter(section, i > prev ? 'forward' : 'back');
    section.scrollTop = 0;
    if (deck.reflow) window.scrollTo(0, 0);
    try {
      deck.slides[i].mount?.(deck.ctx);
      this.mounted = i;
    } catch (err) {
      this.mounted = i; // still call unmount on leave: it may have started something
      report(err);
    }
  }

  /**
   * The entry animation (CSS, .is-entering). One at a time: a slide left before its animation
   * ends (fast navigation) gets animationcancel, not animationend, so its listener and timer
   * are removed here when the next one starts (with { once: true } alone, 10,000 quick changes
   * kept ≈ 0.6 MB of listeners).
   */
  _enter(section, direction) {
    section.classList.remove('is-entering');
    void section.offsetWidth; // restart the animation
    section.classList.add('is-entering');
    section.dataset.direction = direction;
    const listeners = new Listeners();
    listeners.on(section, 'animationend', (e) => {
      if (e.target === section) this._endEnter(); // not a demo's own animation inside the slide
    });
    this._entering = { section, listeners, timer: setTimeout(() => this._endEnter(), ENTER_MAX_MS) };
  }

  _endEnter() {
    const entering = this._entering;
    if (!entering) return;
    this._entering = null;
    entering.listeners.off();
    clearTimeout(entering.timer);
    entering.section.classList.remove('is-entering');
  }
}
