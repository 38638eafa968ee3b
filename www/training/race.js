// The algorithm race: PPO, A2C and DQN train on the same CartPole-v1 and the same seed, each
// with its deck preset, each in its own worker (three TrainingSessions), flat out. Each run
// ends at its first solved greedy evaluation (the core's definition: every 2,048 env steps,
// 10 episodes on evaluation seeds apart, mean ≥ 475; its time counts), keeping the agent that
// solved it; or when its step budget is spent.
//
//   const race = sharedRace(wasm);        // the page's race (created on first use)
//   race.start(seed); race.pause(); race.resume(); race.reset();
//   race.on('change', () => …);           // any session's state, progress or evaluation
//   race.sessions.dqn.solved              // { total_timesteps, seconds, mean, … } or null
import { TrainingSession } from './session.js';

/** How the race shows each algorithm: a colour-blind-safe colour (Okabe–Ito), and a dash and a marker so no one needs the colour. */
export const RACE_STYLE = {
  ppo: { name: 'PPO', full: 'Proximal Policy Optimization', color: '#E69F00', dash: [], marker: 'circle' },
  a2c: { name: 'A2C', full: 'Advantage Actor-Critic', color: '#56B4E9', dash: [9, 5], marker: 'square' },
  dqn: { name: 'DQN', full: 'Deep Q-Network', color: '#CC79A7', dash: [2, 4], marker: 'triangle' },
};

/** The states a race can be in, from its sessions' states. */
function raceState(states) {
  if (states.some((s) => s === 'running' || s === 'starting')) return 'running';
  if (states.some((s) => s === 'paused')) return 'paused';
  if (states.every((s) => s === 'idle')) return 'idle';
  return states.some((s) => s === 'error') ? 'error' : 'done';
}

export class Race {
  constructor(wasm) {
    this.wasm = wasm;
    this.algos = wasm.Trainer.algos();
    /** "Solved": a greedy evaluation's mean at least this (the core's, for CartPole-v1). */
    this.threshold = wasm.reward_threshold('v1');
    // The most an episode can return (+1 a step up to the time limit): the chart's top.
    const env = new wasm.CartPole(0, 'v1');
    this.maxReturn = env.max_episode_steps;
    env.free();
    this.seed = 0;
    this.sessions = {};
    this.listeners = new Set();
    for (const algo of this.algos) {
      // No storage: the race saves nothing (the talk's own run, on the training slide, does).
      const s = new TrainingSession(wasm, { storage: null, algo, stopWhenSolved: true, workerClock: true });
      s.persist = false;
      s.setSpeed('fast');
      for (const e of ['state', 'progress', 'evaluation', 'error', 'agent']) s.on(e, () => this.emit(e, algo));
      this.sessions[algo] = s;
    }
  }

  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(event, algo) {
    for (const fn of [...this.listeners]) {
      try {
        fn(event, algo);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  get state() {
    return raceState(this.algos.map((a) => this.sessions[a].state));
  }

  /** A new race on `seed` (the last one if not given): `{ ok, error }`. Every algorithm starts at once. */
  start(seed = this.seed) {
    for (const algo of this.algos) {
      const r = this.sessions[algo].setConfig({ config: { algo, preset: 'deck' }, env: 'v1', seed });
      if (!r.ok) return r;
    }
    this.seed = seed;
    for (const algo of this.algos) this.sessions[algo].start();
    return { ok: true };
  }

  pause() {
    for (const s of Object.values(this.sessions)) s.pause();
  }

  resume() {
    for (const s of Object.values(this.sessions)) s.resume();
  }

  /** Race / pause / resume, as one button or key does it. */
  toggle() {
    const st = this.state;
    if (st === 'running') this.pause();
    else if (st === 'paused') this.resume();
    else return this.start();
    return { ok: true };
  }

  /** Stops every run; the curves, results and agents stay until the next race. */
  reset() {
    for (const s of Object.values(this.sessions)) s.reset();
  }

  /** `algo`'s agent file (the agent that solved, else the latest), or null before the race. */
  agentJson(algo) {
    return this.sessions[algo]?.agentJson ?? null;
  }

  dispose() {
    for (const s of Object.values(this.sessions)) s.dispose();
    this.listeners.clear();
  }
}

let shared = null;

/** The page's race (the race slide and the trained-agent slide share it); `window.__rlLiveRace` for devtools and the browser tests. */
export function sharedRace(wasm) {
  shared ??= new Race(wasm);
  window.__rlLiveRace = shared;
  return shared;
}
