// The agent at work: the current (or loaded) policy plays CartPole greedily in real time
// (50 steps a second), with what it thinks made visible — P(left)/P(right), the critic's
// V(s) as a running line and the TD error δ = r + γ·V(s') − V(s) (the "dopamine" trace) —
// a nudge-the-pole control, physics sliders, the talk's score log, "play 5 episodes",
// greedy evaluation over N episodes (mean ± std, like evaluate_policy), and random vs
// trained side by side from the same start state.
//
//   const view = createAgentView(container, session, wasm); view.mount(); … view.dispose();
import { h } from '../ui/dom.js';
import { button, numberField, slider, setUnavailable } from '../ui/controls.js';
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { createCartPoleView } from '../ui/cartpole-view.js';
import { mulberry32 } from '../ui/random.js';
import { fixedStepLoop } from '../ui/fixed-step.js';

const STEP_MS = 20; // 50 Hz, CartPole's tau
const TRACE = 250; // 5 s of V(s) and δ
const NUDGE = 0.8; // rad/s added to the pole's angular velocity


/**
 * evaluate_policy-style evaluation by the core (src/evaluation.rs): `episodes` episodes on one
 * env seeded with `seed`, greedy (`agent`) or uniformly random (`agent` null). Returns
 * { returns, mean, std, fingerprint } — fingerprint hashes every V(s) and action bit for bit,
 * so two evaluations that print the same scores but differ in one float are told apart.
 */
export function evaluate(wasm, agent, { episodes = 5, seed = 0, version, physics } = {}) {
  const options = { episodes, seed, version, physics };
  const r = agent ? agent.evaluate(options) : wasm.Agent.evaluate_random(options);
  return { ...r, returns: Array.from(r.returns) };
}

/** The talk's score line. */
export const scoreLine = (i, score) => `Episode:${i} Score:${score.toFixed(1)}`;

let uid = 0;

export function createAgentView(container, session, wasm, { seed = 0 } = {}) {
  const id = `agent-view-${++uid}`;
  let agent = null;
  let agentJson; // undefined until the first setAgent, so "no agent yet" shows
  let gamma = 0.99;
  let physics = {};

  // The main stage: the policy playing, and its signals.
  const canvas = h('canvas', { class: 'cartpole-canvas agent-canvas', role: 'img', 'aria-label': 'CartPole: the agent balancing the pole' });
  const signals = h('canvas', { class: 'signals-canvas', role: 'img', 'aria-label': 'P(left) and P(right), the critic V(s) and the TD error δ' });
  const readout = h('p', { class: 'agent-readout', 'aria-live': 'off' });
  const who = h('p', { class: 'agent-who' });
  const log = h('ol', { class: 'log score-log', 'aria-label': 'Score log' });
  const evalOut = h('p', { class: 'eval-out', 'aria-live': 'polite' });

  const playBtn = button('Play 5 episodes', () => playFive());
  const nudgeL = button('Nudge ←', () => nudge(-1), { title: 'Push the pole: add angular velocity to the left' });
  const nudgeR = button('Nudge →', () => nudge(1), { title: 'Push the pole: add angular velocity to the right' });
  const episodesField = numberField({ label: 'episodes', min: 1, max: 1000, value: 5 });
  const evalSeed = numberField({ label: 'eval seed', min: 0, max: 2 ** 32 - 1, value: seed });
  const policySelect = h('select', { id: `${id}-policy` }, h('option', { value: 'trained' }, 'trained (greedy)'), h('option', { value: 'random' }, 'random'));
  const evalBtn = button('Evaluate', () => runEvaluation());
  playBtn.dataset.action = 'play5';
  evalBtn.dataset.action = 'evaluate';

  const gravity = slider({ label: 'gravity (m/s²)', min: 1, max: 30, step: 0.1, value: 9.8, format: (v) => v.toFixed(1), onInput: () => setPhysics() });
  const poleLen = slider({ label: 'pole length (m)', min: 0.2, max: 3, step: 0.05, value: 1, format: (v) => v.toFixed(2), onInput: () => setPhysics() });
  const force = slider({ label: 'push force (N)', min: 1, max: 30, step: 0.5, value: 10, format: (v) => v.toFixed(1), onInput: () => setPhysics() });
  const physicsReset = button('Gymnasium physics', () => {
    gravity.value = 9.8;
    poleLen.value = 1;
    force.value = 10;
    setPhysics();
  });

  // Side by side.
  const leftCanvas = h('canvas', { class: 'cartpole-canvas duel-canvas', role: 'img', 'aria-label': 'Random agent' });
  const rightCanvas = h('canvas', { class: 'cartpole-canvas duel-canvas', role: 'img', 'aria-label': 'Trained agent' });
  const leftScore = h('output', { class: 'duel-score' }, 'random');
  const rightScore = h('output', { class: 'duel-score' }, 'trained');
  const duelBtn = button('Random vs trained', () => startDuel());
  duelBtn.dataset.action = 'duel';

  const root = h('div', { class: 'agent-view' },
    h('div', { class: 'agent-stage' }, canvas, signals, readout),
    h('div', { class: 'agent-side' },
      who,
      h('div', { class: 'agent-buttons' }, playBtn, nudgeL, nudgeR),
      log,
      h('div', { class: 'agent-eval' }, h('div', { class: 'control' }, h('label', { for: policySelect.id }, 'policy'), h('div', { class: 'agent-eval-run' }, policySelect, evalBtn)), episodesField.el, evalSeed.el),
      evalOut,
      h('details', { class: 'agent-physics' }, h('summary', {}, 'Physics (robustness)'), gravity.el, poleLen.el, force.el, physicsReset)),
    h('div', { class: 'agent-duel' },
      h('figure', {}, leftCanvas, h('figcaption', {}, leftScore)),
      h('figure', {}, rightCanvas, h('figcaption', {}, rightScore)),
      duelBtn));

  let view = null;
  let leftView = null;
  let rightView = null;
  let sigView = null;
  let env = null;
  let obs = null;
  let score = 0;
  let lastAction = -1;
  let probs = [0.5, 0.5];
  const vTrace = [];
  const dTrace = [];
  let five = null; // { done, count } while "play 5 episodes" runs
  let duel = null;
  let mounted = false;

  /** Controls that need an agent: unavailable without one, with the reason (messages that said "no agent" go once there is one). */
  const NO_AGENT = 'No agent yet: train one on the Training slide, or load the trained agent (button above).';
  function showAvailability() {
    const reason = agent ? '' : NO_AGENT;
    for (const b of [playBtn, nudgeL, nudgeR, duelBtn]) setUnavailable(b, reason);
    setUnavailable(evalBtn, policySelect.value === 'trained' ? reason : '');
    if (agent) {
      if (evalOut.dataset.kind === 'no-agent') {
        evalOut.textContent = '';
        delete evalOut.dataset.kind;
      }
      if (rightScore.dataset.kind === 'no-agent') {
        rightScore.textContent = 'trained';
        delete rightScore.dataset.kind;
      }
    }
  }
  policySelect.addEventListener('change', showAvailability);

  function setAgent(json) {
    if (json === agentJson) return;
    agent?.free();
    agent = null;
    agentJson = json;
    if (!json) {
      who.textContent = 'No agent yet: press Train, or load the bundled agent.';
      showAvailability();
      return;
    }
    try {
      agent = new wasm.Agent(json);
      const meta = JSON.parse(agent.meta_json() || '{}') || {};
      gamma = meta.config?.gamma ?? meta.run?.config?.gamma ?? 0.99;
      const steps = meta.total_timesteps;
      const src = { training: 'the agent being trained', bundled: 'the bundled trained agent', imported: 'an imported agent', restored: 'the last saved agent', race: 'the race’s agent' }[session.agentSource] || 'the agent';
      const algo = agent.algo.toUpperCase();
      who.textContent = `Playing: ${src}, ${algo}${Number.isFinite(steps) ? ` (${steps.toLocaleString('en')} training steps)` : ''}, greedy.`;
    } catch (e) {
      who.textContent = `Cannot play this agent: ${e.message}`;
    }
    showAvailability();
  }

  // A DQN agent has no critic: its value of a state is max_a Q(s, a) (and its P(left/right)
  // the greedy policy, one-hot).
  const valueLabel = () => (agent?.algo === 'dqn' ? 'max Q(s,·)' : 'V(s)');

  function newEnv() {
    env?.free();
    env = new wasm.CartPole(seed, agent?.env === 'CartPole-v0' ? 'v0' : 'v1');
    env.set_physics(physics);
    obs = env.reset();
    score = 0;
    vTrace.length = 0;
    dTrace.length = 0;
  }

  function setPhysics() {
    physics = { gravity: gravity.value, length: poleLen.value / 2, force_mag: force.value };
    for (const e of [env, duel?.left.env, duel?.right.env]) e?.set_physics(physics);
  }

  function nudge(dir) {
    if (!env) return;
    const s = env.state();
    s[3] += dir * NUDGE;
    env.set_state(s);
    obs = Float32Array.from(s);
  }

  function stepMain() {
    if (!agent || !env) return;
    const v = agent.value(obs);
    probs = agent.action_probs(obs);
    const action = agent.act_greedy(obs);
    const s = env.step(action);
    const vNext = s.terminated ? 0 : agent.value(s.obs);
    const delta = s.reward + gamma * vNext - v;
    vTrace.push(v);
    dTrace.push(delta);
    if (vTrace.length > TRACE) {
      vTrace.shift();
      dTrace.shift();
    }
    lastAction = action;
    score += s.reward;
    obs = s.obs;
    readout.textContent = `P(left) ${probs[0].toFixed(2)} · P(right) ${probs[1].toFixed(2)} · ${valueLabel()} ${v.toFixed(1)} · δ ${delta.toFixed(2)} · score ${score}`;
    if (s.terminated || s.truncated) {
      if (five) {
        five.count += 1;
        log.append(h('li', {}, scoreLine(five.count, score)));
        if (five.count >= 5) {
          five = null;
          playBtn.disabled = false;
        }
      }
      obs = env.reset();
      score = 0;
    }
  }

  function stepDuel() {
    if (!duel) return;
    for (const side of [duel.left, duel.right]) {
      if (side.over) continue;
      const action = side.agent ? side.agent.act_greedy(side.obs) : side.rng() < 0.5 ? 0 : 1;
      const s = side.env.step(action);
      side.score += s.reward;
      side.obs = s.obs;
      side.action = action;
      if (s.terminated || s.truncated) side.over = true;
      side.out.textContent = `${side.name}: ${side.score}${side.over ? ' (episode over)' : ''}`;
    }
    if (duel.left.over && duel.right.over) {
      duelBtn.disabled = false;
      duel.done = true;
    }
  }

  function startDuel() {
    if (!agent) {
      rightScore.textContent = 'trained: no agent yet';
      rightScore.dataset.kind = 'no-agent';
      return;
    }
    endDuel();
    const mk = (name, ag, out) => {
      const e = new wasm.CartPole(seed + 1000, 'v1');
      e.set_physics(physics);
      return { name, env: e, obs: e.reset(), score: 0, over: false, agent: ag, rng: mulberry32(seed), out, action: -1 };
    };
    duel = { left: mk('random', null, leftScore), right: mk('trained', agent, rightScore), done: false };
    duelBtn.disabled = true;
  }

  function endDuel() {
    if (!duel) return;
    duel.left.env.free();
    duel.right.env.free();
    duel = null;
    duelBtn.disabled = false;
  }

  function playFive() {
    if (!agent) return;
    log.replaceChildren();
    five = { count: 0 };
    playBtn.disabled = true;
    newEnv();
  }

  function runEvaluation() {
    // A field showing an error is not used (its message says why): the person fixes it first.
    episodesField.commit();
    evalSeed.commit();
    const bad = [episodesField, evalSeed].find((f) => !f.valid);
    if (bad) {
      bad.input.focus();
      return null;
    }
    const random = policySelect.value === 'random';
    if (!random && !agent) {
      evalOut.textContent = 'No agent yet: train one or load the bundled agent.';
      evalOut.dataset.kind = 'no-agent';
      return null;
    }
    const r = evaluate(wasm, random ? null : agent, { episodes: episodesField.value, seed: evalSeed.value, version: agent?.env === 'CartPole-v0' ? 'v0' : 'v1', physics });
    evalOut.textContent = `${random ? 'random' : 'trained'}: mean_reward=${r.mean.toFixed(2)} ± ${r.std.toFixed(2)} over ${r.returns.length} episodes (${r.returns.map((x) => x.toFixed(0)).join(', ')})`;
    root.dataset.evalMean = String(r.mean);
    root.dataset.evalFingerprint = r.fingerprint;
    return r;
  }

  function drawSignals(ctx, w, hgt) {
    const fg = cssVar(signals, '--plot-fg', '#c9d1d9');
    const left = cssVar(signals, '--sig-left', '#4cc9f0');
    const right = cssVar(signals, '--sig-right', '#06d6a0');
    const vCol = cssVar(signals, '--sig-value', '#fca311');
    const dCol = cssVar(signals, '--sig-delta', '#ef476f');
    ctx.font = cssVar(signals, '--plot-font', '13px system-ui, sans-serif');
    ctx.textBaseline = 'middle';
    // Bars.
    const bw = Math.min(160, w * 0.3);
    const bh = Math.min(22, hgt / 5);
    [['P(left)', probs[0], left], ['P(right)', probs[1], right]].forEach(([label, p, col], i) => {
      const y = 8 + i * (bh + 10);
      ctx.fillStyle = fg;
      ctx.fillText(label, 4, y + bh / 2);
      ctx.strokeStyle = fg;
      ctx.strokeRect(70, y, bw, bh);
      ctx.fillStyle = col;
      ctx.fillRect(70, y, bw * p, bh);
    });
    // Traces.
    const x0 = 70 + bw + 20;
    const pw = w - x0 - 8;
    if (pw < 40) return;
    const mid = hgt / 2;
    const line = (vals, col, lo, hi, top, height) => {
      ctx.strokeStyle = col;
      ctx.lineWidth = 2;
      ctx.beginPath();
      vals.forEach((v, i) => {
        const x = x0 + (i / (TRACE - 1)) * pw;
        const y = top + height - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * height;
        if (i) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
      });
      ctx.stroke();
    };
    // Each trace sits below its label (a 20 px band), so a line near its maximum never runs
    // through the text.
    const vMax = Math.max(1, ...vTrace.map(Math.abs));
    line(vTrace, vCol, 0, vMax * 1.05, 22, mid - 26);
    const dMax = Math.max(0.5, ...dTrace.map(Math.abs));
    ctx.strokeStyle = `${fg}44`;
    ctx.beginPath();
    const dTop = mid + 20;
    const dHeight = hgt - dTop - 4;
    ctx.moveTo(x0, dTop + dHeight / 2);
    ctx.lineTo(x0 + pw, dTop + dHeight / 2);
    ctx.stroke();
    line(dTrace, dCol, -dMax, dMax, dTop, dHeight);
    ctx.fillStyle = vCol;
    ctx.fillText(`${valueLabel()} ${vTrace.length ? vTrace[vTrace.length - 1].toFixed(1) : ''}`, x0 + 4, 12);
    ctx.fillStyle = dCol;
    const d = dTrace.length ? dTrace[dTrace.length - 1].toFixed(2) : '';
    // On a phone the long label does not fit beside the bars: the short one does.
    const dLabel = ctx.measureText(`δ (TD error) ${d}`).width <= pw - 8 ? `δ (TD error) ${d}` : `δ ${d}`;
    ctx.fillText(dLabel, x0 + 4, mid + 10);
  }

  const loop = fixedStepLoop(STEP_MS, () => {
    stepMain();
    stepDuel();
  }, draw);

  function draw() {
    if (env) {
      const state = env.state();
      view.draw(state, { action: lastAction, failed: false });
      // The speaker view mirrors the episode on screen (www/present/mirror.js listens); with
      // no agent nothing plays, and it is told so.
      session.emit('episode', agent ? { state: Array.from(state), action: lastAction, score } : { state: null });
    }
    if (duel) {
      leftView.draw(duel.left.env.state(), { action: duel.left.action, failed: duel.left.over && duel.left.score < 500 });
      rightView.draw(duel.right.env.state(), { action: duel.right.action, failed: duel.right.over && duel.right.score < 500 });
    }
    sigView.redraw();
  }

  const onAgent = () => setAgent(session.agentJson);
  let subs = [];
  return {
    el: root,
    /** Greedy (or random) evaluation with the view's physics: { returns, mean, std, fingerprint }. */
    evaluate: (opts = {}) => {
      const random = opts.policy === 'random';
      return evaluate(wasm, random ? null : agent, { episodes: opts.episodes ?? 5, seed: opts.seed ?? 0, version: agent?.env === 'CartPole-v0' ? 'v0' : 'v1', physics });
    },
    get agent() {
      return agent;
    },
    mount() {
      if (!root.isConnected) container.append(root);
      view = view || createCartPoleView(canvas);
      leftView = leftView || createCartPoleView(leftCanvas);
      rightView = rightView || createCartPoleView(rightCanvas);
      sigView = sigView || sharpCanvas(signals, drawSignals);
      setAgent(session.agentJson);
      if (!env) newEnv();
      subs = [session.on('agent', onAgent)];
      mounted = true;
      loop.start();
    },
    unmount() {
      mounted = false;
      subs.forEach((off) => off());
      subs = [];
      loop.stop();
    },
    dispose() {
      if (mounted) this.unmount();
      endDuel();
      env?.free();
      env = null;
      agent?.free();
      agent = null;
      view?.destroy();
      leftView?.destroy();
      rightView?.destroy();
      sigView?.dispose();
      root.remove();
    },
  };
}
