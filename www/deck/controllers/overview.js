// The overview (`o`, Esc, the slide counter): a modal grid of every slide's number and title;
// arrows move between them, Enter goes there, Esc or `o` closes it.
import { h } from '../../ui/dom.js';
import { ModalController } from './modal.js';

export class OverviewController extends ModalController {
  constructor(deck) {
    super(deck, { openClass: 'deck-overview-open', closeKeys: ['Escape', 'o', 'O'], closeLabel: 'Close the overview' });
    this._buttons = deck.slides.map((s, i) =>
      h('button', { type: 'button', class: 'deck-overview-item', 'data-index': i },
        h('span', { class: 'deck-overview-num' }, String(i + 1)),
        h('span', { class: 'deck-overview-title' }, s.title || s.id)));
    this.element = h('dialog', { class: 'deck-overlay deck-overview', 'aria-label': 'All slides' },
      h('div', { class: 'deck-overlay-head' }, h('h2', {}, 'All slides'), this.closeButton),
      h('ol', { class: 'deck-overview-grid' }, this._buttons.map((b) => h('li', {}, b))));
  }

  bind() {
    super.bind();
    this._buttons.forEach((b, i) => this.listeners.on(b, 'click', () => {
      this.toggle(false);
      this.deck.go(i);
    }));
  }

  beforeOpen() {
    const deck = this.deck;
    deck.toggleHelp(false);
    this._buttons.forEach((b, i) => {
      // Titles are read again: a slide module that loads lazily names itself when it arrives.
      const s = deck.slides[i];
      b.querySelector('.deck-overview-title').textContent = s.title || s.id;
      if (i === deck.index) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    });
    return this._buttons[deck.index];
  }

  onKey(e) {
    const buttons = this._buttons;
    const at = buttons.indexOf(document.activeElement);
    const key = e.key;
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
