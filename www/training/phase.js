// PPO's loop as pseudocode, with the phase running right now highlighted (from the worker's
// `phase` messages: rollout chunks, the advantages, each update epoch — the real slices).
// The phases and their lines are the core's (`Trainer.phases()`, `Trainer.phase_pseudocode()`).
//
//   const p = createPhaseView(container, session); p.mount();
import { h } from '../ui/dom.js';

export function createPhaseView(container, session) {
  const { Trainer } = session.wasm;
  const lines = Trainer.phase_pseudocode();
  const items = Trainer.phases().map((name, i) => h('li', { 'data-phase': name }, h('code', {}, lines[i])));
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
