// The help (`?`): the deck's keys, the current slide's keys and the deck-wide actions' keys; on
// touch screens (pointer: coarse, see the CSS) the touch gestures instead.
import { h } from '../../ui/dom.js';
import { DECK_KEYS } from './keyboard.js';
import { ModalController } from './modal.js';

export class HelpController extends ModalController {
  constructor(deck) {
    super(deck, { openClass: 'deck-help-open', closeKeys: ['?', 'Escape'], closeLabel: 'Close the help' });
    this._slideKeys = h('tbody');
    this._slideKeysHead = h('h3', {}, 'This slide');
    const actionRows = deck.actions.filter((a) => a.key).map((a) =>
      h('tr', {}, h('td', {}, h('kbd', {}, a.key)), h('td', {}, a.label || a.name)));
    const rows = DECK_KEYS.map(([keys, what]) =>
      h('tr', {}, h('td', {}, keys.map((k) => h('kbd', {}, k))), h('td', {}, what)));
    this.element = h('dialog', { class: 'deck-overlay deck-help', 'aria-label': 'Keyboard help' },
      h('div', { class: 'deck-overlay-head' }, h('h2', {}, 'Help'), this.closeButton),
      h('div', { class: 'deck-help-cols' },
        h('section', { class: 'deck-help-touch', 'data-testid': 'deck-help-touch' }, h('h3', {}, 'Touch'),
          h('ul', {},
            h('li', {}, 'Swipe left or right: next or previous slide.'),
            h('li', {}, 'Tap ‹ or › at the bottom: previous or next slide.'),
            h('li', {}, 'Tap the slide number: all slides, to jump to one.'),
            h('li', {}, 'Demos: tap their buttons; scroll down for more.'))),
        h('section', { class: 'deck-help-keys' }, h('h3', {}, 'Deck'), h('table', { class: 'deck-keys', 'data-testid': 'deck-help-keys' }, h('tbody', {}, rows))),
        h('section', { class: 'deck-help-keys' }, this._slideKeysHead, h('table', { class: 'deck-keys', 'data-testid': 'deck-help-slide-keys' }, this._slideKeys),
          actionRows.length ? [h('h3', {}, 'Demo (any slide)'), h('table', { class: 'deck-keys', 'data-testid': 'deck-help-demo-keys' }, h('tbody', {}, actionRows))] : [])));
  }

  beforeOpen() {
    this.deck.toggleOverview(false);
    this.fillSlideKeys();
    return this.closeButton;
  }

  /** The current slide's own keys (called on open and after every move while open). */
  fillSlideKeys() {
    const slide = this.deck.current;
    const keys = (slide?.keys || []).filter((k) => k && k.key);
    this._slideKeysHead.textContent = `This slide: ${slide?.title || slide?.id || ''}`;
    this._slideKeys.replaceChildren(
      ...(keys.length
        ? keys.map((k) => h('tr', {}, h('td', {}, h('kbd', {}, k.key)), h('td', {}, k.label || '')))
        : [h('tr', {}, h('td', { colspan: 2, class: 'deck-muted' }, 'No keys of its own: use its buttons.'))]),
    );
  }
}
