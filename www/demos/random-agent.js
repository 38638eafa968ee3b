// Demo for the `cartpole-random` slide: the talk's random agent, 5 episodes, animated.
//
// Seeded: seed s drives both the env's resets (new CartPole(s)) and the coin flips
// (mulberry32(s)), so the same seed replays the same 5 episodes. Scores print in the talk's
// format, `Episode:1 Score:22.0` (Python's str(float)).
//
// createRandomAgent(wasm) → { el, run(), newSeed(), mount(), unmount() }.
import { h } from '../ui/dom.js';
import { button } from '../ui/controls.js';
import { createCartPoleView } from '../ui/cartpole-view.js';
import { mulberry32 } from '../ui/random.js';

/** Python's `str(float)` for the values a score takes: 22.0, not 22. */
const pyFloat = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

const STEP_MS = 20;
const EPISODES = 5;

export function createRandomAgent(wasm, { seed: seed0 = 0 } = {}) {
  let seed = seed0;
  let env = null;
  let random = null;
  let episode = 0; // 1..5 while running
  let score = 0;
  let scores = [];
  let running = false;
  let mounted = false;
  let fast = true;
  let raf = 0;
  let last = 0;
  let acc = 0;
  let action = -1;

  const canvas = h('canvas', { class: 'pr-cp-canvas', role: 'img', 'aria-label': 'CartPole played by a random agent' });
  const view = createCartPoleView(canvas);
  const log = h('ol', { class: 'pr-log', 'data-testid': 'random-log', 'aria-label': 'Score log' });
  const mean = h('output', { 'data-testid': 'random-mean' }, '—');
  const now = h('output', { class: 'pr-now' }, ' ');
  const seedOut = h('output', { 'data-testid': 'random-seed' }, String(seed));

  const runBtn = button('Run 5 episodes', () => run(), { kbd: 'P' });
  runBtn.dataset.testid = 'random-run';
  const seedBtn = button('New seed', () => newSeed(), { kbd: 'N', variant: 'secondary' });
  seedBtn.dataset.testid = 'random-new-seed';
  const speedBtn = button('2×', () => {
    fast = !fast;
    speedBtn.textContent = fast ? '2×' : '1×';
    speedBtn.title = fast ? 'Speed: twice real time' : 'Speed: real time (50 Hz)';
  }, { variant: 'secondary' });
  speedBtn.title = 'Speed: twice real time';

  function fresh() {
    env?.free();
    env = new wasm.CartPole(seed, 'v1');
    random = mulberry32(seed);
    env.reset();
    view.draw(env.state());
  }

  function run() {
    if (running) return;
    fresh();
    scores = [];
    log.replaceChildren();
    mean.textContent = '—';
    episode = 1;
    score = 0;
    running = true;
    runBtn.disabled = true;
    seedBtn.disabled = true;
    start();
  }

  function start() {
    if (!running || !mounted) return;
    last = performance.now();
    acc = 0;
    raf = requestAnimationFrame(frame);
  }

  function frame(t) {
    acc += Math.min(Math.max(t - last, 0), 250);
    last = t;
    const stepMs = fast ? STEP_MS / 2 : STEP_MS;
    let ended = false;
    while (acc >= stepMs && !ended) {
      acc -= stepMs;
      action = random() < 0.5 ? 0 : 1; // env.action_space.sample()
      const r = env.step(action);
      score += r.reward;
      ended = r.terminated || r.truncated;
    }
    view.draw(env.state(), { action, failed: ended });
    now.textContent = `Episode:${episode} Score:${pyFloat(score)}`;
    if (ended) {
      scores.push(score);
      log.append(h('li', {}, `Episode:${episode} Score:${pyFloat(score)}`));
      if (episode === EPISODES) return finish();
      episode += 1;
      score = 0;
      env.reset();
      // A short pause between episodes so each fall is visible.
      acc = -300;
    }
    raf = requestAnimationFrame(frame);
  }

  function finish() {
    running = false;
    runBtn.disabled = false;
    seedBtn.disabled = false;
    const m = scores.reduce((a, b) => a + b, 0) / scores.length;
    mean.textContent = m.toFixed(1);
    now.textContent = ' ';
  }

  function newSeed() {
    if (running) return;
    seed = wasm.fresh_seed(); // the browser's random source, through the core
    seedOut.textContent = String(seed);
    fresh();
    log.replaceChildren();
    mean.textContent = '—';
  }

  fresh();
  const el = h(
    'div',
    { class: 'pr-random' },
    canvas,
    h('div', { class: 'pr-cp-row' }, runBtn, seedBtn, speedBtn),
    h('p', { class: 'pr-caption' }, 'seed ', seedOut, ' · the same seed replays the same episodes'),
  );
  return {
    el,
    log,
    mean,
    now,
    run,
    newSeed,
    mount() {
      mounted = true;
      view.resize?.();
      start(); // resumes an interrupted run
    },
    unmount() {
      mounted = false;
      cancelAnimationFrame(raf);
    },
  };
}
