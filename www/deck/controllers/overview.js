// The overview (`o`, Esc, the slide counter): a modal grid of every slide's number and title;
// arrows move between them, Enter goes there, Esc or `o` closes it.
import { h } from '../../ui/dom.js';
import { Listeners } from '../listeners.js';
import { isBackdropClick } from './targets.js';

export class OverviewController {
  constructor(deck) {
    this.deck = deck;
    this.listeners = new Listeners();
    this._buttons = deck.slides.map((s, i) =>
      h('button', { type: 'button', class: 'deck-overview-item', 'data-index': i },
        h('span', { class: 'deck-overview-num' }, String(i + 1)),
        h('span', { class: 'deck-overview-title' }, s.title || s.id)));
    this._close = h('button', { type: 'button', class: 'deck-btn deck-close', 'aria-label': 'Close the overview' }, '×');
    this.element = h('dialog', { class: 'deck-overlay deck-overview', 'aria-label': 'All slides' },
      h('div', { class: 'deck-overlay-head' }, h('h2', {}, 'All slides'), this._close),
      h('ol', { class: 'deck-overview-grid' }, this._buttons.map((b) => h('li', {}, b))));
  }

  get isOpen() {
    return this.deck.root.classList.contains('deck-overview-open');
  }

  bind() {
    const on = (t, type, fn) => this.listeners.on(t, type, fn);
    const dlg = this.element;
    this._buttons.forEach((b, i) => on(b, 'click', () => {
      this.toggle(false);
      this.deck.go(i);
    }));
    on(this._close, 'click', () => this.toggle(false));
    on(dlg, 'close', () => this.deck.root.classList.remove('deck-overview-open'));
    on(dlg, 'click', (e) => isBackdropClick(dlg, e) && this.toggle(false));
    on(dlg, 'keydown', (e) => this._onKey(e));
  }

  unbind() {
    this.listeners.off();
    if (this.element.open) this.element.close();
  }

  toggle(open = !this.isOpen) {
    const deck = this.deck;
    const dlg = this.element;
    if (open) {
      if (deck.root.classList.contains('deck-help-open')) deck.toggleHelp(false);
      this._buttons.forEach((b, i) => {
        // Titles are read again: a slide module that loads lazily names itself when it arrives.
        const s = deck.slides[i];
        b.querySelector('.deck-overview-title').textContent = s.title || s.id;
        if (i === deck.index) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      });
      deck.root.classList.add('deck-overview-open');
      if (!dlg.open) dlg.showModal();
      this._buttons[deck.index]?.focus();
    } else {
      deck.root.classList.remove('deck-overview-open');
      if (dlg.open) dlg.close();
    }
  }

  _onKey(e) {
    const buttons = this._buttons;
    const at = buttons.indexOf(document.activeElement);
    const key = e.key;
    if (key === 'Escape' || key === 'o' || key === 'O') {
      e.preventDefault();
      e.stopPropagation();
      this.toggle(false);
      return;
    }
    // Columns = items sharing the first item's row.
    const top0 = buttons[0].offsetTop;
    const cols = Math.max(1, buttons.filter((b) => b.offsetTop === top0).length);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[key];
    let to = null;
    if (step !== undefined) to = Math.min(buttons.length - 1, Math.max(0, (at < 0 ? this.deck.index : at) + step));
    else if (key === 'Home') to = 0;
    else if (key === 'End') to = buttons.length - 1;
    if (to !== null) {
      e.preventDefault();
      e.stopPropagation();
      buttons[to].focus();
    }
  }
}
