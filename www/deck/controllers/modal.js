// What the overview and the help share: a modal <dialog> whose open state is also a class on
// the deck's root (the keyboard controller leaves keys to an open dialog). It closes with its ×
// button, a click on its backdrop, one of `closeKeys`, or the browser's own Esc.
import { h } from '../../ui/dom.js';
import { Listeners } from '../listeners.js';
import { isBackdropClick } from './targets.js';

export class ModalController {
  /** `openClass` on the root while open; `closeLabel` names the × button. */
  constructor(deck, { openClass, closeKeys, closeLabel }) {
    this.deck = deck;
    this.listeners = new Listeners();
    this.openClass = openClass;
    this.closeKeys = closeKeys;
    this.closeButton = h('button', { type: 'button', class: 'deck-btn deck-close', 'aria-label': closeLabel }, '×');
    this.element = null; // the <dialog>, built by the subclass
  }

  get isOpen() {
    return this.deck.root.classList.contains(this.openClass);
  }

  bind() {
    const dlg = this.element;
    const on = (t, type, fn) => this.listeners.on(t, type, fn);
    on(this.closeButton, 'click', () => this.toggle(false));
    on(dlg, 'close', () => this.deck.root.classList.remove(this.openClass));
    on(dlg, 'click', (e) => isBackdropClick(dlg, e) && this.toggle(false));
    on(dlg, 'keydown', (e) => {
      if (this.closeKeys.includes(e.key)) {
        e.preventDefault();
        e.stopPropagation();
        this.toggle(false);
      } else this.onKey(e);
    });
  }

  unbind() {
    this.listeners.off();
    if (this.element.open) this.element.close();
  }

  toggle(open = !this.isOpen) {
    const dlg = this.element;
    if (open) {
      const focus = this.beforeOpen();
      this.deck.root.classList.add(this.openClass);
      if (!dlg.open) dlg.showModal();
      focus?.focus();
    } else {
      this.deck.root.classList.remove(this.openClass);
      if (dlg.open) dlg.close();
    }
  }

  /** Fills the dialog for the current slide; returns the element to focus. */
  beforeOpen() {
    return this.closeButton;
  }

  /** A key inside the open dialog that does not close it. */
  onKey() {}
}
