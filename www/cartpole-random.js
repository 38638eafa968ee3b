// Demo: a random agent plays CartPole-v1 in real time (50 Hz physics: one step every 20 ms).
//
// mount(root, wasm, options) → { unmount() }. `root` holds a .cartpole-canvas, a
// #play-random button, an #score output and an #log list. Scores print in the talk's format:
// `Episode:1 Score:22.0` (Python's str(float)).

import { createCartPoleView } from './cartpole-view.js';

const STEP_MS = 20; // tau = 0.02 s
const MAX_LOG = 100;

/** Small seeded PRNG (mulberry32): the same seed gives the same episodes on every load. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Python's `str(float)` for the values a score takes. */
export const pyFloat = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

export function mount(root, wasm, { seed = 0 } = {}) {
  const canvas = root.querySelector('.cartpole-canvas');
  const button = root.querySelector('#play-random');
  const scoreEl = root.querySelector('#score');
  const log = root.querySelector('#log');

  const env = new wasm.CartPole(seed, 'v1');
  const random = mulberry32(seed);
  const view = createCartPoleView(canvas);
  env.reset();
  view.draw(env.state());

  let episode = 0;
  let score = 0;
  let running = false;
  let raf = 0;
  let last = 0;
  let acc = 0;
  let action = -1;

  scoreEl.textContent = 'No episode played yet.';
  scoreEl.classList.add('idle');
  button.disabled = false;

  function play() {
    if (running) return;
    running = true;
    button.disabled = true;
    episode += 1;
    score = 0;
    action = -1;
    env.reset();
    view.draw(env.state());
    scoreEl.textContent = `Episode:${episode} Score:${pyFloat(score)}`;
    scoreEl.classList.remove('idle');
    scoreEl.classList.add('playing');
    last = performance.now();
    acc = 0;
    raf = requestAnimationFrame(frame);
  }

  function frame(now) {
    acc += Math.min(Math.max(now - last, 0), 250); // a hidden tab pauses, it does not fast-forward
    last = now;
    let ended = false;
    while (acc >= STEP_MS && !ended) {
      acc -= STEP_MS;
      action = random() < 0.5 ? 0 : 1;
      const r = env.step(action);
      score += r.reward;
      ended = r.terminated || r.truncated;
    }
    view.draw(env.state(), { action, failed: ended });
    scoreEl.textContent = `Episode:${episode} Score:${pyFloat(score)}`;
    if (ended) finish();
    else raf = requestAnimationFrame(frame);
  }

  function finish() {
    running = false;
    button.disabled = false;
    scoreEl.classList.remove('playing');
    const item = document.createElement('li');
    item.textContent = `Episode:${episode} Score:${pyFloat(score)}`;
    log.append(item);
    while (log.children.length > MAX_LOG) log.firstElementChild.remove();
    log.scrollTop = log.scrollHeight;
  }

  button.addEventListener('click', play);

  return {
    unmount() {
      cancelAnimationFrame(raf);
      running = false;
      button.removeEventListener('click', play);
      button.disabled = true;
      view.destroy();
      env.free();
    },
  };
}
