// Demo for the `cartpole` slide: play CartPole yourself.
//
// The episode runs in real time (50 Hz, Gymnasium's tau = 0.02 s) — or in slow motion — and
// every step applies the LAST direction you chose, exactly like an agent that must pick
// 0 (push left) or 1 (push right) on every step: CartPole has no "do nothing". The episode
// waits for your first push, pauses when the slide is left, and resumes on the next push.
//
// createCartPolePlay(wasm, { onObs }) → { el, push(action), restart(), mount(), unmount() }.
// onObs(obs, status) is called after every step and on reset (for the live observation table).
import { h } from '../ui/dom.js';
import { button } from '../ui/controls.js';
import { createCartPoleView } from '../ui/cartpole-view.js';

const STEP_MS = 20;
const SPEEDS = [
  { label: '1×', factor: 1 },
  { label: '½×', factor: 0.5 },
  { label: '¼×', factor: 0.25 },
];

export function createCartPolePlay(wasm, { onObs, seed = 7 } = {}) {
  const env = new wasm.CartPole(seed, 'v1');
  let obs = env.reset();
  let action = -1; // -1: no push yet
  let running = false; // stepping
  let ended = false;
  let score = 0;
  let best = 0;
  let speed = 1; // index into SPEEDS: start at ½× — playable for humans
  let raf = 0;
  let last = 0;
  let acc = 0;
  let mounted = false;

  const canvas = h('canvas', { class: 'pr-cp-canvas', role: 'img', 'aria-label': 'CartPole: a cart on a track balancing a pole' });
  const view = createCartPoleView(canvas);
  const scoreEl = h('output', { class: 'pr-cp-score', 'data-testid': 'play-score', 'aria-live': 'off' }, '0');
  const bestEl = h('output', { class: 'pr-cp-best', 'data-testid': 'play-best' }, '0');
  const statusEl = h('p', { class: 'pr-cp-status', role: 'status', 'data-testid': 'play-status' });

  // Named by their text ("Push left A"), the arrow only drawn: what a voice-control user
  // reads on the button is in its name.
  const left = h('button', { type: 'button', class: 'pr-cp-push', 'data-testid': 'play-left' }, h('span', { 'aria-hidden': 'true' }, '◀'), h('span', { class: 'visually-hidden' }, 'Push left '), h('kbd', {}, 'A'));
  const right = h('button', { type: 'button', class: 'pr-cp-push', 'data-testid': 'play-right' }, h('span', { class: 'visually-hidden' }, 'Push right '), h('kbd', {}, 'D'), h('span', { 'aria-hidden': 'true' }, '▶'));
  for (const [btn, a] of [[left, 0], [right, 1]]) {
    // pointerdown reacts at once on touch; click covers Enter on a focused button.
    btn.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      push(a);
    });
    btn.addEventListener('click', () => push(a));
  }
  const restartBtn = button('Restart', () => restart(), { kbd: 'R', variant: 'secondary' });
  restartBtn.dataset.testid = 'play-restart';
  const speedBtn = button(`Speed ${SPEEDS[speed].label}`, () => setSpeed((speed + 1) % SPEEDS.length), { variant: 'secondary' });
  speedBtn.dataset.testid = 'play-speed';

  function setSpeed(i) {
    speed = i;
    speedBtn.firstChild.textContent = `Speed ${SPEEDS[speed].label}`;
    status();
  }

  // Touch screens get touch words (their key badges are hidden by www/css/deck.css).
  const touch = () => window.matchMedia('(pointer: coarse)').matches;

  function status(text) {
    if (text) statusEl.textContent = text;
    else if (!running && !ended) statusEl.textContent = action < 0 ? (touch() ? 'Tap ◀ or ▶ to start.' : 'Push to start: A / ◀ or D / ▶.') : 'Paused — push to continue.';
    else if (running) statusEl.textContent = `Playing at ${SPEEDS[speed].label}: your last push repeats every step.`;
  }

  function draw() {
    view.draw(env.state(), { action: action >= 0 ? action : undefined, failed: ended && env.elapsed_steps < env.max_episode_steps });
    left.classList.toggle('pr-active', action === 0 && running);
    right.classList.toggle('pr-active', action === 1 && running);
  }

  function push(a) {
    if (ended) return;
    action = a;
    if (!running && mounted) {
      running = true;
      last = performance.now();
      acc = STEP_MS; // react at once
      raf = requestAnimationFrame(frame);
      status();
    }
    draw();
  }

  function frame(now) {
    acc += Math.min(Math.max(now - last, 0), 250);
    last = now;
    const stepMs = STEP_MS / SPEEDS[speed].factor;
    let r = null;
    while (acc >= stepMs && !ended) {
      acc -= stepMs;
      r = env.step(action);
      obs = r.obs;
      score += r.reward;
      ended = r.terminated || r.truncated;
    }
    scoreEl.textContent = String(score);
    if (r) onObs?.(obs, { ended, truncated: r?.truncated });
    if (ended) finish(r);
    else raf = requestAnimationFrame(frame);
    draw();
  }

  function finish(r) {
    running = false;
    cancelAnimationFrame(raf);
    best = Math.max(best, score);
    bestEl.textContent = String(best);
    const [x, , theta] = env.state();
    let why;
    if (r.truncated && !r.terminated) why = `500 steps: truncated — you beat the time limit!`;
    else if (Math.abs(x) > 2.4) why = `The cart left the track (|x| > 2.4).`;
    else if (Math.abs(theta) > (12 * 2 * Math.PI) / 360) why = `The pole fell past 12°.`;
    else why = 'Episode over.';
    status(`${why} Score ${score}. ${touch() ? 'Tap Restart to play again.' : 'Press R to restart.'}`);
  }

  function restart() {
    cancelAnimationFrame(raf);
    running = false;
    ended = false;
    action = -1;
    score = 0;
    obs = env.reset();
    scoreEl.textContent = '0';
    onObs?.(obs, { ended: false });
    status();
    draw();
  }

  const el = h(
    'div',
    { class: 'pr-cp-play' },
    canvas,
    h(
      'div',
      { class: 'pr-cp-pad' },
      left,
      h(
        'div',
        { class: 'pr-cp-scores' },
        h('span', {}, 'score ', scoreEl),
        h('span', {}, 'best ', bestEl),
      ),
      right,
    ),
    h('div', { class: 'pr-cp-row' }, restartBtn, speedBtn),
    statusEl,
  );

  status();
  return {
    el,
    push,
    restart,
    get obs() {
      return obs;
    },
    mount() {
      mounted = true;
      view.resize?.();
      draw();
      status();
      onObs?.(obs, { ended });
    },
    unmount() {
      mounted = false;
      cancelAnimationFrame(raf);
      if (running) {
        running = false;
        status();
      }
    },
  };
}
