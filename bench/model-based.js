// Browser bench of the model-based slide's engine: the wasm Planner at its defaults (the
// slide's), on this page's thread, seed by seed.
//
// True model: one episode; its score and the milliseconds per action (time in step(), which
// plans and takes the step). Learned model: random play, fit, planner episodes with a refit
// after each that falls short, until a 500-step episode or BUDGET real steps; the real steps
// used (random ones included) and the planner's ms per action.
//
// `cargo xtask bench` opens /bench/model-based.html?seeds=0-9 and reads window.__benchMb.
import init, { Planner } from '../www/pkg/rl_live.js';
import { benchPage, seedsFromQuery } from './page.js';

const BUDGET = 10000; // the slide's budget (www/demos/model-based.js)

const { bench, show, run } = benchPage('__benchMb', { true_model: [], learned: [] });
const pause = () => new Promise((r) => setTimeout(r, 0));

/** One planner episode; { score, ms } with ms the mean time per step(). */
function episode(planner) {
  planner.reset();
  let ms = 0;
  let steps = 0;
  for (;;) {
    const t0 = performance.now();
    const s = planner.step();
    ms += performance.now() - t0;
    steps += 1;
    if (s.terminated || s.truncated) return { score: s.score, ms: ms / steps, steps };
  }
}

async function main() {
  await init();
  const seeds = seedsFromQuery();
  // Warm-up: the first calls compile and grow memory.
  episode(new Planner({ model: 'true', seed: 1000 }));
  for (const seed of seeds) {
    const p = new Planner({ model: 'true', seed });
    bench.true_model.push({ seed, ...episode(p) });
    p.free();
    show();
    await pause();
  }
  for (const seed of seeds) {
    const p = new Planner({ model: 'learned', seed });
    const t0 = performance.now();
    p.collect_random();
    const fits = [p.fit()];
    let solvedAt = null;
    let ms = 0;
    let steps = 0;
    while (p.env_steps() < BUDGET) {
      const e = episode(p);
      ms += e.ms * e.steps;
      steps += e.steps;
      if (e.score >= 500) {
        solvedAt = p.env_steps();
        break;
      }
      if (p.env_steps() < BUDGET) fits.push(p.fit());
      await pause();
    }
    bench.learned.push({
      seed,
      solved_at: solvedAt,
      ms_per_action: ms / Math.max(steps, 1),
      seconds: (performance.now() - t0) / 1000,
      one_step_error: fits.map((f) => f.one_step_error),
      multi_step_error: fits.map((f) => f.multi_step_error),
    });
    p.free();
    show();
    await pause();
  }
  bench.done = true;
  show();
}

run(main);
