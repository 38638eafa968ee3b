// PPO's loop as pseudocode, with the phase running right now highlighted (from the worker's
// `phase` messages: rollout chunks, the advantages, each update epoch — the real slices).
//
//   const p = createPhaseView(container, session); p.mount();
import { h } from '../ui/dom.js';

const LINES = [
  ['rollout', 'collect n_steps × n_envs steps with the current policy π_θ'],
  ['advantages', 'compute advantages Â with GAE(γ, λ) and returns R = Â + V(s)'],
  ['update', 'for n_epochs: for each minibatch: step on the clipped loss'],
];

export function createPhaseView(container, session) {
  const items = LINES.map(([name, text]) => h('li', { 'data-phase': name }, h('code', {}, text)));
  const note = h('p', { class: 'phase-note' });
  const root = h('div', { class: 'training-phase' }, h('ol', { class: 'phase-list', 'aria-label': 'PPO, one iteration' }, items), note);
  let frame = 0;
  function render() {
    frame = 0;
    const running = session.state === 'running';
    const name = running ? session.phase?.name : null;
    for (const li of items) {
      const on = li.dataset.phase === name;
      li.classList.toggle('active', on);
      if (on) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
    note.textContent = session.phase ? `iteration ${session.phase.iteration}${running ? '' : ` (${session.state})`}` : '';
    root.dataset.phase = name || '';
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };
  let subs = [];
  return {
    el: root,
    mount() {
      if (!root.isConnected) container.append(root);
      subs = ['phase', 'state'].map((e) => session.on(e, schedule));
      render();
    },
    unmount() {
      subs.forEach((off) => off());
      subs = [];
    },
    dispose() {
      this.unmount();
      root.remove();
    },
  };
}
