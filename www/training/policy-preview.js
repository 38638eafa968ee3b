// The current policy playing CartPole in real time (50 Hz), greedy — what "Watch" shows on the
// training slide while the worker trains slowly enough to follow. It plays the newest agent
// the session holds, switching to the latest one each time an episode ends.
//
//   const preview = createPolicyPreview(container, session, wasm); preview.mount(); … unmount();
import { h } from '../ui/dom.js';
import { createCartPoleView } from '../ui/cartpole-view.js';
import { fixedStepLoop } from '../ui/fixed-step.js';

const STEP_MS = 20; // tau = 0.02 s: real time

export function createPolicyPreview(container, session, wasm, { seed = 0 } = {}) {
  const canvas = h('canvas', { class: 'policy-preview-canvas', role: 'img', 'aria-label': 'The current policy playing CartPole' });
  const caption = h('p', { class: 'policy-preview-caption', 'data-testid': 'policy-preview-caption', 'aria-live': 'off' }, 'No agent yet: press Train.');
  const el = h('div', { class: 'policy-preview' }, canvas, caption);
  container.append(el);
  const view = createCartPoleView(canvas);
  const env = new wasm.CartPole(seed, 'v1');
  let obs = env.reset();
  let agent = null;
  let agentJson = null;
  let score = 0;
  let episode = 0;
  let action = -1;

  /** Takes the session's newest agent (a bad one is skipped: the previous keeps playing). */
  function refreshAgent() {
    const json = session.agentJson;
    if (!json || json === agentJson) return;
    try {
      const next = new wasm.Agent(json);
      agent?.free?.();
      agent = next;
      agentJson = json;
    } catch {
      agentJson = json;
    }
  }

  function step() {
    if (!agent) {
      refreshAgent();
      if (!agent) return;
    }
    action = agent.act_greedy(obs);
    const s = env.step(action);
    obs = s.obs;
    score += s.reward;
    if (s.terminated || s.truncated) {
      episode += 1;
      score = 0;
      obs = env.reset();
      refreshAgent(); // the worker has learned more since this episode began
    }
  }

  const loop = fixedStepLoop(STEP_MS, step, draw);

  function draw() {
    view.draw(env.state(), { action });
    caption.textContent = agent
      ? `The current policy, greedy · episode ${episode + 1} · score ${score}`
      : 'No agent yet: press Train.';
  }

  return {
    el,
    mount() {
      loop.start();
    },
    unmount() {
      loop.stop();
    },
    dispose() {
      this.unmount();
      view.destroy();
      agent?.free?.();
      el.remove();
    },
  };
}
