// The training worker: owns ONE wasm Trainer and runs it in slices so control messages act
// between slices (within a few milliseconds), never waiting for an iteration to end.
//
// The core splits an iteration into slices (`Trainer.step_phase()`): rollout chunks of at
// most 512 env steps, the advantages (GAE), then one call per update epoch. The worker runs
// one slice per event-loop turn (a MessageChannel tick) — in fast mode, slices for up to
// FAST_TICK_MS — so `pause`/`reset`/`speed` are handled before the next turn. Phases are
// reported at that granularity.
//
// In:  start {run, config, env, seed, stop_when_solved} · pause · resume · reset · speed {mode: 'talk'|'watch'|'fast'}
//      · get-agent · ping · memory · debug {action: 'panic'} (test hook: a Rust panic inside
//      the worker)
// Out: ready · state {run, state} · phase {run, name, iteration} · progress {run, metrics,
//      rows, total_timesteps, episodes, phase, phase_ms, steps_per_s} · agent {run, json,
//      total_timesteps} · evaluation {run, total_timesteps, mean, std, returns, solved, seconds}
//      · error {run, message, fatal, kind} · done {run, total_timesteps, solved} · pong ·
//      busy {run, phase, expect_ms} (before a slice expected to take over a second: the page's
//      watchdog waits that much longer) · memory {wasm_bytes}
// See www/training/README.md for the full protocol.
import init, * as wasm from '../pkg/rl_live.js';
import { SPEEDS } from './session.js';

// Fast mode runs slices back to back for up to this long per event-loop turn (A2C's deck
// iteration is 40 env steps in two slices: one turn and one message each would cost more than
// the training), then sends one progress message for the iterations done — so `pause` still
// acts within a few milliseconds and freezes the table at once.
const FAST_TICK_MS = 4;
const FAST_AGENT_MS = 500; // agent snapshot at most every 0.5 s in fast mode
// Watch mode: the work is the same; the worker waits after each slice so each phase stays on
// screen long enough to see, and an iteration takes ≈ 150 ms (deck preset). One wait per
// phase, in the order of Trainer.phases() (rollout chunks, the advantages, each update epoch).
const WATCH_WAIT_MS = [40, 30, 8];
// Talk mode: a whole run (total_timesteps) spread over this much wall time, one iteration at a
// time (each waits for its share), so the curve climbs at a pace a speaker can narrate — on
// any machine that trains faster than that.
const TALK_RUN_MS = 36_000;
// A slice expected to run longer than this is announced ('busy'), so the page's watchdog
// does not take a long update epoch (big networks, big rollouts) for a dead worker.
const ANNOUNCE_MS = 1000;

let trainer = null;
let run = 0;
let state = 'idle'; // idle | running | paused | done | error
let speed = SPEEDS[0].mode; // talk | watch | fast (session.js SPEEDS)
let broken = false; // after a Rust panic the instance must not be used again
let iteration = 0;
let lastPhase = null;
let pendingRows = [];
let episodesSent = 0;
let lastAgentPost = -Infinity; // the first iteration of a run sends its agent at once
let lastAgentJson = null;
let PHASES = []; // Trainer.phases(), once the wasm has loaded
const perPhase = () => Object.fromEntries(PHASES.map((p) => [p, 0]));
let phaseMs = {}; // the current iteration's time per phase
let iterationPhaseMs = {}; // the last finished iteration's (what progress reports)
let rate = { t: 0, steps: 0, value: 0 };
let waitUntil = 0;
let iterationStartedAt = 0; // talk mode paces whole iterations from here
let iterationSteps = 0; // total_timesteps when the current iteration began
let budget = 1; // the run's total_timesteps
let sliceMax = {}; // the longest slice of each phase this run
let exportsOfWasm = null; // the instance's exports (its memory, for the 'memory' query)
let stopWhenSolved = false; // the race: a run ends at its first solved greedy evaluation
// The run's clock: wall time while running (slices, evaluations and the waits between them),
// pauses excluded. Progress and evaluations carry it as `seconds`.
let runningMs = 0;
let runningSince = 0;
const seconds = () => (runningMs + (state === 'running' ? performance.now() - runningSince : 0)) / 1000;

const post = (msg) => self.postMessage(msg);
const describe = (e) => (e instanceof Error ? e.message : String(e));

const channel = new MessageChannel();
let scheduled = false;
channel.port1.onmessage = () => {
  scheduled = false;
  tick();
};
function schedule() {
  if (scheduled || state !== 'running') return;
  const wait = waitUntil - performance.now();
  scheduled = true;
  if (wait > 1) setTimeout(() => channel.port2.postMessage(0), wait);
  else channel.port2.postMessage(0);
}

function setState(next) {
  const now = performance.now();
  if (state === 'running' && next !== 'running') runningMs += now - runningSince;
  if (next === 'running' && state !== 'running') runningSince = now;
  state = next;
  post({ type: 'state', run, state });
}

/** The message for an error the Trainer threw: a divergence keeps the run's last good agent. */
function stopped(e) {
  return e?.kind === 'diverged' ? `training stopped: ${e.message}. The last good agent is kept.` : `training stopped: ${describe(e)}`;
}

/**
 * Sends the current agent. The core refuses to write one with a weight that is not finite
 * (an error of kind "diverged": weights can turn NaN in the last gradient step of an
 * iteration, before any loss shows it); the run then stops, keeping the last good agent.
 */
function sendAgent() {
  if (!trainer) return true;
  let json;
  lastAgentPost = performance.now();
  try {
    json = trainer.agent_json();
  } catch (e) {
    fail(stopped(e), e?.kind !== 'diverged', e?.kind);
    return false;
  }
  lastAgentJson = json;
  post({ type: 'agent', run, json, total_timesteps: trainer.total_timesteps() });
  return true;
}

function flushProgress() {
  if (!trainer) return;
  const flat = trainer.episodes_since(episodesSent);
  const episodes = [];
  for (let i = 0; i < flat.length; i += 3) episodes.push({ return: flat[i], len: flat[i + 1], at_step: flat[i + 2] });
  episodesSent += episodes.length;
  const rows = pendingRows;
  pendingRows = [];
  post({
    type: 'progress',
    run,
    metrics: rows.length ? rows[rows.length - 1] : null,
    rows,
    total_timesteps: trainer.total_timesteps(),
    episodes,
    phase: trainer.phase(),
    phase_ms: { ...iterationPhaseMs },
    steps_per_s: rate.value,
    seconds: seconds(),
  });
}

function fail(message, fatal, kind) {
  // Keep the last good agent: the page already holds it (and gets it again here).
  if (lastAgentJson) post({ type: 'agent', run, json: lastAgentJson, total_timesteps: null, last_good: true });
  post({ type: 'error', run, message, fatal, kind });
  if (fatal) broken = true;
  setState('error');
}

function tick() {
  const started = performance.now();
  let first = true;
  do {
    if (state !== 'running' || !trainer || !slice(first)) return;
    first = false;
  } while (speed === 'fast' && performance.now() - started < FAST_TICK_MS);
  if (speed === 'fast' && pendingRows.length) flushProgress();
  schedule();
}

/**
 * Runs one slice and what follows an iteration's end (progress, agent, the greedy evaluation,
 * done). False when the run stopped (done, solved, failed): nothing is to be scheduled.
 * `announce`: report the phase (fast mode reports it once per turn, not per slice).
 */
function slice(announce) {
  const phase = trainer.phase();
  const [rollout, update] = [PHASES[0], PHASES[PHASES.length - 1]];
  if (announce && (phase !== lastPhase || phase === rollout && lastPhase === update)) {
    lastPhase = phase;
    post({ type: 'phase', run, name: phase, iteration: iteration + 1 });
  }
  // The first update epoch of a run takes about as long as its rollout × 4 (forward and
  // backward over the same samples); after that, the longest slice seen.
  const expect = Math.max(sliceMax[phase], phase === update && !sliceMax[update] ? 4 * phaseMs[rollout] : 0);
  if (expect > ANNOUNCE_MS) post({ type: 'busy', run, phase, expect_ms: Math.round(expect) });
  let row;
  const t0 = performance.now();
  try {
    row = trainer.step_phase();
  } catch (e) {
    // A divergence (kind "diverged") ends the run, not the worker: report the steps it took.
    if (e?.kind === 'diverged') flushProgress();
    fail(stopped(e), e?.kind !== 'diverged', e?.kind);
    return false;
  }
  const now = performance.now();
  phaseMs[phase] += now - t0;
  sliceMax[phase] = Math.max(sliceMax[phase], now - t0);
  if (row) {
    iteration += 1;
    pendingRows.push(row);
    const steps = trainer.total_timesteps();
    if (now - rate.t >= 500) {
      if (rate.t) rate.value = ((steps - rate.steps) * 1000) / (now - rate.t);
      rate = { t: now, steps, value: rate.value };
    }
    iterationPhaseMs = phaseMs;
    phaseMs = perPhase();
    if (speed !== 'fast') flushProgress();
    if ((speed !== 'fast' || now - lastAgentPost >= FAST_AGENT_MS || trainer.done()) && !sendAgent()) return false;
    // The race's definition of solved: a greedy evaluation every 2,048 env steps (the core
    // decides when one is due); its time counts in the run's seconds.
    let evaluation;
    try {
      evaluation = trainer.evaluate_if_due();
    } catch (e) {
      fail(stopped(e), e?.kind !== 'diverged', e?.kind);
      return false;
    }
    if (evaluation) {
      post({ type: 'evaluation', run, ...evaluation, seconds: seconds() });
      if (evaluation.solved && stopWhenSolved) {
        // The agent that solved it is the one kept (DQN's small network can forget later).
        flushProgress();
        if (!sendAgent()) return false;
        setState('done');
        post({ type: 'done', run, total_timesteps: steps, solved: true });
        return false;
      }
    }
    if (trainer.done()) {
      flushProgress();
      setState('done');
      post({ type: 'done', run, total_timesteps: steps });
      return false;
    }
  }
  if (speed === 'watch') waitUntil = performance.now() + WATCH_WAIT_MS[PHASES.indexOf(phase)];
  else if (speed === 'talk' && row) {
    const share = (TALK_RUN_MS * (trainer.total_timesteps() - iterationSteps)) / budget;
    waitUntil = iterationStartedAt + share;
  } else waitUntil = 0;
  if (row) {
    iterationStartedAt = Math.max(performance.now(), waitUntil);
    iterationSteps = trainer.total_timesteps();
  }
  return true;
}

function start({ run: id, config, env, seed, stop_when_solved: stopSolved }) {
  if (broken) {
    post({ type: 'error', run: id, message: 'this worker hit an internal error; restart it', fatal: true });
    return;
  }
  let next;
  try {
    next = new wasm.Trainer(config ?? 'deck', env ?? 'v1', seed ?? 0);
  } catch (e) {
    // A bad config changes nothing: the current run (if any) goes on as it was.
    post({ type: 'error', run: id, message: describe(e), fatal: false, config: true, kind: e?.kind });
    return;
  }
  trainer?.free();
  trainer = next;
  PHASES = wasm.Trainer.phases(trainer.algo);
  run = id;
  iteration = 0;
  lastPhase = null;
  pendingRows = [];
  episodesSent = 0;
  lastAgentPost = -Infinity;
  lastAgentJson = null;
  phaseMs = perPhase();
  iterationPhaseMs = perPhase();
  sliceMax = perPhase();
  rate = { t: 0, steps: 0, value: 0 };
  waitUntil = 0;
  iterationStartedAt = performance.now();
  iterationSteps = 0;
  stopWhenSolved = !!stopSolved;
  runningMs = 0;
  runningSince = performance.now();
  const effective = trainer.config();
  budget = Math.max(1, Number(effective.total_timesteps) || 1);
  post({ type: 'started', run, config: effective });
  setState('running');
  schedule();
}

function handle(msg) {
  switch (msg?.type) {
    case 'start':
      start(msg);
      break;
    case 'pause':
      if (state === 'running') {
        setState('paused');
        flushProgress();
        sendAgent(); // a failed check stops the run (state 'error') with its message
      }
      break;
    case 'resume':
      if (state === 'paused' && trainer) {
        setState('running');
        waitUntil = 0;
        iterationStartedAt = performance.now(); // a pause does not count as the iteration's share
        schedule();
      }
      break;
    case 'reset':
      trainer?.free();
      trainer = null;
      setState('idle');
      break;
    case 'speed':
      speed = SPEEDS.some((sp) => sp.mode === msg.mode) ? msg.mode : SPEEDS[0].mode;
      waitUntil = 0;
      iterationStartedAt = performance.now();
      break;
    case 'get-agent':
      if (trainer && state !== 'error') sendAgent();
      break;
    case 'ping':
      // The page's watchdog: any message proves the worker alive; this one is cheap.
      post({ type: 'pong', run, state });
      break;
    case 'memory':
      post({ type: 'memory', wasm_bytes: exportsOfWasm ? exportsOfWasm.memory.buffer.byteLength : null });
      break;
    case 'debug':
      if (msg.action === 'panic') {
        try {
          wasm.__test_panic('test panic inside the training worker');
        } catch (e) {
          fail(`training stopped: ${describe(e)}`, true);
        }
      }
      break;
    default:
      post({ type: 'error', run, message: `unknown message ${JSON.stringify(msg?.type)}`, fatal: false });
  }
}

// Messages that arrive while the wasm loads wait for it.
const queue = [];
let ready = false;
self.onmessage = (event) => {
  if (ready) handle(event.data);
  else queue.push(event.data);
};
init()
  .then((exports) => {
    exportsOfWasm = exports;
    PHASES = wasm.Trainer.phases();
    ready = true;
    post({ type: 'ready' });
    for (const m of queue.splice(0)) handle(m);
  })
  .catch((e) => post({ type: 'error', run, message: `the worker could not load WebAssembly: ${describe(e)}`, fatal: true }));
