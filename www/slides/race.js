// Slide: the algorithm table runs — PPO, A2C and DQN race on the same CartPole-v1, the same
// seed, each in its own worker (training/race.js), with one chart, a results table and each
// algorithm's SB3 log a click away.
import { h } from '../ui/dom.js';
import { createMetricsTable } from '../training/metrics-table.js';
import { createRaceAgents, createRaceControls, createRaceChart, createRaceResults } from '../training/race-view.js';
import { sharedSession } from '../training/shared-session.js';
import { RACE_STYLE, sharedRace } from '../training/race.js';
import { liveSet, tabs } from './live.js';

const live = liveSet('race');
let race = null;
let tabbed = null;
let notify = () => {};

/** Starts a race (or resumes a paused one); the API's "train" never pauses. */
function startOrResume() {
  if (race.state === 'paused') race.resume();
  else if (race.state !== 'running') report(race.start());
}

function report(r) {
  if (r && !r.ok) notify(`The race did not start: ${r.error}`);
}

export default {
  id: 'race',
  title: 'The race: PPO vs A2C vs DQN',
  notes: `Every audience asks: why PPO and not DQN? Here is the answer, live. Press Race (or t): PPO, A2C and DQN train at once on the same CartPole-v1 with the same seed, each in its own worker, each with its deck preset, flat out.

The judge is the same for all three: a greedy evaluation (10 episodes, the most likely action or argmax Q, on evaluation seeds apart from training) every 2,048 env steps; the first with a mean of 475 or more is "solved". The evaluations' time counts in the seconds. Each run stops when it is solved and keeps that agent.

The chart shows each algorithm's greedy evaluations against env steps; switch the x axis to wall time, or the curve to SB3's rollout/ep_rew_mean (DQN's stays low: its training episodes take random actions with probability ε). The tabs show each algorithm's own SB3 log — A2C logs policy_loss, DQN exploration_rate and no iterations.

Expect A2C and PPO to solve in about 10–20k steps; DQN is off-policy and learns from a replay buffer, here with a small 64-64 network. Play an agent (PPO / A2C / DQN under the table) sends that agent to the "trained agent" slide, where it plays and can be evaluated. Keys: t race / pause, r reset.`,
  render(ctx) {
    race = sharedRace(ctx.wasm);
    notify = (text) => ctx.deck?.notify?.(text);
    const controlsBox = h('div', { class: 'race-controls-box' });
    const chartBox = h('div', { class: 'race-chart-box' });
    const resultsBox = h('div', { class: 'race-results-slot' });
    const seedBox = h('div', { class: 'race-seed-slot' });
    live.add('controls', createRaceControls(controlsBox, race, { seedContainer: seedBox }));
    live.add('chart', createRaceChart(chartBox, race));
    live.add('results', createRaceResults(resultsBox, race));
    const agentsBox = h('div', { class: 'race-agents-slot' });
    live.add('agents', createRaceAgents(agentsBox, race, sharedSession(ctx.wasm)));
    const logs = race.algos.map((algo) => {
      const box = h('div', { class: 'race-log' });
      live.add(`table-${algo}`, createMetricsTable(box, race.sessions[algo], ctx.wasm, { idleText: 'Press Race: the log fills in after the first iteration.' }));
      return [algo, `${RACE_STYLE[algo].name} log`, box];
    });
    tabbed = tabs('The race: chart or an algorithm’s SB3 log', [['chart', 'Chart', chartBox], ...logs]);
    const names = race.algos.map((a) => `${RACE_STYLE[a].name} (${RACE_STYLE[a].full})`);
    return h('div', { class: 'pr pr-race', 'data-demo-slot': 'race' },
      h('div', { class: 'live-head' }, h('h2', {}, 'The race'), tabbed.bar),
      h('div', { class: 'pr-cols race-cols' },
        h('div', { class: 'race-left' }, controlsBox, tabbed.panels),
        h('div', { class: 'race-right' },
          resultsBox,
          seedBox,
          agentsBox,
          h('p', { class: 'race-about' }, `${names.join(', ')}: the same CartPole-v1 and seed, each in its own worker, deck presets.`),
          h('p', { class: 'race-about' }, h('strong', {}, 'Solved'), ` = the first greedy evaluation (every 2,048 steps, 10 episodes) averaging ≥ ${race.threshold}. The seconds include the evaluations.`))));
  },
  mount() {
    live.mount();
  },
  unmount() {
    live.unmount();
  },
  keys: [
    { key: 't', label: 'Race PPO, A2C and DQN / pause / resume', run: () => report(race?.toggle()) },
    { key: 'r', label: 'Reset the race', run: () => race?.reset() },
  ],
  // The deck-wide actions (postMessage rl-live:demo, the speaker view's buttons) on this slide act on the race.
  // (`t` and the speaker view's Train toggle through the key above; the API's "train" is `start`.)
  actions: {
    start: () => startOrResume(),
    run: () => report(race.start()),
    pause: () => race.pause(),
    reset: () => race.reset(),
  },
  // The printed handout: a race run at print time rather than an empty chart.
  print() {
    if (!race || race.state !== 'idle' || race.sessions[race.algos[0]].history.rows.length) return Promise.resolve();
    return new Promise((resolve) => {
      const off = race.on(() => {
        if (race.state === 'done' || race.state === 'error') {
          off();
          resolve();
        }
      });
      const r = race.start();
      if (!r.ok) {
        off();
        resolve();
      }
    });
  },
};
