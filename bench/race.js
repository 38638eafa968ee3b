// Browser bench of the algorithm race: one algorithm's deck preset trained through the path
// the race on the algorithm slide uses (TrainingSession → module worker → wasm Trainer, the
// worker stopping a run at its first solved greedy evaluation), one seed after another.
//
// For each seed: the env steps and the seconds of the first greedy evaluation (every 2,048 env
// steps, 10 episodes, computed in the core: `trainer.evaluate_if_due()`) whose mean reaches
// 475. Seconds are the worker's run clock: training and evaluations, as the race shows them.
// requestAnimationFrame callbacks are counted on this page while the runs train.
//
// `cargo xtask bench` opens /bench/race.html?algo=…&seeds=0-9 in headless Chromium and reads
// window.__benchRace once `done` is true.
import init, * as wasm from '../www/pkg/rl_live.js';
import { TrainingSession } from '../www/training/session.js';
import { benchPage, seedsFromQuery } from './page.js';

const TIMEOUT_MS = 120_000; // per seed

const algo = new URLSearchParams(location.search).get('algo') || 'ppo';
const { bench, show, run } = benchPage('__benchRace', { algo, runs: [], warmup_ms: null, raf_fps: null });

/** One seed through the session; resolves with its figures. */
function trainOne(session, seed) {
  return new Promise((resolve, reject) => {
    const offs = [];
    const finish = (value, err) => {
      clearTimeout(timer);
      offs.forEach((off) => off());
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(null, new Error(`seed ${seed}: no solve within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    let lastMean = null;
    offs.push(session.on('evaluation', (e) => {
      lastMean = e.mean;
      if (!e.solved) return;
      finish({ seed, solved: true, steps: e.total_timesteps, seconds: e.seconds, eval_mean: e.mean, fps: e.total_timesteps / e.seconds });
    }));
    offs.push(session.on('state', (s) => {
      if (s === 'done') finish({ seed, solved: false, steps: session.totalTimesteps, seconds: null, eval_mean: lastMean, fps: null });
    }));
    offs.push(session.on('error', (e) => finish(null, new Error(`seed ${seed}: ${e.message}`))));
    const ok = session.setConfig({ config: { algo, preset: 'deck' }, env: 'v1', seed });
    if (!ok.ok) return finish(null, new Error(ok.error));
    session.start();
  });
}

async function main() {
  const t = performance.now();
  await init();
  const seeds = seedsFromQuery();
  // No localStorage: the bench must not restore or overwrite a speaker's saved agent.
  const session = new TrainingSession(wasm, { storage: null, storageKey: `rl-live.bench.${algo}`, algo, stopWhenSolved: true, workerClock: true });
  session.setSpeed('fast');
  session.ensureWorker();
  while (!session.workerReady) await new Promise((r) => setTimeout(r, 5));
  bench.warmup_ms = performance.now() - t;
  show();
  let frames = 0;
  let counting = true;
  const count = () => {
    if (!counting) return;
    frames += 1;
    requestAnimationFrame(count);
  };
  const t0 = performance.now();
  requestAnimationFrame(count);
  for (const seed of seeds) {
    bench.runs.push(await trainOne(session, seed));
    show();
  }
  counting = false;
  bench.raf_fps = frames / ((performance.now() - t0) / 1000);
  session.reset();
  bench.done = true;
  show();
}

run(main);
