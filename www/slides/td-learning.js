// Slide: temporal-difference learning — "learning a guess from a guess".
import { h } from '../ui/dom.js';
import { createTd } from '../demos/td.js';

let demo = null;

export default {
  id: 'td-learning',
  title: 'Temporal-difference learning',
  notes: `"Learning a guess from a guess." As you move towards an uncertain future you keep a running expectation of how promising things look — in chess, the odds you give yourself of winning; in a video game, how many points you expect to rack up. These guesses fluctuate, and they get more accurate the closer you are to what you're predicting. Each difference between successive guesses is a learning opportunity: a temporal difference. The algorithm family the talk names is TD(λ).

The demo is Sutton & Barto's random walk (Example 6.2): five states A–E, every episode starts in C, moves left or right at random, +1 for leaving on the right, 0 on the left. The true value of each state is the probability of finishing on the right: 1/6 … 5/6 (the white markers). All guesses start at 0.5.

TD(0) nudges V(s) towards r + V(s') after every single move — it learns from its own next guess. Monte Carlo waits until the episode ends and uses the actual outcome. TD(λ) spreads each TD error back over recently visited states (λ = 0 is TD(0), λ = 1 is close to MC).

Step (N) plays one episode slowly; Run (P) plays 100 episodes; R resets. Changing α, λ or the method restarts the learner. The animated learner is the Rust core's own (a RandomWalk stepped one move at a time, on a seed chosen so the default run lands near the true values; with α = 0.05, about 95 % of seeds end within 0.1 of every true value after 100 episodes). With TD(λ), the blue bars under the path are the eligibility traces: how much of the next TD error each state gets. The curves on the right come from the Rust engine: RMS error averaged over 100 runs — TD(0) beats constant-α MC at the same α, as in the book's Figure 6.2.`,
  render(ctx) {
    demo = createTd(ctx.wasm);
    return h(
      'div',
      { class: 'intro-slide intro-td' },
      h('h2', {}, 'TD learning: a guess from a guess'),
      h(
        'p',
        { class: 'intro-sub' },
        'After every move: ',
        h('span', { class: 'intro-formula' }, 'V(s) ← V(s) + α [ r + V(s′) − V(s) ]'),
        '. Random walk A–E, +1 on the right, white marks = true values.',
      ),
      demo.el,
    );
  },
  mount() {
    demo?.mount();
  },
  unmount() {
    demo?.unmount();
  },
  keys: [
    { key: 'p', label: 'Run / pause 100 episodes (TD)', run: () => demo?.toggleRun() },
    { key: 'n', label: 'One episode, slowly (TD)', run: () => demo?.stepEpisode() },
    { key: 'r', label: 'Reset the TD learner', run: () => demo?.reset() },
  ],
};
