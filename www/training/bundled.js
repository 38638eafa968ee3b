// The bundled trained agent (www/agents/cartpole-v1.json, made by the CLI: see
// www/agents/README.md): one click loads it as the session's current agent.
//
//   const b = createBundled(container, session, wasm); b.mount();
//   await loadBundledAgent(session);   // the same, without the button
import { h } from '../ui/dom.js';
import { button, setUnavailable } from '../ui/controls.js';

export const BUNDLED_URL = new URL('../agents/cartpole-v1.json', import.meta.url);

/** Fetches the bundled agent and makes it the session's agent; `{ ok, error }`. */
export async function loadBundledAgent(session, url = BUNDLED_URL) {
  let text;
  try {
    const res = await fetch(url);
    if (!res.ok) return { ok: false, error: `could not load the bundled agent (HTTP ${res.status})` };
    text = await res.text();
  } catch (e) {
    return { ok: false, error: `could not load the bundled agent: ${e?.message || e}` };
  }
  return session.loadAgent(text, 'bundled');
}

export function createBundled(container, session) {
  const out = h('span', { class: 'field-msg', role: 'status' });
  const btn = button('Load the trained agent (PPO.load)', async () => {
    btn.disabled = true;
    const r = await loadBundledAgent(session);
    btn.disabled = false;
    out.textContent = r.ok ? 'Loaded: trained with the CLI, seed 0, 100k steps.' : r.error;
    out.classList.toggle('error', !r.ok);
  });
  btn.dataset.action = 'load-bundled';
  const root = h('div', { class: 'training-bundled' }, btn, out);
  return {
    el: root,
    mount() {
      if (!root.isConnected) container.append(root);
    },
    unmount() {},
    dispose() {
      root.remove();
    },
  };
}

/** Download / import buttons for the session's agent (file input, CSP-safe download). */
export function createAgentFiles(container, session) {
  const out = h('span', { class: 'field-msg', role: 'status' });
  const dl = button('Download agent', () => {
    const r = session.download();
    out.textContent = r.ok ? `Saved a ${(r.bytes / 1024).toFixed(0)} KB agent file.` : r.error;
    out.classList.toggle('error', !r.ok);
  });
  dl.dataset.action = 'download';
  const input = h('input', { type: 'file', accept: '.json,application/json', class: 'visually-hidden', id: `agent-file-${Math.random().toString(36).slice(2)}` });
  const label = h('label', { for: input.id, class: 'btn' }, 'Import agent…');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    const r = await session.importFile(file);
    out.textContent = r.ok ? `Imported: a ${r.env || 'CartPole'} agent, now playing.` : r.error;
    out.classList.toggle('error', !r.ok);
    root.dataset.importResult = r.ok ? 'ok' : 'error';
  });
  const root = h('div', { class: 'training-files' }, dl, input, label, out);
  // Download needs an agent; once there is one, a "no agent" message has no cause left.
  const showAvailability = () => {
    setUnavailable(dl, session.agentJson ? '' : 'No agent yet: train one, or load the trained agent first.');
    if (session.agentJson && out.classList.contains('error')) {
      out.textContent = '';
      out.classList.remove('error');
    }
  };
  let off = null;
  return {
    el: root,
    input,
    mount() {
      if (!root.isConnected) container.append(root);
      off = session.on('agent', showAvailability);
      showAvailability();
    },
    unmount() {
      off?.();
      off = null;
    },
    dispose() {
      root.remove();
    },
  };
}
