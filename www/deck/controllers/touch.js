// Touch: a horizontal swipe on the stage moves the deck (or, embedded, is handed to the host as
// 'ArrowRight' / 'ArrowLeft'). Mouse drags, text fields and elements that handle pointer input
// themselves (touch-action: none, or data-no-swipe) are left alone.
import { Listeners } from '../listeners.js';
import { isTextEntry } from './targets.js';

const SWIPE_MIN_PX = 60;

export class TouchController {
  constructor(deck) {
    this.deck = deck;
    this.listeners = new Listeners();
    this._start = null;
  }

  bind() {
    const vp = this.deck.viewport;
    this.listeners.on(vp, 'pointerdown', (e) => this._down(e));
    this.listeners.on(vp, 'pointercancel', () => (this._start = null));
    this.listeners.on(vp, 'pointerup', (e) => this._up(e));
  }

  unbind() {
    this.listeners.off();
    this._start = null;
  }

  _down(e) {
    if (e.pointerType === 'mouse' || !e.isPrimary) return;
    const t = e.target;
    if (!(t instanceof Element)) return;
    if (isTextEntry(t) || t.closest('[data-no-swipe], input, select, textarea, [contenteditable]')) return;
    // Elements that handle pointer input themselves say so with touch-action: none.
    if (getComputedStyle(t).touchAction === 'none') return;
    this._start = { x: e.clientX, y: e.clientY, t: performance.now(), id: e.pointerId };
  }

  _up(e) {
    const start = this._start;
    if (!start || e.pointerId !== start.id) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    const dt = performance.now() - start.t;
    this._start = null;
    if (Math.abs(dx) > SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy) && dt < 1000) {
      const deck = this.deck;
      if (deck.hostNavigation) deck.hostNavigation(dx < 0 ? 'ArrowRight' : 'ArrowLeft', e);
      else if (dx < 0) deck.next();
      else deck.prev();
    }
  }
}
