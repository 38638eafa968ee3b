// Slide: the trained agent — the talk's PPO.load, evaluate_policy and 5 scored episodes, and
// live: the session's agent (trained on the "Training" slide, the bundled one, or imported)
// playing, evaluated, against a random agent, with download / import.
import { h } from '../ui/dom.js';
import { createAgentView } from '../training/agent-view.js';
import { createBundled, createAgentFiles } from '../training/bundled.js';
import { sharedSession } from '../training/shared-session.js';
import { liveSet, tabs } from './live.js';

const live = liveSet('trained-agent');
let view = null;
let tabbed = null;

const TRAINED = [223, 256, 330, 240, 246];
const RANDOM = [22, 12, 12, 25, 15];
const hl = (text) => h('span', { class: 'pr-hl' }, text);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function bars() {
  const max = 500;
  const row = (label, scores, cls) =>
    h(
      'div',
      { class: 'pr-bars-row' },
      h('span', { class: 'pr-bars-label' }, label),
      h(
        'div',
        { class: 'pr-bars-track' },
        scores.map((s) => {
          const b = h('span', { class: `pr-bar ${cls}`, title: `${s}` });
          b.style.width = `${(s / max) * 100}%`;
          return b;
        }),
      ),
      h('span', { class: 'pr-bars-mean' }, `mean ${mean(scores).toFixed(1)}`),
    );
  return h(
    'div',
    { class: 'pr-bars', role: 'img', 'aria-label': `Scores: random agent mean ${mean(RANDOM)}, trained agent mean ${mean(TRAINED)}` },
    row('random', RANDOM, 'pr-bar-random'),
    row('trained', TRAINED, 'pr-bar-trained'),
  );
}

export default {
  id: 'trained-agent',
  title: 'The trained agent',
  notes: `The talk loaded a PPO model saved from an earlier run (PPO.load), checked it with evaluate_policy (2 episodes, rendered), then ran the same 5-episode loop as the random agent — with model.predict(obs) instead of a random sample.

Scores: 223, 256, 330, 240, 246 — mean 259 against the random agent's 17.2. "So that was pretty neat!"

A detail for the curious: CartPole-v0 is cut off at 200 steps, yet the scores pass 200 — the loop only checks "terminated", not "truncated", so the episodes kept going past the time limit (Gymnasium warns about stepping after the end).

Each bar is one episode; the track ends at 500, CartPole-v1's maximum.

Live: "Load the trained agent (PPO.load)" loads the bundled agent (trained with the CLI, 100k steps); or the agent trained on the previous slide plays. Play 5 episodes prints the talk's score log; Evaluate runs N greedy episodes (mean ± std, like evaluate_policy). P(left)/P(right), the critic's V(s) and the TD error δ (the "dopamine" trace) run under the cart; nudge the pole, change the physics. "Random vs trained" plays both from the same start. Download / Import saves and loads the agent as a file (a PPO, A2C or DQN agent); the race slide's "Play" buttons send one of its agents here. Keys: e evaluate, p play 5, b load the bundled agent.`,
  render(ctx) {
    const session = sharedSession(ctx.wasm);
    const head = h('div', { class: 'live-agent-files' });
    const agentBox = h('div', { class: 'live-agent', id: 'live-agent-panel', role: 'tabpanel', 'data-demo-slot': 'trained-agent' });
    live.add('bundled', createBundled(head, session, ctx.wasm));
    live.add('files', createAgentFiles(head, session, ctx.wasm));
    view = live.add('agent', createAgentView(agentBox, session, ctx.wasm));
    const talk = h(
      'div',
      { class: 'live-talk' },
      h(
        'div',
        { class: 'pr-cols pr-cols-trained' },
        h(
          'pre',
          { class: 'pr-code code', 'aria-label': 'The talk’s evaluation code' },
          hl('model = PPO.load(PPO_Path, env=env)'), '\n',
          'evaluate_policy(model, env, n_eval_episodes=2,\n',
          '                render=True)\n\n',
          'for episode in range(1, 6):\n',
          '    obs, info = env.reset()\n',
          '    ...\n',
          '    action, _ = ', hl('model.predict(obs)'), '\n',
          '    ...',
        ),
        h(
          'pre',
          { class: 'pr-code code pr-score-log', 'data-testid': 'trained-log', 'aria-label': 'The talk’s score log' },
          TRAINED.map((s, i) => `Episode:${i + 1} Score:${s}.0`).join('\n'),
        ),
      ),
      bars(),
      h('blockquote', { class: 'pr-quote' }, h('p', {}, '“So that was pretty neat!”'), h('cite', {}, '— the talk')),
    );
    // The agent view is one component; the tabs show its main part or the side-by-side duel.
    tabbed = tabs('The trained agent: live or the talk', [['agent', 'Live agent', agentBox.id], ['duel', 'Random vs trained', agentBox.id], ['talk', 'The talk', talk]], {
      onShow: (key) => {
        agentBox.dataset.view = key;
        agentBox.hidden = key === 'talk';
        head.hidden = key === 'talk';
      },
    });
    return h('div', { class: 'pr pr-trained' },
      h('div', { class: 'live-head' }, h('h2', {}, 'The trained agent'), tabbed.bar),
      head, agentBox, tabbed.panels);
  },
  mount() {
    live.mount();
  },
  unmount() {
    live.unmount();
  },
  keys: [
    { key: 'e', label: 'Evaluate (greedy, N episodes)', run: () => { tabbed?.show('agent'); view?.el.querySelector('[data-action=evaluate]')?.click(); } },
    { key: 'p', label: 'Play 5 episodes (the talk’s score log)', run: () => { tabbed?.show('agent'); view?.el.querySelector('[data-action=play5]')?.click(); } },
    { key: 'b', label: 'Load the bundled agent (PPO.load)', run: () => document.querySelector('.slide-trained-agent [data-action=load-bundled]')?.click() },
  ],
};
