// Slide: the talk's "cat break and refocus" — a drawn cat to pet, then back to work.
import { h } from '../ui/dom.js';
import { button } from '../ui/controls.js';
import { createCat } from '../demos/cat.js';

let cat = null;

export default {
  id: 'cat-break',
  title: 'Cat break and refocus',
  notes: `Halfway point. The talk showed a photo of a cat here ("some inspiration from Mowgli to get you back into it"); the photo is not available, so here is a drawn one. Press P (or tap the cat) to pet it.

Then: "Wait! Don't go to sleep! Or work on your project! Or watch TikTok!" — and on to training, with questions welcome while the model trains.`,
  render() {
    cat = createCat();
    const petBtn = button('Pet the cat', () => cat.pet(), { kbd: 'P' });
    petBtn.dataset.testid = 'cat-pet';
    return h(
      'div',
      { class: 'pr pr-cat-slide' },
      h('h2', {}, 'Cat break and refocus'),
      h(
        'div',
        { class: 'pr-cols pr-cols-cat' },
        cat.el,
        h(
          'div',
          { class: 'pr-stack pr-cat-text' },
          h('p', {}, 'Some inspiration from Mowgli to get you back into it.'),
          petBtn,
          h('blockquote', { class: 'pr-punch' }, h('p', {}, 'Wait! Don’t go to sleep! Or work on your project! Or watch TikTok!'), h('cite', {}, '— the talk')),
          h('p', { class: 'pr-lead' }, 'Next: we train the model — questions welcome while it trains.'),
        ),
      ),
    );
  },
  mount() {
    cat.mount();
  },
  unmount() {
    cat.unmount();
  },
  keys: [{ key: 'p', label: 'Pet the cat', run: () => cat.pet() }],
};
