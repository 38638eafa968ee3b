// Module worker for the `model-based` slide: runs the core's Planner (and, for the
// comparison, PPO's Trainer) off the main thread, so the deck keeps its frame rate.
//
// In:  plan {run, options} — one planner episode with the true model, paced for watching
//      learn {run, options, budget} — random play, fit, planner episodes (refit after each
//        that falls short) until a 500-step episode or `budget` real steps; then PPO (deck
//        preset, same seed) to its first 500-step training episode, for the comparison
//      speed {fast} · stop
// Out: ready · frame {run, state, action, score, episode, trails, horizon, ms: [ms per step
//      since the last frame]} (at most one per FRAME_MS: the page gets one message per refresh)
//      · episode {run, episode, score, env_steps} · collected {run, env_steps, episodes}
//      · fit {run, transitions, one_step_error, multi_step_error, ms}
//      · solved {run, env_steps} · budget {run, env_steps} · ppo {run, env_steps, ms_per_action, seconds}
//      · done {run} · error {run, message}
// Frames carry at most TRAILS imagined rollouts (the best one first): enough to see, cheap to post.
import init, { Planner, Trainer, Agent } from '../pkg/rl_live.js';

const STEP_MS = { watch: 20, fast: 5 }; // 50 Hz is CartPole's real time
const TRAILS = 40;
const FRAME_MS = 15; // at most one frame per display refresh reaches the page (the rest are skipped)
const PPO_MAX_STEPS = 100000; // the deck preset's budget

const ready = init().then(() => self.postMessage({ type: 'ready' }));
let run = 0; // the run in progress; a new command or stop bumps it and the old loop ends
let pace = STEP_MS.watch;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const post = (msg, transfer) => self.postMessage(msg, transfer || []);

/** The imagined rollouts to draw: the best one, then the first TRAILS − 1 others. */
function thinTrails(planner) {
  const all = planner.trails();
  const per = (planner.horizon + 1) * 2;
  const n = all.length / per;
  const pick = [planner.best, ...Array.from({ length: n }, (_, i) => i).filter((i) => i !== planner.best)].slice(0, TRAILS);
  const out = new Float32Array(pick.length * per);
  pick.forEach((i, k) => out.set(all.subarray(i * per, (i + 1) * per), k * per));
  return out;
}

/** One planner episode in the real env, one step per `pace` ms. Returns the score, or null if stopped. */
async function episode(planner, me) {
  planner.reset();
  let next = performance.now();
  let lastFrame = -Infinity;
  let timings = []; // ms of the steps since the last frame (sent with it: one message per frame)
  for (;;) {
    if (me !== run) return null;
    const t0 = performance.now();
    const s = planner.step();
    const ms = performance.now() - t0;
    const over = s.terminated || s.truncated;
    timings.push(ms);
    if (over || performance.now() - lastFrame >= FRAME_MS) {
      lastFrame = performance.now();
      const trails = thinTrails(planner);
      post({ type: 'frame', run: me, state: s.state, action: s.action, score: s.score, episode: s.episode, trails, horizon: planner.horizon, ms: timings }, [trails.buffer]);
      timings = [];
    }
    if (over) {
      post({ type: 'episode', run: me, episode: s.episode, score: s.score, env_steps: planner.env_steps() });
      return s.score;
    }
    next += pace;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    else next = performance.now();
  }
}

function fit(planner, me) {
  const t0 = performance.now();
  const r = planner.fit();
  post({ type: 'fit', run: me, transitions: r.transitions, one_step_error: r.one_step_error, multi_step_error: r.multi_step_error, ms: performance.now() - t0 });
}

/** PPO, deck preset, same seed: real steps until its first 500-step training episode. */
async function ppo(seed, me) {
  const trainer = new Trainer('deck', 'v1', seed);
  const t0 = performance.now();
  let seen = 0;
  try {
    while (trainer.total_timesteps() < PPO_MAX_STEPS) {
      if (me !== run) return;
      trainer.train_iteration();
      const eps = trainer.episodes_since(seen); // [return, length, steps at end] per episode
      seen = trainer.episode_count();
      for (let i = 0; i < eps.length; i += 3) {
        if (eps[i + 1] >= 500) {
          const seconds = (performance.now() - t0) / 1000;
          const agent = new Agent(trainer.agent_json());
          const obs = new Float32Array([0.01, 0, 0.02, 0]);
          const n = 2000;
          const a0 = performance.now();
          for (let k = 0; k < n; k += 1) agent.act_greedy(obs);
          const msPerAction = (performance.now() - a0) / n;
          agent.free();
          post({ type: 'ppo', run: me, env_steps: eps[i + 2], ms_per_action: msPerAction, seconds });
          return;
        }
      }
      await sleep(0); // let stop/speed messages in
    }
    post({ type: 'ppo', run: me, env_steps: null, ms_per_action: null, seconds: (performance.now() - t0) / 1000 });
  } finally {
    trainer.free();
  }
}

async function plan(options, me) {
  const planner = new Planner({ ...options, model: 'true' });
  try {
    await episode(planner, me);
  } finally {
    planner.free();
  }
}

async function learn(options, budget, me) {
  const planner = new Planner({ ...options, model: 'learned' });
  try {
    const episodes = planner.collect_random();
    post({ type: 'collected', run: me, env_steps: planner.env_steps(), episodes });
    fit(planner, me);
    let solved = false;
    while (me === run && planner.env_steps() < budget) {
      const score = await episode(planner, me);
      if (score === null) return;
      if (score >= 500) {
        solved = true;
        post({ type: 'solved', run: me, env_steps: planner.env_steps() });
        break;
      }
      if (planner.env_steps() < budget) fit(planner, me);
      await sleep(0);
    }
    if (!solved) post({ type: 'budget', run: me, env_steps: planner.env_steps() });
  } finally {
    planner.free();
  }
  if (me === run) await ppo(options.seed || 0, me);
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === 'stop') {
    run += 1;
    return;
  }
  if (msg.type === 'speed') {
    pace = msg.fast ? STEP_MS.fast : STEP_MS.watch;
    return;
  }
  if (msg.type !== 'plan' && msg.type !== 'learn') return;
  await ready;
  run = msg.run;
  const me = msg.run;
  try {
    if (msg.type === 'plan') await plan(msg.options, me);
    else await learn(msg.options, msg.budget, me);
    if (me === run) post({ type: 'done', run: me });
  } catch (err) {
    post({ type: 'error', run: me, message: err && err.message ? err.message : String(err) });
  }
};
