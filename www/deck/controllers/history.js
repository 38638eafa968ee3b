// Hash and history: each slide has an address (`#/<slide-id>`, see ../hash.js) that survives a
// reload, and every move is a history entry, so back/forward move the deck.
import { Listeners } from '../listeners.js';
import { parseHash, hashFor } from '../hash.js';

const HASH_MIN_MS = 100; // address updates at most ~10 a second (see write)

export class HistoryController {
  constructor(deck) {
    this.deck = deck;
    this.listeners = new Listeners();
    this._hash = null; // the address this deck last wrote or followed
    this._hashAt = -Infinity;
    this._hashTimer = 0;
  }

  bind() {
    this.listeners.on(window, 'hashchange', () => this._follow());
  }

  unbind() {
    this.listeners.off();
    clearTimeout(this._hashTimer);
    this._hashTimer = 0;
  }

  /** The slide the address names (the first one otherwise, with a notice); the address made canonical. */
  start() {
    const deck = this.deck;
    const { index, notice } = parseHash(location.hash, deck.ids);
    const canonical = hashFor(deck.ids[index]);
    if (location.hash !== canonical) history.replaceState(history.state, '', canonical);
    return { index, notice };
  }

  /**
   * Puts the current slide in the address (a history entry: back/forward work) — at most every
   * HASH_MIN_MS, then once more for where the deck ended up. Browsers throttle faster history
   * changes and then silently drop them (Chrome: 200 in 10 s), which would leave the address,
   * and a reload, on a slide the deck has left (a host page driving an embed can do that).
   */
  write() {
    const wait = this._hashAt + HASH_MIN_MS - performance.now();
    if (wait > 0) {
      this._hashTimer ||= setTimeout(() => {
        this._hashTimer = 0;
        this.write();
      }, wait);
      return;
    }
    const want = hashFor(this.deck.ids[this.deck.index]);
    if (location.hash === want) return;
    this._hashAt = performance.now();
    this._hash = want;
    location.hash = want;
  }

  _follow() {
    // Our own address update coming back: the deck is already there (or, with a newer move
    // still to be written, further on).
    if (location.hash === this._hash) return;
    const deck = this.deck;
    const { index, notice } = parseHash(location.hash, deck.ids);
    if (notice) {
      history.replaceState(history.state, '', hashFor(deck.ids[index]));
      deck.notify(notice, { timeout: 8000 });
    }
    this._hash = location.hash;
    deck.show(index);
  }
}
