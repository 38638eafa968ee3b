// The page-side training session: one per page, shared by every slide that shows training.
//
//   import { TrainingSession } from './training/session.js';
//   const session = TrainingSession.shared(wasm);     // the same object for every caller
//   session.on('progress', (p) => …);                 // returns an unsubscribe function
//   session.start(); session.pause(); session.resume(); session.reset();
//
// It owns the worker (restarting it if it dies), the metric history of the current run and
// of the previous one, the current agent's JSON, and persistence (localStorage, download,
// import). Everything here is plain data; components render it.

export const STORAGE_KEY = 'rl-live.training.v1';
export const MAX_ROWS = 2000; // history rows kept per run (halved by downsampling when full)
const SAVE_DEBOUNCE_MS = 800;
// The worker watchdog: while a worker exists the page pings it every WATCHDOG_MS; a worker
// that answers nothing for STALL_MS (LOAD_MS while its WebAssembly still loads; plus three
// times any slice it announced as long) is taken for dead — terminated from outside, crashed
// without an error event, or hung — and replaced on the next Train.
const WATCHDOG_MS = 1000;
const STALL_MS = 8000;
const LOAD_MS = 30000;


/**
 * Training speeds, in the order the `x` key cycles them: talk (the default: a whole run spread
 * over about 40 s, the curve climbing at a pace a speaker can narrate), watch (slower still,
 * each PPO phase visible, the current policy playing beside the curve), fast (flat out).
 */
export const SPEEDS = [
  { mode: 'talk', label: 'Talk', title: 'Talk pace: a whole run in about 40 s, the curve climbing as you speak' },
  { mode: 'watch', label: 'Watch', title: 'Train slowly and watch the current policy play beside the curve' },
  { mode: 'fast', label: 'Fast-forward', title: 'Train as fast as the machine goes' },
];

let shared = null;

export class TrainingSession {
  /** The page's session (created on first call). */
  static shared(wasm, options) {
    if (!shared) shared = new TrainingSession(wasm, options);
    return shared;
  }

  /**
   * `algo` ('ppo', 'a2c' or 'dqn'; PPO by default) is the algorithm this session trains: its
   * keys and phases are the core's for it. `stopWhenSolved` ends each run at its first solved
   * greedy evaluation (the race); `workerClock` makes the rows' `wall` the worker's running
   * time (pauses excluded, evaluations included) rather than the page's time since Train.
   */
  constructor(wasm, { storage, storageKey = STORAGE_KEY, workerUrl, algo = 'ppo', stopWhenSolved = false, workerClock = false } = {}) {
    this.wasm = wasm;
    this.algo = algo;
    this.stopWhenSolved = stopWhenSolved;
    this.workerClock = workerClock;
    /** SB3's log keys in SB3's order for this algorithm, from the core (`Trainer.log_keys(algo)`). */
    this.keys = wasm.Trainer.log_keys(algo);
    this.storageKey = storageKey;
    this.workerUrl = workerUrl || new URL('./worker.js', import.meta.url);
    this.storage = storage !== undefined ? storage : safeLocalStorage();
    this.listeners = new Map();
    this.state = 'idle'; // idle | starting | running | paused | done | error
    /** Progress the worker reported after a pause click, applied on resume. */
    this.pendingProgress = [];
    this.speed = SPEEDS[0].mode;
    this.config = algo === 'ppo' ? { preset: 'deck' } : { algo, preset: 'deck' };
    this.env = 'v1';
    this.seed = 0;
    this.run = 0;
    this.history = emptyHistory();
    this.previous = null; // { label, rows } of the run before this one
    this.episodes = []; // last 1000 finished training episodes { return, len, at_step }
    this.totalTimesteps = 0;
    this.evaluations = []; // this run's greedy evaluations { total_timesteps, mean, std, returns, solved, seconds }
    this.solved = null; // the first solved evaluation of this run
    this.metrics = null; // the latest SB3 row
    this.phase = null; // { name, iteration, at }
    this.phaseMs = null;
    this.stepsPerSecond = 0;
    this.agentJson = null;
    this.agentSource = null; // training | bundled | imported | restored
    this.error = null;
    this.saving = { ok: true, message: '', savedAt: null };
    if (!this.storage) {
      // Not an error the reader made: embedded on another site, browsers block storage by design.
      const framed = window.top !== window;
      this.saving = { ok: false, info: true, message: framed
        ? 'Saving is off in this embedded view: the browser keeps no site data for embedded pages, so the agent is not saved here. Training works; download the agent to keep it.'
        : 'Saving is off: this browser does not let the page store data (private mode or blocked site data). Training works; download the agent to keep it.', savedAt: null };
    }
    this.restored = false;
    this.persist = true; // false: nothing is written to storage (the print handout's own run)
    this.worker = null;
    this.workerReady = false;
    this.heardAt = 0; // when the worker last sent anything
    this.busyMs = 0; // how long the worker said its current slice may take
    this.watchdog = null;
    this.saveTimer = null;
    this.restore();
  }

  // ─────────────── events ───────────────

  /** Subscribes to 'state' | 'progress' | 'phase' | 'agent' | 'error' | 'history' | 'saving' | 'config'. */
  on(event, fn) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(fn);
    return () => this.off(event, fn);
  }

  off(event, fn) {
    this.listeners.get(event)?.delete(fn);
  }

  emit(event, payload) {
    for (const fn of [...(this.listeners.get(event) || [])]) {
      try {
        fn(payload, this);
      } catch (e) {
        // One broken listener must not stop the others (or the session).
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  // ─────────────── the worker ───────────────

  ensureWorker() {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl, { type: 'module' });
    worker.onmessage = (event) => this.onWorkerMessage(event.data);
    // A dead worker (a load failure or an uncaught error) never takes the page down.
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.workerDied(event.message || 'the training worker stopped');
    };
    worker.onmessageerror = () => this.workerDied('a message from the training worker could not be read');
    this.worker = worker;
    this.workerReady = false;
    this.heardAt = performance.now();
    this.busyMs = 0;
    this.startWatchdog();
    worker.postMessage({ type: 'speed', mode: this.speed });
    return worker;
  }

  /** Ends the worker (training stops; agent and curves stay) — the next start makes a new one. */
  restartWorker() {
    this.dropWorker();
    if (this.state === 'running' || this.state === 'paused' || this.state === 'starting') this.setState('idle');
  }

  dropWorker() {
    this.worker?.terminate();
    this.worker = null;
    this.workerReady = false;
    clearInterval(this.watchdog);
    this.watchdog = null;
  }

  workerDied(message) {
    this.dropWorker();
    this.pendingProgress = [];
    this.error = { message: `Training stopped: ${message}. Your agent and curves are kept; press Train again to start a new run.`, fatal: true };
    this.emit('error', this.error);
    this.setState('error');
  }

  /**
   * A terminated worker sends no error event, and a hung one sends nothing: ping it every
   * second and give up on it after a silence longer than it announced.
   */
  startWatchdog() {
    clearInterval(this.watchdog);
    let lastTick = performance.now();
    this.watchdog = setInterval(() => {
      const worker = this.worker;
      if (!worker) return;
      const now = performance.now();
      // The page itself was asleep or throttled (background tab, a long task): the worker's
      // replies may still be queued, so give it a fresh chance rather than blame it.
      if (now - lastTick > 3 * WATCHDOG_MS) this.heardAt = now;
      lastTick = now;
      const silent = now - this.heardAt;
      const limit = (this.workerReady ? STALL_MS : LOAD_MS) + 3 * this.busyMs;
      if (silent > limit) {
        const active = this.state === 'running' || this.state === 'starting' || this.state === 'paused';
        if (active) this.workerDied(`the training worker stopped answering (nothing for ${Math.round(silent / 1000)} s)`);
        else this.dropWorker(); // nothing was running: the next Train quietly makes a new worker
        return;
      }
      worker.postMessage({ type: 'ping' });
    }, WATCHDOG_MS);
  }

  post(msg) {
    this.ensureWorker().postMessage(msg);
  }

  onWorkerMessage(msg) {
    if (!msg || typeof msg !== 'object') return;
    this.heardAt = performance.now();
    this.busyMs = msg.type === 'busy' && Number.isFinite(msg.expect_ms) ? msg.expect_ms : 0;
    if (msg.type === 'ready') {
      this.workerReady = true;
      return;
    }
    // Messages of an older run (before a reset or a new start) are dropped.
    if (msg.run !== undefined && msg.run !== this.run && msg.type !== 'error') return;
    switch (msg.type) {
      case 'started':
        this.effectiveConfig = msg.config;
        this.emit('config', msg.config);
        break;
      case 'state':
        if (msg.state === 'idle' && this.state === 'starting') break;
        this.setState(msg.state);
        if (msg.state === 'paused' || msg.state === 'done') this.saveSoon(0);
        break;
      case 'phase':
        this.phase = { name: msg.name, iteration: msg.iteration, at: performance.now() };
        this.emit('phase', this.phase);
        break;
      case 'progress':
        // Paused: the worker may still finish the slice it was in; keep what it reports
        // for the resume, so every count on screen stops at the click.
        if (this.state === 'paused') this.pendingProgress.push(msg);
        else this.onProgress(msg);
        break;
      case 'evaluation': {
        const e = { total_timesteps: msg.total_timesteps, mean: msg.mean, std: msg.std, returns: msg.returns, solved: !!msg.solved, seconds: msg.seconds };
        this.evaluations.push(e);
        if (e.solved && !this.solved) this.solved = e;
        this.emit('evaluation', e);
        break;
      }
      case 'agent':
        this.agentJson = msg.json;
        this.agentSource = 'training';
        this.emit('agent', { json: msg.json, source: 'training', total_timesteps: msg.total_timesteps });
        this.saveSoon();
        break;
      case 'error':
        if (msg.run !== this.run && msg.run !== undefined && !msg.config) return;
        this.error = { message: errorText(msg), fatal: !!msg.fatal, config: !!msg.config };
        this.emit('error', this.error);
        if (msg.config) {
          if (this.state === 'starting') this.setState(this.previousState || 'idle');
        } else if (msg.fatal) {
          this.dropWorker();
          this.pendingProgress = [];
          this.setState('error');
        }
        break;
      case 'done':
        this.setState('done');
        break;
      default:
        break;
    }
  }

  onProgress(msg) {
    const now = performance.now();
    for (const row of msg.rows) {
      const r = {};
      for (const k of this.keys) r[k] = k in row ? row[k] : NaN;
      r.wall = this.workerClock && Number.isFinite(msg.seconds) ? msg.seconds : (now - this.runStartedAt) / 1000;
      this.history.rows.push(r);
    }
    if (this.history.rows.length > MAX_ROWS) this.history.rows = downsample(this.history.rows);
    for (const e of msg.episodes) this.episodes.push(e);
    if (this.episodes.length > 1000) this.episodes.splice(0, this.episodes.length - 1000);
    if (msg.metrics) this.metrics = msg.metrics;
    this.totalTimesteps = msg.total_timesteps;
    this.phaseMs = msg.phase_ms;
    this.stepsPerSecond = msg.steps_per_s;
    this.emit('progress', { metrics: this.metrics, rows: msg.rows, episodes: msg.episodes, total_timesteps: msg.total_timesteps, phase: msg.phase });
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.emit('state', state);
  }

  // ─────────────── controls ───────────────

  /** Starts a new run with the current config, env and seed (the old run becomes `previous`). */
  start() {
    const check = this.validate(this.config, this.env, this.seed);
    if (!check.ok) {
      this.error = { message: check.error, fatal: false, config: true };
      this.emit('error', this.error);
      return check;
    }
    if (this.history.rows.length) {
      this.previous = { label: this.history.label, rows: this.history.rows };
    }
    this.run += 1;
    this.pendingProgress = [];
    this.history = emptyHistory(`seed ${this.seed} · ${this.config.preset || 'deck'}${this.env === 'v0' ? ' · v0' : ''} · run ${this.run}`);
    this.history.config = { ...this.config };
    this.history.env = this.env;
    this.history.seed = this.seed;
    this.episodes = [];
    this.evaluations = [];
    this.solved = null;
    this.metrics = null;
    this.totalTimesteps = 0;
    this.phase = null;
    this.error = null;
    this.runStartedAt = performance.now();
    this.previousState = this.state;
    this.setState('starting');
    this.emit('history', this.history);
    this.post({ type: 'start', run: this.run, config: { ...this.config }, env: this.env, seed: this.seed, stop_when_solved: this.stopWhenSolved });
    return { ok: true };
  }

  /** Pauses at once: the page stops counting now; the worker stops before its next slice. */
  pause() {
    if (this.state !== 'running' && this.state !== 'starting') return;
    this.post({ type: 'pause' });
    this.setState('paused');
  }

  resume() {
    if (this.state !== 'paused') return;
    this.post({ type: 'resume' });
    this.setState('running');
    for (const msg of this.pendingProgress.splice(0)) this.onProgress(msg);
  }

  /** Stops and forgets the run (the agent and the curves stay until the next Train). */
  reset() {
    this.run += 1; // drops anything the old run still has in flight
    this.pendingProgress = [];
    if (this.worker) this.worker.postMessage({ type: 'reset' });
    this.phase = null;
    this.setState('idle');
  }

  setSpeed(mode) {
    this.speed = SPEEDS.some((s) => s.mode === mode) ? mode : SPEEDS[0].mode;
    if (this.worker) this.worker.postMessage({ type: 'speed', mode: this.speed });
    this.emit('config', this.effectiveConfig);
  }

  /**
   * Changes what the next Train uses: `{ config?, env?, seed? }`. Checked with the core;
   * a bad value is refused with `{ ok: false, error }` and the last good settings are kept.
   */
  setConfig({ config = this.config, env = this.env, seed = this.seed } = {}) {
    const check = this.validate(config, env, seed);
    if (!check.ok) return check;
    this.config = { ...config };
    this.env = env;
    this.seed = seed;
    this.emit('config', null);
    return { ok: true };
  }

  /** Builds (and frees) a Trainer to check a config without touching the current run. */
  validate(config, env, seed) {
    try {
      const t = new this.wasm.Trainer({ ...config }, env, seed);
      t.free();
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message.replace(/^new Trainer: /, '') : String(e) };
    }
  }

  // ─────────────── agents ───────────────

  /** Makes `json` the current agent (checked with the core first); `{ ok, error }`. */
  loadAgent(json, source = 'imported') {
    let agent;
    try {
      agent = new this.wasm.Agent(json);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message.replace(/^new Agent: /, '') : String(e) };
    }
    let meta = {};
    try {
      meta = JSON.parse(agent.meta_json()) || {};
    } catch {
      meta = {};
    }
    const env = agent.env;
    agent.free();
    this.agentJson = json;
    this.agentSource = source;
    // Curves that travel with the file become the shown history (the run in progress, if
    // any, keeps training; its next progress starts a fresh history only on a new Train).
    if (source !== 'training' && meta.curves && Array.isArray(meta.curves.rows)) {
      if (this.history.rows.length) this.previous = { label: this.history.label, rows: this.history.rows };
      this.history = { label: `${source} agent`, rows: sanitiseRows(meta.curves.rows, this.keys, meta.curves.keys) };
      this.emit('history', this.history);
    }
    this.emit('agent', { json, source, total_timesteps: meta.total_timesteps ?? null });
    this.saveSoon(0);
    return { ok: true, meta, env };
  }

  /** Reads an agent file (from an <input type=file> or a drop); `{ ok, error }`. */
  // The current agent is only replaced by a file the core accepts; errors name the file and
  // say what is wrong with it (short enough to sit beside the import button).
  async importFile(file) {
    if (!file) return { ok: false, error: 'No file chosen.' };
    const name = `"${String(file.name).slice(0, 60)}"`;
    if (file.size === 0) return { ok: false, error: `${name} not loaded: the file is empty.` };
    if (file.size > 16 * 1024 * 1024) return { ok: false, error: `${name} not loaded: it is ${(file.size / 1e6).toFixed(1)} MB; an agent file is at most 16 MB.` };
    let text;
    try {
      text = await file.text();
    } catch (e) {
      return { ok: false, error: `${name} could not be read: ${e?.message || e}` };
    }
    const r = this.importText(text);
    if (!r.ok) r.error = `${name} not loaded: ${explainImportError(r.error, text)}`;
    return r;
  }

  importText(text) {
    return this.loadAgent(text, 'imported');
  }

  /** The downloadable file: the agent's JSON with meta.curves, meta.run (config, env, seed). */
  downloadText() {
    if (!this.agentJson) return null;
    const agent = new this.wasm.Agent(this.agentJson);
    try {
      const meta = {
        curves: { keys: [...this.keys, 'wall'], label: this.history.label, rows: this.history.rows.map((r) => encodeRow(r, this.keys)) },
        run: { config: this.history.config || this.config, env: this.history.env || this.env, seed: this.history.seed ?? this.seed, source: this.agentSource },
        saved_at: new Date().toISOString(),
      };
      return agent.to_json_with_meta(JSON.stringify(meta));
    } finally {
      agent.free();
    }
  }

  /** Saves the agent as a file (Blob + object URL + <a download>: no inline script, CSP-safe). */
  download(filename) {
    const text = this.downloadText();
    if (!text) return { ok: false, error: 'No agent yet: train one, or load the bundled agent.' };
    const blob = new Blob([text], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename || `rl-live-agent-${this.algo === 'ppo' ? '' : `${this.algo}-`}${this.env}-seed${this.seed}.json`;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { ok: true, bytes: text.length };
  }

  // ─────────────── persistence ───────────────

  /** Saves within `delay` ms (throttled: a save already pending is not postponed). */
  saveSoon(delay = SAVE_DEBOUNCE_MS) {
    if (!this.storage || !this.persist) return;
    if (this.saveTimer && delay > 0) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saveNow();
    }, delay);
  }

  /** Writes agent + curves + settings to localStorage; on failure keeps working, `saving.ok` false. */
  saveNow() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.storage || !this.agentJson || !this.persist) return false;
    const record = {
      version: 1,
      savedAt: Date.now(),
      agent: this.agentJson,
      agentSource: this.agentSource,
      config: this.config,
      env: this.env,
      seed: this.seed,
      history: { label: this.history.label, config: this.history.config, env: this.history.env, seed: this.history.seed, rows: this.history.rows.map((r) => encodeRow(r, this.keys)) },
      previous: this.previous ? { label: this.previous.label, rows: this.previous.rows.map((r) => encodeRow(r, this.keys)) } : null,
      totalTimesteps: this.totalTimesteps,
    };
    let text = JSON.stringify(record);
    try {
      try {
        this.storage.setItem(this.storageKey, text);
      } catch (e) {
        if (!isQuota(e)) throw e;
        // Full: drop the previous run's curves, then all curves, before giving up.
        record.previous = null;
        text = JSON.stringify(record);
        try {
          this.storage.setItem(this.storageKey, text);
        } catch (e2) {
          if (!isQuota(e2)) throw e2;
          record.history.rows = [];
          this.storage.setItem(this.storageKey, JSON.stringify(record));
        }
      }
      this.saving = { ok: true, message: '', savedAt: record.savedAt };
    } catch (e) {
      this.saving = { ok: false, message: `Not saved in this browser (${isQuota(e) ? 'storage is full' : e?.message || e}); download the agent to keep it.`, savedAt: this.saving.savedAt };
    }
    this.emit('saving', this.saving);
    return this.saving.ok;
  }

  /** Loads the last saved agent and curves (called by the constructor). */
  restore() {
    if (!this.storage) return false;
    let record;
    try {
      const text = this.storage.getItem(this.storageKey);
      if (!text) return false;
      record = JSON.parse(text);
    } catch {
      return false;
    }
    if (!record || record.version !== 1 || typeof record.agent !== 'string') return false;
    try {
      new this.wasm.Agent(record.agent).free();
    } catch {
      return false; // a damaged record is ignored, never fatal
    }
    this.agentJson = record.agent;
    this.agentSource = 'restored';
    // The saved settings come back only if the core takes them (a record from another build,
    // or edited by hand, must not put a config the controls cannot show in force).
    const config = record.config && typeof record.config === 'object' && !Array.isArray(record.config) ? record.config : this.config;
    const env = record.env === 'v0' || record.env === 'v1' ? record.env : this.env;
    const seed = Number.isInteger(record.seed) ? record.seed : this.seed;
    if (this.validate(config, env, seed).ok) Object.assign(this, { config, env, seed });
    const h = record.history || {};
    this.history = { label: h.label || 'restored run', config: h.config, env: h.env, seed: h.seed, rows: sanitiseRows(h.rows || [], this.keys) };
    if (record.previous) this.previous = { label: record.previous.label, rows: sanitiseRows(record.previous.rows || [], this.keys) };
    this.totalTimesteps = record.totalTimesteps || 0;
    const last = this.history.rows[this.history.rows.length - 1];
    if (last) this.metrics = Object.fromEntries(this.keys.filter((k) => Number.isFinite(last[k])).map((k) => [k, last[k]]));
    this.saving = { ok: true, message: '', savedAt: record.savedAt };
    this.restored = true;
    return true;
  }

  /** Forgets the saved record. */
  clearSaved() {
    try {
      this.storage?.removeItem(this.storageKey);
    } catch {
      /* nothing to do */
    }
  }

  dispose() {
    this.dropWorker();
    clearTimeout(this.saveTimer);
    this.listeners.clear();
    if (shared === this) shared = null;
  }
}

/**
 * The core's message about a bad agent file, with the two failures people meet put plainly.
 * The wasm reads files with the browser's JSON.parse, whose wording differs by browser: a
 * file cut short is recognised by "end of input" wording or an error at its very end.
 */
function explainImportError(error, text = '') {
  if (/invalid JSON:/.test(error)) {
    const at = /at position (\d+)/.exec(error);
    const atEnd = at && Number(at[1]) >= text.trimEnd().length;
    if (atEnd || /end of (JSON input|data)|Unexpected EOF/i.test(error)) return 'the file is cut short: it ends in the middle of the JSON.';
  }
  const bad = /^(actor|critic): layer (\d+) contains NaN or infinite weights/.exec(error);
  if (bad) return `a number in it is too large for a weight (beyond ±3.4e38) or not a number, in layer ${bad[2]} of the ${bad[1]}.`;
  return error;
}

/** The user-facing text of a worker's error message. */
function errorText(msg) {
  const text = String(msg.message || 'unknown error');
  if (msg.config) return text;
  const detail = text.replace(/^training stopped: /i, '');
  if (msg.fatal) {
    // A Rust panic (a bug) or a worker that could not load: the worker is replaced on Train.
    // The panic's source location is for developers (the console), not for the slide.
    const line = detail.replace(/\s+/g, ' ').replace(/\.$/, '');
    const panic = /^rl-live \(Rust\) panicked at [^ ]+: (.*)$/.exec(line);
    if (panic) console.error(`rl-live training worker: ${line}`);
    const what = panic ? `the training engine hit an internal error (${panic[1]})`
      : /unreachable|RuntimeError/.test(line) ? `the training engine hit an internal error (${line})` : line;
    return `Training stopped: ${what}. Your agent and curves are kept; press Train again to start a new run.`;
  }
  return `Training stopped: ${detail}`;
}

function emptyHistory(label = 'current run') {
  return { label, rows: [] };
}

/** Halves the rows: keeps every other row, and always the last one. */
export function downsample(rows) {
  const out = rows.filter((_, i) => i % 2 === 0);
  if (out[out.length - 1] !== rows[rows.length - 1]) out.push(rows[rows.length - 1]);
  return out;
}

// Rows are stored as arrays in the order of the log keys + wall (NaN as null), half the size of objects.
function encodeRow(r, logKeys) {
  return [...logKeys, 'wall'].map((k) => (Number.isFinite(r[k]) ? r[k] : null));
}

/**
 * Rows stored as arrays back into objects with `logKeys` + wall. `fileKeys` (a file's
 * meta.curves.keys) names the columns when the rows came from another algorithm's run:
 * columns are then matched by name, and a key that run did not log is NaN.
 */
function sanitiseRows(rows, logKeys, fileKeys) {
  const keys = [...logKeys, 'wall'];
  const column = Array.isArray(fileKeys) ? keys.map((k) => fileKeys.indexOf(k)) : keys.map((_, i) => i);
  const out = [];
  for (const row of rows.slice(-MAX_ROWS)) {
    if (!Array.isArray(row)) continue;
    const r = {};
    keys.forEach((k, i) => {
      const v = column[i] >= 0 ? row[column[i]] : undefined;
      r[k] = typeof v === 'number' ? v : NaN;
    });
    out.push(r);
  }
  return out;
}

function isQuota(e) {
  return e && (e.name === 'QuotaExceededError' || e.code === 22 || e.code === 1014);
}

/** localStorage if the page may use it (a full one counts: saving then says so), else null. */
function safeLocalStorage() {
  let s;
  try {
    s = window.localStorage; // throws where site data is blocked
    if (!s) return null;
    const probe = '__rl-live-probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch (e) {
    return s && isQuota(e) ? s : null;
  }
}
