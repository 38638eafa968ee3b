// Slide: ε-greedy on the 10-armed testbed — exploration vs exploitation, live.
import { h } from '../ui/dom.js';
import { createBandit } from '../demos/bandit.js';

let demo = null;

export default {
  id: 'bandit',
  title: 'ε-greedy: exploration vs exploitation',
  notes: `The ε-greedy policy in action on Sutton & Barto's 10-armed testbed (section 2.3). Each run is a fresh slot machine with 10 arms; each arm's true value is drawn from N(0, 1) and pulling it pays N(value, 1). The agent keeps a running average per arm and pulls the best-looking arm, except with probability ε, when it pulls one at random.

Greedy (ε = 0) locks onto whichever arm looked good first — it finds the best arm in only about a third of the runs (about 36 % at step 1000 here). ε = 0.1 explores enough to find the best arm quickly and ends well ahead; ε = 0.01 is slower but would eventually overtake ε = 0.1 (it wastes less on exploring). Too much exploration (slide your ε up) keeps pulling bad arms: the reward drops.

Everything is computed live by the Rust engine (one Bandit per ε), 2000 runs × 1000 steps for each ε, all runs advanced a few steps per frame so the page never freezes: the curves grow as the runs pull. Every ε faces the same 2000 bandit problems. P runs it again; the slider restarts only "your ε".`,
  render(ctx) {
    demo = createBandit(ctx.wasm);
    return h(
      'div',
      { class: 'intro-slide intro-bandit' },
      h('h2', {}, 'ε-greedy: explore or exploit?'),
      h('p', { class: 'intro-sub' }, '10 slot-machine arms. Pull the arm that looks best — except with probability ε, pull one at random.'),
      demo.el,
    );
  },
  mount() {
    demo?.mount();
  },
  unmount() {
    demo?.unmount();
  },
  // The printed handout shows the testbed's result, not an empty "Press Run" chart.
  print() {
    if (!demo?.el.querySelector('[data-done="1"]')) demo?.runNow();
  },
  keys: [{ key: 'p', label: 'Run the bandit testbed', run: () => demo?.run() }],
};
