// The deck engine: a stage of slides with keyboard, touch, URL-hash and speaker-notes navigation.
// It knows nothing about reinforcement learning: slides are plain modules (the slide contract,
// what the engine calls and when, is in README.md next to this file):
//
//   { id, title, notes?, render(ctx) → Element, mount?(ctx), unmount?(ctx),
//     keys?: [{ key, label, run(ctx) }], actions?: { <name>: (ctx) => void } }
//
// Each concern is a controller in ./controllers/ with bind() and unbind(), in the manner of
// reveal.js: layout (scale / reflow), mount (lazy render, mount / unmount, entry animation),
// keyboard, touch, history (URL hash), overview and help (dialogs, modal.js), notes-channel
// (the speaker-notes window). This file builds the chrome, routes navigation and actions, and
// composes them.
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
//                           options: { actions, onAction } (above), reflowQuery (default
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
//   deck.destroy()          → unmounts the current slide, removes every listener, timer and
//                             channel the deck added, and empties `root`
//   deck.index, deck.current (the slide module), deck.slides, deck.length
//   deck.scale   → the stage scale (1 in reflow mode); also the CSS variable --deck-scale on
//                  <html> and a `deck:scale` event on window whenever it changes
//   deck.reflow  → true on narrow screens (class `deck-reflow` on <html>)
//   root emits `deck:change` events ({ detail: { index, id, title } }) after every navigation.
//
// Exceptions thrown by a slide (render/mount/unmount/keys/actions) never break navigation: they
// are reported with window.reportError (so the page's error collection sees them) and the deck
// carries on.
import { h } from '../ui/dom.js';
import { shorten } from './hash.js';
import { Listeners } from './listeners.js';
import { report } from './report.js';
import { LayoutController, REFLOW_QUERY } from './controllers/layout.js';
import { MountController } from './controllers/mount.js';
import { KeyboardController } from './controllers/keyboard.js';
import { TouchController } from './controllers/touch.js';
import { HistoryController } from './controllers/history.js';
import { OverviewController } from './controllers/overview.js';
import { HelpController } from './controllers/help.js';
import { NotesChannelController } from './controllers/notes-channel.js';

export { STAGE_WIDTH, STAGE_HEIGHT, REFLOW_QUERY } from './controllers/layout.js';
export { CHANNEL } from './controllers/notes-channel.js';

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
    this.index = -1;
    this.scale = 1;
    this.reflow = false;
    this.actions = actions.filter((a) => a && a.name);
    this.onAction = onAction;
    this.hostNavigation = hostNavigation;
    this._listeners = new Listeners(); // the chrome's buttons
    this._toastTimer = 0;
    this._toastToken = 0;
    this._build();
    this._controllers = {
      layout: new LayoutController(this, reflowQuery),
      mount: new MountController(this),
      keyboard: new KeyboardController(this),
      touch: new TouchController(this),
      history: new HistoryController(this),
      overview: new OverviewController(this),
      help: new HelpController(this),
      notes: new NotesChannelController(this, channel),
    };
    const c = this._controllers;
    this.root.append(c.keyboard.gotoBox, c.overview.element, c.help.element);
    this.root.classList.add('deck-ready');
    for (const controller of Object.values(c)) controller.bind();
  }

  get length() {
    return this.slides.length;
  }

  get current() {
    return this.slides[this.index] || null;
  }

  /** The stage, the progress bar, the chrome (‹ n/N › ?), the live region and the toast. */
  _build() {
    const N = this.slides.length;
    this.stage = h('div', { class: 'deck-stage' });
    this.viewport = h('div', { class: 'deck-viewport' }, this.stage);
    this.progress = h('div', { class: 'deck-progress-bar' });
    this.counter = h('span', { class: 'deck-counter-text' }, `1 / ${N}`);
    this.prevBtn = h('button', { type: 'button', class: 'deck-btn deck-prev', 'aria-label': 'Previous slide', 'aria-keyshortcuts': 'ArrowLeft' }, '‹');
    this.nextBtn = h('button', { type: 'button', class: 'deck-btn deck-next', 'aria-label': 'Next slide', 'aria-keyshortcuts': 'ArrowRight' }, '›');
    // Its name starts with what it shows ("3 / 24"), so a voice-control user can say it.
    this.counterBtn = h('button', { type: 'button', class: 'deck-btn deck-counter', 'aria-label': `1 / ${N}: overview of all slides`, 'aria-keyshortcuts': 'o', title: 'Overview (o)' }, this.counter);
    this.helpBtn = h('button', { type: 'button', class: 'deck-btn deck-help-btn', 'aria-label': 'Keyboard help', 'aria-keyshortcuts': '?', title: 'Keys (?)' }, '?');
    const on = (btn, fn) => this._listeners.on(btn, 'click', fn);
    on(this.prevBtn, () => this.prev());
    on(this.nextBtn, () => this.next());
    on(this.counterBtn, () => this.toggleOverview(true));
    on(this.helpBtn, () => this.toggleHelp(true));
    this.chrome = h('nav', { class: 'deck-chrome', 'aria-label': 'Slide navigation' }, this.prevBtn, this.counterBtn, this.nextBtn, this.helpBtn);
    this.live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.toast = h('div', { class: 'deck-toast', role: 'status', 'aria-live': 'polite', hidden: true });
    this.root.replaceChildren(
      this.viewport,
      h('div', { class: 'deck-progress', 'aria-hidden': 'true' }, this.progress),
      this.chrome,
      this.live,
      this.toast,
    );
  }

  /**
   * Unmounts the current slide and removes everything the deck added: its listeners (window,
   * document, its own DOM), timers and the notes channel; `root` is emptied. The deck is unusable
   * afterwards.
   */
  destroy() {
    if (this._destroyed) return;
    this._destroyed = true;
    for (const controller of Object.values(this._controllers).reverse()) controller.unbind();
    this._listeners.off();
    clearTimeout(this._toastTimer);
    this.root.replaceChildren();
    this.root.classList.remove('deck-ready', 'deck-overview-open', 'deck-help-open');
  }

  // ---------------------------------------------------------------- navigation

  start() {
    const { index, notice } = this._controllers.history.start();
    this.show(index);
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
    this.show(i);
    this._controllers.history.write();
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

  /** Shows slide i without touching the address (the history controller's way in). */
  show(i) {
    if (i === this.index || this._destroyed) return;
    const prev = this.index;
    this.index = i;
    this._controllers.mount.show(prev, i);
    const slide = this.slides[i];
    const N = this.slides.length;
    this.counter.textContent = `${i + 1} / ${N}`;
    this.counterBtn.setAttribute('aria-label', `${i + 1} / ${N}: overview of all slides`);
    this.progress.style.transform = `scaleX(${(i + 1) / N})`;
    this.prevBtn.disabled = i === 0;
    this.nextBtn.disabled = i === N - 1;
    this.live.textContent = `Slide ${i + 1} of ${N}: ${slide.title || slide.id}`;
    if (this._controllers.help.isOpen) this._controllers.help.fillSlideKeys();
    this._controllers.notes.broadcast();
    this.root.dispatchEvent(new CustomEvent('deck:change', { detail: { index: i, id: slide.id, title: slide.title } }));
  }

  /** Renders the section of every slide (for a print view); returns them in order. */
  renderAll() {
    return this.slides.map((_, i) => this._controllers.mount.section(i));
  }

  // ---------------------------------------------------------------- keys and actions

  /** A key the deck itself does not use: the slide's own key, else a deck-wide action's. */
  slideKey(rawKey) {
    if (rawKey.length !== 1) return false;
    const key = rawKey.toLowerCase();
    const k = (this.current?.keys || []).find((x) => x && x.key === key);
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

  // ---------------------------------------------------------------- overlays and windows

  toggleOverview(open) {
    this._controllers.overview.toggle(open);
  }

  toggleHelp(open) {
    this._controllers.help.toggle(open);
  }

  toggleFullscreen() {
    this._controllers.layout.toggleFullscreen();
  }

  /** Opens (or focuses) the speaker-notes window; it follows the deck over a BroadcastChannel. */
  openNotes() {
    return this._controllers.notes.open();
  }

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
    const token = ++this._toastToken;
    return () => {
      if (this._toastToken !== token || t.hidden) return;
      clearTimeout(this._toastTimer);
      hide();
    };
  }
}
