// The speaker-notes channel: the deck tells BroadcastChannel(CHANNEL) where it is after every
// move (the notes window, ../notes.js, follows), and obeys the window's `go` and `action`
// messages. `s` opens that window. A deck made with { channel: false } (a slide's preview
// picture inside the notes window) neither follows nor answers.
import { Listeners } from '../listeners.js';
import { report } from '../report.js';

export const CHANNEL = 'rl-live-deck';

export class NotesChannelController {
  constructor(deck, enabled) {
    this.deck = deck;
    this.enabled = enabled;
    this.listeners = new Listeners();
    this._channel = null;
    this._helloTimer = 0;
  }

  bind() {
    if (!this.enabled || typeof BroadcastChannel !== 'function') return;
    this._channel = new BroadcastChannel(CHANNEL);
    this.listeners.on(this._channel, 'message', (e) => this._onMessage(e.data));
  }

  unbind() {
    this.listeners.off();
    clearTimeout(this._helloTimer);
    this._helloTimer = 0;
    this._channel?.close();
    this._channel = null;
  }

  /** Opens (or focuses) the speaker-notes window. */
  open() {
    const url = new URL('../notes.html', import.meta.url).href;
    let win = null;
    try {
      win = window.open(url, 'rl-live-notes', 'popup,width=960,height=640');
    } catch {
      win = null;
    }
    if (!win) {
      this.deck.notify('The notes window was blocked: allow pop-ups for this page, or open www/deck/notes.html in another window.', { timeout: 8000 });
      return null;
    }
    clearTimeout(this._helloTimer);
    this._helloTimer = setTimeout(() => this.broadcast(), 300);
    return win;
  }

  /** What the notes window shows: the current slide, its notes and keys, the next slide. */
  state() {
    const deck = this.deck;
    const i = deck.index;
    const s = deck.slides[i];
    const n = deck.slides[i + 1];
    return {
      type: 'state',
      index: i,
      total: deck.length,
      id: s?.id,
      title: s?.title || s?.id || '',
      notes: s?.notes || '',
      keys: (s?.keys || []).filter((k) => k && k.key).map((k) => ({ key: k.key, label: k.label || '' })),
      next: n ? { id: n.id, title: n.title || n.id } : null,
      actions: deck.actions.filter((a) => a.key).map((a) => ({ key: a.key, name: a.name, label: a.label || a.name })),
    };
  }

  broadcast() {
    try {
      this._channel?.postMessage(this.state());
    } catch (err) {
      report(err);
    }
  }

  _onMessage(msg) {
    if (!msg || typeof msg !== 'object') return;
    const deck = this.deck;
    if (msg.type === 'hello') this.broadcast();
    else if (msg.type === 'action' && typeof msg.name === 'string') deck.action(msg.name);
    else if (msg.type === 'go') {
      if (msg.to === 'next') deck.next();
      else if (msg.to === 'prev') deck.prev();
      else if (Number.isInteger(msg.to)) deck.go(msg.to);
    }
  }
}
