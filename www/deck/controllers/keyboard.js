// The keyboard: the deck's own keys (DECK_KEYS, shown in the help), `g` + a number to jump,
// then the current slide's keys and the deck-wide actions' keys. An embedded slide
// (deck.hostNavigation set) hands the navigation keys to its host page instead of moving.
import { h } from '../../ui/dom.js';
import { Listeners } from '../listeners.js';
import { isActivatable, isTextEntry } from './targets.js';

const GOTO_PAUSE_MS = 1500;

/** Deck keys, for the help overlay (onKey below is the source of truth). */
export const DECK_KEYS = [
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

export class KeyboardController {
  constructor(deck) {
    this.deck = deck;
    this.listeners = new Listeners();
    this._goto = null; // digits typed after `g`, or null
    this._gotoTimer = 0;
    /** "Go to slide 14…" while a number is typed after `g`. */
    this.gotoBox = h('div', { class: 'deck-goto', 'aria-live': 'polite', hidden: true });
  }

  bind() {
    this.listeners.on(document, 'keydown', (e) => this.onKey(e));
  }

  unbind() {
    this.listeners.off();
    this._cancelGoto();
  }

  onKey(e) {
    const deck = this.deck;
    if (e.defaultPrevented || e.isComposing) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (deck.root.classList.contains('deck-overview-open') || deck.root.classList.contains('deck-help-open')) return; // the dialogs handle their own keys
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
    if (deck.hostNavigation && NAVIGATION_KEYS.has(key)) {
      if (key === ' ' && onControl) return; // Space presses a focused button
      e.preventDefault();
      deck.hostNavigation(key, e);
      return;
    }
    let handled = true;
    switch (key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'PageDown':
        deck.next();
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        deck.prev();
        break;
      case ' ':
      case 'Spacebar':
        if (onControl) return; // Space presses a focused button
        if (e.shiftKey) deck.prev();
        else deck.next();
        break;
      case 'Home':
        deck.first();
        break;
      case 'End':
        deck.last();
        break;
      case 'g':
      case 'G':
        if (deck.hostNavigation) return;
        this._goto = '';
        this._showGoto();
        break;
      case 'o':
      case 'O':
      case 'Escape':
        deck.toggleOverview(true);
        break;
      case '?':
        deck.toggleHelp(true);
        break;
      case 'f':
      case 'F':
        deck.toggleFullscreen();
        break;
      case 's':
      case 'S':
        deck.openNotes();
        break;
      default:
        handled = deck.slideKey(e.key);
    }
    if (handled) e.preventDefault();
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
    const N = this.deck.length;
    if (n >= 1 && n <= N) this.deck.go(n - 1);
    else this.deck.notify(`There is no slide ${n}: slides are numbered 1 to ${N}.`);
  }

  _cancelGoto() {
    clearTimeout(this._gotoTimer);
    this._gotoTimer = 0;
    this._goto = null;
    this.gotoBox.hidden = true;
    this.gotoBox.textContent = '';
  }
}
