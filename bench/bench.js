// Browser bench: the deck preset trained through the same path the deck's Train button uses
// (TrainingSession → module worker → wasm Trainer.step_phase), one seed after another.
//
// For each seed: wall seconds (page clock, from session.start() to the progress message of
// the iteration where the rolling-20 training return first reaches 475) and the env steps at
// that iteration (the CLI's definition); then the run is paused, and the agent the worker
// sends on pause is evaluated greedily for 20 episodes (seed 10000 + seed, as the CLI does).
// requestAnimationFrame callbacks are counted on this page while each run trains.
//
// `cargo xtask bench` opens /bench/index.html?seeds=0-9 in headless Chromium and reads
// window.__bench once `done` is true.
import init, * as wasm from '../www/pkg/rl_live.js';
import { TrainingSession } from '../www/training/session.js';
import { benchPage, seedsFromQuery } from './page.js';

let THRESHOLD; // CartPole-v1's reward threshold (475), from the core once it loads
const ROLLING = 20;
const EVAL_EPISODES = 20;
const TIMEOUT_MS = 60_000; // per seed

const { bench, show, run } = benchPage('__bench', { results: [], warmup_ms: null });

const frame = () => new Promise((r) => requestAnimationFrame(r));

/** One seed through the session; resolves with its figures. */
function trainOne(session, seed) {
  return new Promise((resolve, reject) => {
    const returns = [];
    let solved = null;
    let frames = 0;
    let counting = true;
    const countFrames = () => {
      if (!counting) return;
      frames += 1;
      requestAnimationFrame(countFrames);
    };
    const offs = [];
    const finish = (value, err) => {
      counting = false;
      clearTimeout(timer);
      offs.forEach((off) => off());
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(null, new Error(`seed ${seed}: no solve within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    let t0 = 0;
    const rolling = () => {
      const n = returns.length;
      if (n < ROLLING) return -Infinity;
      let sum = 0;
      for (let i = n - ROLLING; i < n; i++) sum += returns[i];
      return sum / ROLLING;
    };
    offs.push(session.on('progress', (p) => {
      if (solved) return;
      // A message can carry several iterations (the worker's fast mode sends one per turn):
      // check after each, as the CLI does, with the episodes that ended by its last step.
      let next = 0;
      for (const row of p.rows) {
        const end = row['time/total_timesteps'];
        while (next < p.episodes.length && p.episodes[next].at_step <= end) returns.push(p.episodes[next++].return);
        if (rolling() >= THRESHOLD) {
          const now = performance.now();
          solved = {
            seconds: (now - session.runStartedAt) / 1000,
            steps: end,
            worker_fps: row['time/fps'] ?? null,
            raf_fps: frames / ((now - t0) / 1000),
          };
          counting = false;
          session.pause();
          return;
        }
      }
      while (next < p.episodes.length) returns.push(p.episodes[next++].return);
    }));
    offs.push(session.on('agent', ({ json }) => {
      if (!solved || session.state !== 'paused') return;
      try {
        const agent = new wasm.Agent(json);
        const evaluation = agent.evaluate({ episodes: EVAL_EPISODES, seed: 10_000 + seed });
        agent.free();
        finish({ seed, solved: true, ...solved, eval_returns: Array.from(evaluation.returns) });
      } catch (e) {
        // A throw in a listener would leave this run waiting for its timeout: fail it now.
        finish(null, new Error(`seed ${seed}: evaluating the agent: ${e instanceof Error ? e.message : e}`));
      }
    }));
    offs.push(session.on('state', (s) => {
      if (s === 'done' && !solved) finish({ seed, solved: false, steps: session.totalTimesteps, seconds: null, eval_returns: [] });
    }));
    offs.push(session.on('error', (e) => finish(null, new Error(`seed ${seed}: ${e.message}`))));
    const ok = session.setConfig({ config: { preset: 'deck' }, env: 'v1', seed });
    if (!ok.ok) return finish(null, new Error(ok.error));
    t0 = performance.now();
    requestAnimationFrame(countFrames);
    session.start();
  });
}

async function main() {
  const t = performance.now();
  await init();
  THRESHOLD = wasm.reward_threshold('v1');
  const seeds = seedsFromQuery();
  // No localStorage: the bench must not restore or overwrite a speaker's saved agent.
  const session = new TrainingSession(wasm, { storage: null, storageKey: 'rl-live.bench' });
  // Full speed: the bench times the engine, not the deck's default Talk pace (a run spread
  // over ~40 s so a speaker can talk over it).
  session.setSpeed('fast');
  // Start the worker and let it compile its wasm before the first timed run, as a deck
  // that has been open for a while has.
  session.ensureWorker();
  while (!session.workerReady) await new Promise((r) => setTimeout(r, 5));
  bench.warmup_ms = performance.now() - t;
  show();
  for (const seed of seeds) {
    bench.results.push(await trainOne(session, seed));
    show();
    await frame();
  }
  session.reset();
  bench.done = true;
  show();
}

run(main);
