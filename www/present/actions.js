// The talk's deck-wide demo actions (keys t r x l e, the `?` overlay's "Demo" table, the
// postMessage API's rl-live:demo and the speaker view's buttons all come here). They act on the
// page's one TrainingSession (training/shared-session.js). The deck engine only routes: a slide's own key
// (cartpole's `r` restarts its episode, trained-agent's `e` evaluates with its view) or
// `slide.actions[name]` wins; what is left comes to `runAction` below.
import { sharedSession } from '../training/shared-session.js';
import { SPEEDS } from '../training/session.js';
import { loadBundledAgent } from '../training/bundled.js';
import { evaluate } from '../training/agent-view.js';

/** [key, name, label]: the deck's table of deck-wide actions. */
export const DEMO_ACTIONS = [
  { key: 't', name: 'train', label: 'Train / pause the live PPO run' },
  { key: 'r', name: 'reset', label: 'Reset (the slide’s demo, else the training run)' },
  { key: 'x', name: 'speed', label: 'Training speed: talk → watch → fast-forward' },
  { key: 'l', name: 'load-trained', label: 'Load the bundled trained agent (PPO.load)' },
  { key: 'e', name: 'evaluate', label: 'Evaluate the current agent (5 greedy episodes)' },
];

/** Actions host pages may ask for (rl-live:demo); `train` there starts, it does not toggle. */
export const API_ACTIONS = ['train', 'pause', 'reset', 'load-trained', 'evaluate', 'speed', 'run'];

/**
 * Runs `name` on the session. Returns false when it makes no sense (then the deck says so).
 * `notify(text)` shows a short message (the deck's toast) and may return a dismiss function.
 */
export function runAction(name, { wasm, notify = () => {}, toggle = true } = {}) {
  const session = sharedSession(wasm);
  const s = session.state;
  switch (name) {
    case 'train':
      if (s === 'running' || s === 'starting') {
        if (toggle) {
          session.pause();
          notify('Training paused (t resumes).');
        }
      } else if (s === 'paused') {
        session.resume();
        notify('Training resumed.');
      } else {
        const r = session.start();
        const dismiss = notify(r.ok ? 'Training started (t pauses, x changes the speed).' : `Training did not start: ${r.error}`);
        if (r.ok && typeof dismiss === 'function') {
          // The toast says training runs: it goes when the run does.
          const off = session.on('state', (st) => {
            if (st === 'running' || st === 'starting') return;
            off();
            dismiss();
          });
        }
      }
      return true;
    case 'pause':
      session.pause();
      return true;
    case 'reset':
      session.reset();
      notify('Training reset (the agent and curves stay until the next Train).');
      return true;
    case 'speed': {
      const i = SPEEDS.findIndex((sp) => sp.mode === session.speed);
      const next = SPEEDS[(i + 1) % SPEEDS.length];
      session.setSpeed(next.mode);
      notify(`Speed: ${next.label}.`);
      return true;
    }
    case 'load-trained':
      loadBundledAgent(session).then((r) => notify(r.ok ? 'Loaded the bundled trained agent (100k steps, seed 0).' : r.error));
      return true;
    case 'evaluate': {
      if (!session.agentJson) {
        notify('No agent yet: train one (t) or load the bundled one (l).');
        return true;
      }
      const agent = new wasm.Agent(session.agentJson);
      try {
        const r = evaluate(wasm, agent, { episodes: 5, seed: 0, version: agent.env === 'CartPole-v0' ? 'v0' : 'v1' });
        session.lastEvaluation = r;
        notify(`Evaluation (5 greedy episodes): ${r.returns.join(', ')} — mean ${r.mean.toFixed(1)} ± ${r.std.toFixed(1)}`);
      } finally {
        agent.free();
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * A slide's "run" action for autoplay: `slide.actions.run`, else its `p` key (the talk's
 * convention: p plays / runs the slide's demo); the training slide's run is "train".
 */
export function runSlide(deck) {
  const slide = deck.current;
  if (!slide) return false;
  if (slide.actions?.run) return deck.action('run');
  if (slide.id === 'training') return deck.action('train');
  const p = (slide.keys || []).find((k) => k && k.key === 'p');
  if (p) {
    p.run?.(deck.ctx);
    return true;
  }
  return false;
}
