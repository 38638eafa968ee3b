// Slide: operant conditioning — train Mowgli by hand.
import { h } from '../ui/dom.js';
import { createMowgli } from '../demos/mowgli.js';

let demo = null;

export default {
  id: 'train-mowgli',
  title: 'Operant conditioning: train Mowgli',
  notes: `This is operant conditioning, not classical conditioning: Mowgli's voluntary behaviour is shaped by its consequences (treats), rather than a reflex becoming attached to a new signal.

In the talk my glamorous assistant Mowgli showed off "come", "shake", "lie down" and "jump" (gifs). Here you train him live: give a cue (or take the random one), Mowgli picks a trick from his current preferences for that cue, then you decide: treat (Y) or no treat (N). The Law of Effect in code: a treat adds +1 to that cue→trick bond, no treat subtracts 1; the bars are the softmax of the bonds, i.e. the probabilities he uses next time he hears that cue. "Auto-train ×10" (A) is a strict trainer who treats exactly the right trick.

Connect to the vocabulary: Mowgli's policy is a strategy that maximises treats; the treats are his rewards; his value function is his estimate that a certain motion plus a certain sound means sitting / lying down / coming / shaking will lead to a reward.

Try being inconsistent (treat the wrong trick): he learns that too.`,
  render() {
    demo = createMowgli();
    return h(
      'div',
      { class: 'intro-slide intro-mowgli' },
      h('h2', {}, 'Operant conditioning: train Mowgli'),
      h('p', { class: 'intro-sub' }, 'Cue → trick → treat? A treat strengthens that bond, no treat weakens it. Policy: get treats. Reward: the treat.'),
      demo.el,
    );
  },
  mount() {
    demo?.redraw();
  },
  keys: [
    { key: 'y', label: 'Treat (Mowgli)', run: () => demo?.treat() },
    { key: 'n', label: 'No treat (Mowgli)', run: () => demo?.noTreat() },
    { key: 'a', label: 'Auto-train ×10 (Mowgli)', run: () => demo?.autoTrain(10) },
    { key: 'r', label: 'Reset Mowgli', run: () => demo?.reset() },
  ],
};
