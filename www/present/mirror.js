// The live demo, mirrored to the speaker view (www/deck/notes.html) over
// BroadcastChannel('rl-live-training'). The main window owns the one training worker; the notes
// window only displays what arrives here:
//
//   { type: 'training', state, speed, steps, total, ep_rew_mean, run, label, at,
//     points?: [[steps, ep_rew_mean], …] (all of them, on 'hello' and on a new run),
//     add?: [[steps, ep_rew_mean], …] (the new ones) }
//   { type: 'episode', state: [x, ẋ, θ, θ̇], action, score }   (the agent playing on the
//     trained-agent slide, one message per animation frame while it plays)
//
// Sends at most every 50 ms while training (no timers: a background window's timers are
// throttled), and at once on every state change. The notes window says { type: 'hello' } when
// it opens and gets the whole curve.
import { sharedSession } from '../training/shared-session.js';

export const TRAINING_CHANNEL = 'rl-live-training';
const EVERY_MS = 50;
const KEY = 'rollout/ep_rew_mean';

export function setupMirror(wasm) {
  if (typeof BroadcastChannel !== 'function') return null;
  const session = sharedSession(wasm);
  const channel = new BroadcastChannel(TRAINING_CHANNEL);
  let sentRows = 0;
  let sentHistory = null;
  let last = 0;

  const point = (r) => [r['time/total_timesteps'], r[KEY]];
  const valid = (p) => Number.isFinite(p[0]) && Number.isFinite(p[1]);

  function message(full) {
    const m = session.metrics || {};
    const rows = session.history.rows;
    const msg = {
      type: 'training',
      state: session.state,
      speed: session.speed,
      steps: session.totalTimesteps,
      total: session.effectiveConfig?.total_timesteps ?? null,
      ep_rew_mean: Number.isFinite(m[KEY]) ? m[KEY] : null,
      run: session.run,
      label: session.history.label,
      at: Date.now(),
    };
    if (full || sentHistory !== session.history || rows.length < sentRows) {
      msg.points = rows.map(point).filter(valid);
      sentHistory = session.history;
    } else if (rows.length > sentRows) {
      msg.add = rows.slice(sentRows).map(point).filter(valid);
    }
    sentRows = rows.length;
    return msg;
  }

  const post = (full = false) => {
    last = performance.now();
    try {
      channel.postMessage(message(full));
    } catch {
      /* a closed channel: nothing to mirror to */
    }
  };

  session.on('progress', () => {
    // The progress that follows a pause or the end always goes: it carries the final count.
    const live = session.state === 'running' || session.state === 'starting';
    if (!live || performance.now() - last >= EVERY_MS) post();
  });
  for (const e of ['state', 'history', 'config', 'agent']) session.on(e, () => post());
  // The agent's current episode (the trained-agent slide emits one per animation frame).
  session.on('episode', (ep) => {
    try {
      channel.postMessage({ type: 'episode', ...ep });
    } catch {
      /* a closed channel: nothing to mirror to */
    }
  });
  channel.onmessage = (e) => {
    if (e.data && e.data.type === 'hello') post(true);
  };
  return {
    channel,
    post,
  };
}
