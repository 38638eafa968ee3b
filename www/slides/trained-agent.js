// Slide: the trained agent — the talk's PPO.load, evaluate_policy and 5 scored episodes.
// The live part arrives in a later issue: it mounts into [data-demo-slot="trained-agent"].
import { h } from '../ui/dom.js';

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

Each bar is one episode; the track ends at 500, CartPole-v1's maximum.`,
  render() {
    return h(
      'div',
      { class: 'pr pr-trained' },
      h('h2', {}, 'The trained agent'),
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
      h('div', { class: 'pr-slot', 'data-demo-slot': 'trained-agent' }),
    );
  },
};
