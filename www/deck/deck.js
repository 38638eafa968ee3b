// The deck engine: a stage of slides with keyboard, touch, URL-hash and speaker-notes navigation.
// It knows nothing about reinforcement learning: slides are plain modules, each the default
// export of `www/slides/<id>.js` (registered in `www/slides/index.js`):
//
//   { id, title, notes?, render(ctx) → Element, mount?(ctx), unmount?(ctx),
//     keys?: [{ key, label, run(ctx) }], actions?: { <name>: (ctx) => void } }
//
// Deck-wide actions: the app may declare named actions bound to keys on every slide
// (`new Deck(root, slides, ctx, { actions: [{ key, name, label }], onAction })`). A key press
// (or `deck.action(name)`) goes, in order, to the current slide's own `keys` entry for that key
// (a slide may give `r`/`e` its own reset/evaluate), then to `slide.actions[name]`, then to
// `onAction(name, slide, ctx)` (which returns false when the action makes no sense here). The
// deck knows nothing of what the actions do.
//
// Public API (everything else is private):
//
//   const deck = new Deck(root, slides, ctx, options?);   // builds the stage + chrome inside `root`
//                           options: { actions, onAction } (below), reflowQuery (default
//                           REFLOW_QUERY; 'not all' keeps the scaled stage at any size), channel
//                           (default true; false: not driven by the speaker-notes window),
//                           hostNavigation(key, e): when set (an embedded slide), the
//                           navigation keys and swipes are handed to it instead of moving
//                           this deck, and `g` does nothing: the host's deck moves, never a
//                           hidden one (swipes arrive as 'ArrowRight' / 'ArrowLeft')
//   deck.start()            → shows the slide named by the URL hash (or the first one)
//   deck.go(indexOrId)      → navigate (updates the hash: back/forward work)
//   deck.next(), deck.prev(), deck.first(), deck.last()
//   deck.notify(text, { timeout })   → a transient toast, announced politely; returns dismiss()
//   deck.toggleOverview(open?), deck.toggleHelp(open?), deck.toggleFullscreen(), deck.openNotes()
//   deck.action(name)       → runs a deck-wide action (see above); true when something ran
//   deck.renderAll()        → renders every slide's section (print view); returns the sections
//   deck.index, deck.current (the slide module), deck.slides, deck.length
//   deck.scale   → the stage scale (1 in reflow mode); also the CSS variable --deck-scale on
//                  <html> and a `deck:scale` event on window whenever it changes
//   deck.reflow  → true on narrow screens (class `deck-reflow` on <html>)
//   root emits `deck:change` events ({ detail: { index, id, title } }) after every navigation.
//
// Scaling: the stage is a fixed 1280×720 box scaled with a CSS transform to fit the window,
// letterboxed. A transform (not `zoom`) because layout then happens at exactly 1280×720 logical
// pixels in every engine, and getBoundingClientRect/pointer maths stay consistent. Note that a
// transform does not change clientWidth: a canvas wanting extra sharpness on a big screen can
// multiply its backing store by `deck.scale` (listen to `deck:scale`). At a 1280×720 window the
// scale is 1, so nothing is resampled.
//
// Exceptions thrown by a slide (render/mount/unmount/keys) never break navigation: they are
// reported with window.reportError (so the page's error collection sees them) and the deck
// carries on.
import { h } from '../ui/dom.js';
import { parseHash, hashFor, shorten } from './hash.js';

export const STAGE_WIDTH = 1280;
export const STAGE_HEIGHT = 720;
/** Narrow screens, portrait tablets and landscape phones read better as a scrolling column. */
export const REFLOW_QUERY = '(max-width: 700px), (max-height: 480px), (orientation: portrait) and (max-width: 1024px)';
export const CHANNEL = 'rl-live-deck';

const SWIPE_MIN_PX = 60;
const HASH_MIN_MS = 100; // address updates at most ~10 a second (see _writeHash)
const GOTO_PAUSE_MS = 1500;
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Deck keys, for the help overlay (the handler below is the source of truth). */
const DECK_KEYS = [
  [['→', '↓', 'Space', 'PageDown'], 'Next slide'],
  [['←', '↑', 'Shift+Space', 'PageUp'], 'Previous slide'],
  [['Home', 'End'], 'First / last slide'],
  [['g', '14', 'Enter'], 'Go to slide 14 (or pause after the number)'],
  [['o', 'Esc'], 'Overview of all slides'],
  [['?'], 'This help'],
  [['f'], 'Fullscreen'],
  [['s'], 'Speaker notes window'],
  [['swipe ← →'], 'Next / previous slide (touch)'],
];

/** The keys that move the deck (what a clicker sends); an embedded slide hands them to its host. */
const NAVIGATION_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', 'ArrowLeft', 'ArrowUp', 'PageUp', ' ', 'Spacebar', 'Home', 'End']);

function report(err) {
  if (typeof window.reportError === 'function') window.reportError(err);
  else setTimeout(() => { throw err; });
}

function isTextEntry(el) {
  if (!el || !(el instanceof Element)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons and checkboxes do not take typing; every other input does (range takes arrows).
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'color', 'file', 'image'].includes(el.type);
}

/** A click on a modal dialog's backdrop (outside its box) closes it. */
function outside(dlg, e) {
  if (e.target !== dlg) return false;
  const r = dlg.getBoundingClientRect();
  return e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
}

function isActivatable(el) {
  return el instanceof Element && !!el.closest('button, a[href], summary, [role="button"], [role="tab"], input, select, textarea');
}

export class Deck {
  constructor(root, slides, ctx = {}, { actions = [], onAction = null, reflowQuery = REFLOW_QUERY, channel = true, hostNavigation = null } = {}) {
    if (!slides.length) throw new Error('Deck: no slides');
    const ids = slides.map((s) => s.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new Error(`Deck: duplicate slide id "${dup}"`);
    this.root = root;
    this.slides = slides;
    this.ids = ids;
    this.ctx = ctx;
    this._useChannel = channel; // false: does not follow or answer the speaker-notes channel
    this.index = -1;
    this.scale = 1;
    this.reflow = false;
    this._sections = new Array(slides.length).fill(null);
    this._mounted = -1;
    this._goto = null; // digits typed after `g`, or null
    this._gotoTimer = 0;
    this._toastTimer = 0;
    this._notesWindow = null;
    this.actions = actions.filter((a) => a && a.name);
    this.onAction = onAction;
    this._reflowQuery = reflowQuery; // 'not all': always the scaled 16:9 stage (embeds, print)
    this._hostNavigation = hostNavigation;
    this._build();
  }

  get length() {
    return this.slides.length;
  }

  get current() {
    return this.slides[this.index] || null;
  }

  // ---------------------------------------------------------------- construction

  _build() {
    const N = this.slides.length;
    this.stage = h('div', { class: 'deck-stage' });
    this.viewport = h('div', { class: 'deck-viewport' }, this.stage);
    this.progress = h('div', { class: 'deck-progress-bar' });
    this.counter = h('span', { class: 'deck-counter-text' }, `1 / ${N}`);
    this.prevBtn = h('button', { type: 'button', class: 'deck-btn deck-prev', 'aria-label': 'Previous slide', 'aria-keyshortcuts': 'ArrowLeft', onclick: () => this.prev() }, '‹');
    this.nextBtn = h('button', { type: 'button', class: 'deck-btn deck-next', 'aria-label': 'Next slide', 'aria-keyshortcuts': 'ArrowRight', onclick: () => this.next() }, '›');
    // Its name starts with what it shows ("3 / 24"), so a voice-control user can say it.
    this.counterBtn = h('button', { type: 'button', class: 'deck-btn deck-counter', 'aria-label': `1 / ${N}: overview of all slides`, 'aria-keyshortcuts': 'o', title: 'Overview (o)', onclick: () => this.toggleOverview(true) }, this.counter);
    this.helpBtn = h('button', { type: 'button', class: 'deck-btn deck-help-btn', 'aria-label': 'Keyboard help', 'aria-keyshortcuts': '?', title: 'Keys (?)', onclick: () => this.toggleHelp(true) }, '?');
    this.chrome = h('nav', { class: 'deck-chrome', 'aria-label': 'Slide navigation' }, this.prevBtn, this.counterBtn, this.nextBtn, this.helpBtn);
    this.live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.toast = h('div', { class: 'deck-toast', role: 'status', 'aria-live': 'polite', hidden: true });
    this.gotoBox = h('div', { class: 'deck-goto', 'aria-live': 'polite', hidden: true });
    this.overview = this._buildOverview();
    this.help = this._buildHelp();

    this.root.replaceChildren(
      this.viewport,
      h('div', { class: 'deck-progress', 'aria-hidden': 'true' }, this.progress),
      this.chrome,
      this.live,
      this.toast,
      this.gotoBox,
      this.overview,
      this.help,
    );
    this.root.classList.add('deck-ready');

    this._reflowMq = window.matchMedia(this._reflowQuery);
    this._motionMq = window.matchMedia(REDUCED_MOTION);
    this._onResize = () => this._layout();
    window.addEventListener('resize', this._onResize);
    this._reflowMq.addEventListener('change', this._onResize);
    this._layout();

    document.addEventListener('keydown', (e) => this._onKey(e));
    window.addEventListener('hashchange', () => this._fromHash());
    this._setupSwipe();
    document.addEventListener('fullscreenchange', () => this._layout());

    if (this._useChannel && typeof BroadcastChannel === 'function') {
      this._channel = new BroadcastChannel(CHANNEL);
      this._channel.onmessage = (e) => this._onChannel(e.data);
    }
  }

  _buildOverview() {
    this._overviewItems = this.slides.map((s, i) =>
      h('li', {},
        h('button', { type: 'button', class: 'deck-overview-item', 'data-index': i, onclick: () => { this.toggleOverview(false); this.go(i); } },
          h('span', { class: 'deck-overview-num' }, String(i + 1)),
          h('span', { class: 'deck-overview-title' }, s.title || s.id))));
    this._overviewList = h('ol', { class: 'deck-overview-grid' }, this._overviewItems);
    const dlg = h('dialog', { class: 'deck-overlay deck-overview', 'aria-label': 'All slides' },
      h('div', { class: 'deck-overlay-head' },
        h('h2', {}, 'All slides'),
        h('button', { type: 'button', class: 'deck-btn deck-close', 'aria-label': 'Close the overview', onclick: () => this.toggleOverview(false) }, '×')),
      this._overviewList);
    dlg.addEventListener('close', () => this.root.classList.remove('deck-overview-open'));
    dlg.addEventListener('click', (e) => outside(dlg, e) && this.toggleOverview(false));
    dlg.addEventListener('keydown', (e) => this._onOverviewKey(e));
    return dlg;
  }

  _buildHelp() {
    this._slideKeys = h('tbody');
    this._slideKeysHead = h('h3', {}, 'This slide');
    const actionRows = this.actions.filter((a) => a.key).map((a) =>
      h('tr', {}, h('td', {}, h('kbd', {}, a.key)), h('td', {}, a.label || a.name)));
    const rows = DECK_KEYS.map(([keys, what]) =>
      h('tr', {}, h('td', {}, keys.map((k) => h('kbd', {}, k))), h('td', {}, what)));
    const dlg = h('dialog', { class: 'deck-overlay deck-help', 'aria-label': 'Keyboard help' },
      h('div', { class: 'deck-overlay-head' },
        h('h2', {}, 'Help'),
        h('button', { type: 'button', class: 'deck-btn deck-close', 'aria-label': 'Close the help', onclick: () => this.toggleHelp(false) }, '×')),
      h('div', { class: 'deck-help-cols' },
        // Touch screens (pointer: coarse, style.css) see this instead of the key tables.
        h('section', { class: 'deck-help-touch', 'data-testid': 'deck-help-touch' }, h('h3', {}, 'Touch'),
          h('ul', {},
            h('li', {}, 'Swipe left or right: next or previous slide.'),
            h('li', {}, 'Tap ‹ or › at the bottom: previous or next slide.'),
            h('li', {}, 'Tap the slide number: all slides, to jump to one.'),
            h('li', {}, 'Demos: tap their buttons; scroll down for more.'))),
        h('section', { class: 'deck-help-keys' }, h('h3', {}, 'Deck'), h('table', { class: 'deck-keys', 'data-testid': 'deck-help-keys' }, h('tbody', {}, rows))),
        h('section', { class: 'deck-help-keys' }, this._slideKeysHead, h('table', { class: 'deck-keys', 'data-testid': 'deck-help-slide-keys' }, this._slideKeys),
          actionRows.length ? [h('h3', {}, 'Demo (any slide)'), h('table', { class: 'deck-keys', 'data-testid': 'deck-help-demo-keys' }, h('tbody', {}, actionRows))] : [])));
    dlg.addEventListener('close', () => this.root.classList.remove('deck-help-open'));
    dlg.addEventListener('click', (e) => outside(dlg, e) && this.toggleHelp(false));
    dlg.addEventListener('keydown', (e) => {
      if (e.key === '?' || e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.toggleHelp(false);
      }
    });
    return dlg;
  }

  // ---------------------------------------------------------------- layout

  _layout() {
    const reflow = this._reflowMq.matches;
    this.reflow = reflow;
    document.documentElement.classList.toggle('deck-reflow', reflow);
    document.documentElement.classList.toggle('deck-scaled', !reflow);
    let scale = 1;
    if (!reflow) {
      const w = document.documentElement.clientWidth || window.innerWidth;
      const hgt = window.innerHeight;
      scale = Math.max(0.1, Math.min(w / STAGE_WIDTH, hgt / STAGE_HEIGHT));
    }
    if (scale !== this.scale || reflow !== this._lastReflow) {
      this.scale = scale;
      this._lastReflow = reflow;
      document.documentElement.style.setProperty('--deck-scale', String(scale));
      window.dispatchEvent(new CustomEvent('deck:scale', { detail: { scale, reflow } }));
    }
  }

  // ---------------------------------------------------------------- navigation

  start() {
    const { index, notice } = parseHash(location.hash, this.ids);
    const canonical = hashFor(this.ids[index]);
    if (location.hash !== canonical) history.replaceState(history.state, '', canonical);
    this._show(index);
    if (notice) this.notify(notice, { timeout: 8000 });
  }

  /** Navigates to a slide by index (0-based) or id; out-of-range indices are clamped. */
  go(target) {
    let i = typeof target === 'string' ? this.ids.indexOf(target) : Math.round(Number(target));
    if (typeof target === 'string' && i < 0) {
      this.notify(`No slide called "${shorten(target)}".`);
      return;
    }
    if (!Number.isFinite(i)) return;
    i = Math.min(this.slides.length - 1, Math.max(0, i));
    this._show(i);
    this._writeHash();
  }

  /**
   * Puts the current slide in the address (a history entry: back/forward work) — at most every
   * HASH_MIN_MS, then once more for where the deck ended up. Browsers throttle faster history
   * changes and then silently drop them (Chrome: 200 in 10 s), which would leave the address,
   * and a reload, on a slide the deck has left (a host page driving an embed can do that).
   */
  _writeHash() {
    const wait = (this._hashAt ?? -Infinity) + HASH_MIN_MS - performance.now();
    if (wait > 0) {
      this._hashTimer ||= setTimeout(() => {
        this._hashTimer = 0;
        this._writeHash();
      }, wait);
      return;
    }
    const want = hashFor(this.ids[this.index]);
    if (location.hash === want) return;
    this._hashAt = performance.now();
    this._hash = want;
    location.hash = want;
  }

  next() {
    if (this.index < this.slides.length - 1) this.go(this.index + 1);
  }

  prev() {
    if (this.index > 0) this.go(this.index - 1);
  }

  first() {
    this.go(0);
  }

  last() {
    this.go(this.slides.length - 1);
  }

  _fromHash() {
    // Our own address update coming back: the deck is already there (or, with a newer move
    // still to be written, further on).
    if (location.hash === this._hash) return;
    const { index, notice } = parseHash(location.hash, this.ids);
    if (notice) {
      history.replaceState(history.state, '', hashFor(this.ids[index]));
      this.notify(notice, { timeout: 8000 });
    }
    this._hash = location.hash;
    this._show(index);
  }

  _section(i) {
    let section = this._sections[i];
    if (section) return section;
    const slide = this.slides[i];
    section = h('section', {
      class: `slide slide-${slide.id}`,
      'data-slide-id': slide.id,
      'aria-roledescription': 'slide',
      'aria-label': `${i + 1} of ${this.slides.length}: ${slide.title || slide.id}`,
      hidden: true,
    });
    try {
      const body = slide.render ? slide.render(this.ctx) : null;
      if (body) section.append(body);
    } catch (err) {
      report(err);
      section.append(h('div', { class: 'slide-error' },
        h('h2', {}, slide.title || slide.id),
        h('p', { class: 'field-msg error' }, `This slide failed to render: ${err && err.message ? err.message : err}`)));
    }
    this.stage.append(section);
    this._sections[i] = section;
    return section;
  }

  _show(i) {
    if (i === this.index) return;
    const prev = this.index;
    if (this._mounted >= 0) {
      const old = this.slides[this._mounted];
      this._mounted = -1;
      try {
        old.unmount?.(this.ctx);
      } catch (err) {
        report(err);
      }
    }
    if (prev >= 0 && this._sections[prev]) {
      this._sections[prev].hidden = true;
      this._sections[prev].classList.remove('is-current', 'is-entering');
    }
    this.index = i;
    const slide = this.slides[i];
    const section = this._section(i);
    section.hidden = false;
    section.classList.add('is-current');
    if (prev >= 0 && !this._motionMq.matches) {
      // One pending entry per section: a slide left before its animation ends (fast
      // navigation) gets animationcancel, not animationend, so the listener is removed by
      // hand (with { once: true } alone, 10,000 quick changes kept ≈ 0.6 MB of them), and
      // an older visit's timer must not end this visit's animation.
      section._enterDone?.();
      section.classList.remove('is-entering');
      void section.offsetWidth; // restart the animation
      section.classList.add('is-entering');
      section.dataset.direction = i > prev ? 'forward' : 'back';
      const done = (e) => {
        if (e && e.target !== section) return; // a demo's own animation inside the slide
        section.classList.remove('is-entering');
        section.removeEventListener('animationend', done);
        clearTimeout(timer);
        if (section._enterDone === done) section._enterDone = null;
      };
      section._enterDone = done;
      section.addEventListener('animationend', done);
      const timer = setTimeout(done, 600); // in case animations are off for any other reason
    }
    section.scrollTop = 0;
    if (this.reflow) window.scrollTo(0, 0);
    try {
      slide.mount?.(this.ctx);
      this._mounted = i;
    } catch (err) {
      this._mounted = i; // still call unmount on leave: it may have started something
      report(err);
    }

    const N = this.slides.length;
    this.counter.textContent = `${i + 1} / ${N}`;
    this.counterBtn.setAttribute('aria-label', `${i + 1} / ${N}: overview of all slides`);
    this.progress.style.transform = `scaleX(${(i + 1) / N})`;
    this.prevBtn.disabled = i === 0;
    this.nextBtn.disabled = i === N - 1;
    this.live.textContent = `Slide ${i + 1} of ${N}: ${slide.title || slide.id}`;
    if (this.root.classList.contains('deck-help-open')) this._fillSlideKeys();
    this._broadcast();
    this.root.dispatchEvent(new CustomEvent('deck:change', { detail: { index: i, id: slide.id, title: slide.title } }));
  }

  // ---------------------------------------------------------------- keyboard

  _onKey(e) {
    if (e.defaultPrevented || e.isComposing) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (this.root.classList.contains('deck-overview-open') || this.root.classList.contains('deck-help-open')) return; // the dialogs handle their own keys
    const target = e.target;
    if (isTextEntry(target)) return;
    const key = e.key;

    // `g` then digits then Enter (or a pause) jumps to a slide number.
    if (this._goto !== null) {
      if (/^[0-9]$/.test(key)) {
        if (this._goto.length < 4) this._goto += key;
        this._showGoto();
        e.preventDefault();
        return;
      }
      if (key === 'Backspace') {
        this._goto = this._goto.slice(0, -1);
        this._showGoto();
        e.preventDefault();
        return;
      }
      if (key === 'Enter') {
        e.preventDefault();
        this._commitGoto();
        return;
      }
      const cancel = key === 'Escape';
      this._cancelGoto();
      if (cancel) {
        e.preventDefault();
        return;
      }
      // any other key: cancelled, then handled normally below
    }

    const onControl = isActivatable(target);
    if (this._hostNavigation && NAVIGATION_KEYS.has(key)) {
      if (key === ' ' && onControl) return; // Space presses a focused button
      e.preventDefault();
      this._hostNavigation(key, e);
      return;
    }
    let handled = true;
    switch (key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'PageDown':
        this.next();
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        this.prev();
        break;
      case ' ':
      case 'Spacebar':
        if (onControl) return; // Space presses a focused button
        if (e.shiftKey) this.prev();
        else this.next();
        break;
      case 'Home':
        this.first();
        break;
      case 'End':
        this.last();
        break;
      case 'g':
      case 'G':
        if (this._hostNavigation) return;
        this._goto = '';
        this._showGoto();
        break;
      case 'o':
      case 'O':
      case 'Escape':
        this.toggleOverview(true);
        break;
      case '?':
        this.toggleHelp(true);
        break;
      case 'f':
      case 'F':
        this.toggleFullscreen();
        break;
      case 's':
      case 'S':
        this.openNotes();
        break;
      default:
        handled = this._slideKey(e);
    }
    if (handled) e.preventDefault();
  }

  _slideKey(e) {
    if (e.key.length !== 1) return false;
    const key = e.key.toLowerCase();
    const slide = this.current;
    const k = (slide?.keys || []).find((x) => x && x.key === key);
    if (k) {
      try {
        k.run?.(this.ctx);
      } catch (err) {
        report(err);
      }
      return true;
    }
    const a = this.actions.find((x) => x.key === key);
    if (!a) return false;
    this.action(a.name);
    return true;
  }

  /**
   * Runs a deck-wide action on the current slide: the slide's own key bound to the action's key,
   * then `slide.actions[name]`, then the app's `onAction`. Returns true when one of them ran.
   */
  action(name) {
    const slide = this.current;
    const a = this.actions.find((x) => x.name === name);
    try {
      const own = a && a.key ? (slide?.keys || []).find((x) => x && x.key === a.key) : null;
      if (own) {
        own.run?.(this.ctx);
        return true;
      }
      const fn = slide?.actions?.[name];
      if (typeof fn === 'function') {
        fn(this.ctx);
        return true;
      }
      if (this.onAction) return this.onAction(name, slide, this.ctx) !== false;
    } catch (err) {
      report(err);
      return true;
    }
    return false;
  }

  /** Renders the section of every slide (for a print view); returns them in order. */
  renderAll() {
    return this.slides.map((_, i) => this._section(i));
  }

  _showGoto() {
    clearTimeout(this._gotoTimer);
    this.gotoBox.hidden = false;
    this.gotoBox.textContent = `Go to slide ${this._goto || '…'}`;
    if (this._goto) this._gotoTimer = setTimeout(() => this._commitGoto(), GOTO_PAUSE_MS);
  }

  _commitGoto() {
    const typed = this._goto;
    this._cancelGoto();
    if (!typed) return;
    const n = Number(typed);
    if (n >= 1 && n <= this.slides.length) this.go(n - 1);
    else this.notify(`There is no slide ${n}: slides are numbered 1 to ${this.slides.length}.`);
  }

  _cancelGoto() {
    clearTimeout(this._gotoTimer);
    this._goto = null;
    this.gotoBox.hidden = true;
    this.gotoBox.textContent = '';
  }

  // ---------------------------------------------------------------- overlays

  toggleOverview(open = !this.root.classList.contains('deck-overview-open')) {
    const dlg = this.overview;
    if (open) {
      if (this.root.classList.contains('deck-help-open')) this.toggleHelp(false);
      this._overviewItems.forEach((li, i) => {
        const b = li.firstElementChild;
        // Titles are read again: a slide module that loads lazily names itself when it arrives.
        const s = this.slides[i];
        b.querySelector('.deck-overview-title').textContent = s.title || s.id;
        if (i === this.index) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      });
      this.root.classList.add('deck-overview-open');
      if (!dlg.open) dlg.showModal();
      this._overviewItems[this.index]?.firstElementChild.focus();
    } else {
      this.root.classList.remove('deck-overview-open');
      if (dlg.open) dlg.close();
    }
  }

  _onOverviewKey(e) {
    const buttons = this._overviewItems.map((li) => li.firstElementChild);
    const at = buttons.indexOf(document.activeElement);
    const key = e.key;
    if (key === 'Escape' || key === 'o' || key === 'O') {
      e.preventDefault();
      e.stopPropagation();
      this.toggleOverview(false);
      return;
    }
    // Columns = items sharing the first item's row.
    const top0 = buttons[0].offsetTop;
    const cols = Math.max(1, buttons.filter((b) => b.offsetTop === top0).length);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[key];
    let to = null;
    if (step !== undefined) to = Math.min(buttons.length - 1, Math.max(0, (at < 0 ? this.index : at) + step));
    else if (key === 'Home') to = 0;
    else if (key === 'End') to = buttons.length - 1;
    if (to !== null) {
      e.preventDefault();
      e.stopPropagation();
      buttons[to].focus();
    }
  }

  _fillSlideKeys() {
    const slide = this.current;
    const keys = (slide?.keys || []).filter((k) => k && k.key);
    this._slideKeysHead.textContent = `This slide: ${slide?.title || slide?.id || ''}`;
    this._slideKeys.replaceChildren(
      ...(keys.length
        ? keys.map((k) => h('tr', {}, h('td', {}, h('kbd', {}, k.key)), h('td', {}, k.label || '')))
        : [h('tr', {}, h('td', { colspan: 2, class: 'deck-muted' }, 'No keys of its own: use its buttons.'))]),
    );
  }

  toggleHelp(open = !this.root.classList.contains('deck-help-open')) {
    const dlg = this.help;
    if (open) {
      if (this.root.classList.contains('deck-overview-open')) this.toggleOverview(false);
      this._fillSlideKeys();
      this.root.classList.add('deck-help-open');
      if (!dlg.open) dlg.showModal();
      dlg.querySelector('.deck-close').focus();
    } else {
      this.root.classList.remove('deck-help-open');
      if (dlg.open) dlg.close();
    }
  }

  toggleFullscreen() {
    const doc = document;
    if (doc.fullscreenElement) {
      doc.exitFullscreen?.().catch(() => {});
      return;
    }
    const el = doc.documentElement;
    if (!el.requestFullscreen || doc.fullscreenEnabled === false) {
      this.notify('Fullscreen is not available here: use the browser\'s own fullscreen (F11, or "Add to Home Screen" on phones).');
      return;
    }
    el.requestFullscreen().catch(() => {
      this.notify('The browser refused fullscreen: try F11.');
    });
  }

  /** Opens (or focuses) the speaker-notes window; it follows the deck over a BroadcastChannel. */
  openNotes() {
    const url = new URL('./notes.html', import.meta.url).href;
    let win = null;
    try {
      win = window.open(url, 'rl-live-notes', 'popup,width=960,height=640');
    } catch {
      win = null;
    }
    if (!win) {
      this.notify('The notes window was blocked: allow pop-ups for this page, or open www/deck/notes.html in another window.', { timeout: 8000 });
      return null;
    }
    this._notesWindow = win;
    setTimeout(() => this._broadcast(), 300);
    return win;
  }

  // ---------------------------------------------------------------- speaker notes channel

  _state() {
    const i = this.index;
    const s = this.slides[i];
    const n = this.slides[i + 1];
    return {
      type: 'state',
      index: i,
      total: this.slides.length,
      id: s?.id,
      title: s?.title || s?.id || '',
      notes: s?.notes || '',
      keys: (s?.keys || []).filter((k) => k && k.key).map((k) => ({ key: k.key, label: k.label || '' })),
      next: n ? { id: n.id, title: n.title || n.id } : null,
      actions: this.actions.filter((a) => a.key).map((a) => ({ key: a.key, name: a.name, label: a.label || a.name })),
    };
  }

  _broadcast() {
    try {
      this._channel?.postMessage(this._state());
    } catch (err) {
      report(err);
    }
  }

  _onChannel(msg) {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'hello') this._broadcast();
    else if (msg.type === 'action' && typeof msg.name === 'string') this.action(msg.name);
    else if (msg.type === 'go') {
      if (msg.to === 'next') this.next();
      else if (msg.to === 'prev') this.prev();
      else if (Number.isInteger(msg.to)) this.go(msg.to);
    }
  }

  // ---------------------------------------------------------------- touch

  _setupSwipe() {
    let start = null;
    const vp = this.viewport;
    vp.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'mouse' || !e.isPrimary) return;
      const t = e.target;
      if (!(t instanceof Element)) return;
      if (isTextEntry(t) || t.closest('[data-no-swipe], input, select, textarea, [contenteditable]')) return;
      // Elements that handle pointer input themselves say so with touch-action: none.
      if (getComputedStyle(t).touchAction === 'none') return;
      start = { x: e.clientX, y: e.clientY, t: performance.now(), id: e.pointerId };
    });
    vp.addEventListener('pointercancel', () => (start = null));
    vp.addEventListener('pointerup', (e) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      const dt = performance.now() - start.t;
      start = null;
      if (Math.abs(dx) > SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy) && dt < 1000) {
        if (this._hostNavigation) this._hostNavigation(dx < 0 ? 'ArrowRight' : 'ArrowLeft', e);
        else if (dx < 0) this.next();
        else this.prev();
      }
    });
  }

  // ---------------------------------------------------------------- toast

  notify(text, { timeout } = {}) {
    clearTimeout(this._toastTimer);
    const t = this.toast;
    t.textContent = String(text);
    t.hidden = false;
    t.classList.add('is-visible');
    const ms = timeout ?? Math.min(10000, 3000 + 50 * String(text).length);
    const hide = () => {
      t.classList.remove('is-visible');
      t.hidden = true;
    };
    this._toastTimer = setTimeout(hide, ms);
    // Dismisses this message early (when its cause is gone), unless another replaced it.
    const token = (this._toastToken = (this._toastToken || 0) + 1);
    return () => {
      if (this._toastToken !== token || t.hidden) return;
      clearTimeout(this._toastTimer);
      hide();
    };
  }
}
