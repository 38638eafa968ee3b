// The speaker view's live demo: the main window's training run, mirrored (www/present/mirror.js
// sends it over BroadcastChannel('rl-live-training')). Display only: the one worker lives in
// the main window. Its buttons send deck-wide actions back over the deck's channel.
import { createCartPoleView } from '../ui/cartpole-view.js';
import { SPEEDS } from '../training/session.js';
import { CHANNEL as DECK_CHANNEL } from '../deck/controllers/notes-channel.js';

const TRAINING_CHANNEL = 'rl-live-training';

const slot = document.getElementById('demo-slot');
const el = (tag, attrs = {}, text = '') => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text) n.textContent = text;
  return n;
};

if (slot && typeof BroadcastChannel === 'function') {
  const state = el('p', { class: 'nd-state', 'data-testid': 'notes-train-state' }, 'No training yet');
  const speedOut = el('p', { class: 'nd-state nd-speed', 'data-testid': 'notes-speed' }, '');
  const steps = el('output', { class: 'nd-value', 'data-testid': 'notes-steps' }, '0');
  const rew = el('output', { class: 'nd-value', 'data-testid': 'notes-ep-rew' }, '—');
  const canvas = el('canvas', { class: 'nd-curve', 'data-testid': 'notes-curve', width: '360', height: '160', role: 'img', 'aria-label': 'rollout/ep_rew_mean so far' });
  const table = el('dl', { class: 'nd-table' });
  table.append(el('dt', {}, 'time/total_timesteps'), el('dd', {}, ''), el('dt', {}, 'rollout/ep_rew_mean'), el('dd', {}, ''));
  table.children[1].append(steps);
  table.children[3].append(rew);
  const deck = new BroadcastChannel(DECK_CHANNEL);
  const buttons = el('div', { class: 'nd-buttons' });
  for (const [name, label, key] of [['train', 'Train / pause', 't'], ['speed', 'Speed', 'x'], ['reset', 'Reset', 'r'], ['load-trained', 'Load trained', 'l']]) {
    const b = el('button', { type: 'button', class: 'notes-btn', 'data-action': name, title: `${label} (${key}) — in the main window` }, label);
    b.addEventListener('click', () => deck.postMessage({ type: 'action', name }));
    buttons.append(b);
  }
  // The agent's current episode, when one plays on the trained-agent slide.
  const cart = el('canvas', { class: 'nd-cartpole', 'data-testid': 'notes-cartpole', role: 'img', 'aria-label': 'the agent playing in the main window' });
  const cartScore = el('p', { class: 'nd-state', 'data-testid': 'notes-episode' }, '');
  cart.hidden = true;
  slot.append(el('h2', {}, 'Live demo (main window)'), state, speedOut, table, canvas, cart, cartScore, buttons);
  const cartView = createCartPoleView(cart);

  let points = [];
  let dirty = false;
  window.__rlLiveNotesLog = []; // [Date.now(), steps] each time the shown step count changes (tests)

  function draw() {
    dirty = false;
    const ctx = canvas.getContext('2d');
    const w = canvas.width;
    const hgt = canvas.height;
    ctx.clearRect(0, 0, w, hgt);
    ctx.strokeStyle = '#2e4068';
    ctx.strokeRect(0.5, 0.5, w - 1, hgt - 1);
    if (points.length < 2) return;
    const x0 = points[0][0];
    const x1 = points[points.length - 1][0] || 1;
    const yMax = Math.max(500, ...points.map((p) => p[1]));
    ctx.strokeStyle = '#fca311';
    ctx.lineWidth = 2;
    ctx.beginPath();
    points.forEach(([x, y], i) => {
      const px = 4 + ((x - x0) / Math.max(1, x1 - x0)) * (w - 8);
      const py = hgt - 4 - (y / yMax) * (hgt - 8);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.stroke();
  }

  const channel = new BroadcastChannel(TRAINING_CHANNEL);
  channel.onmessage = (e) => {
    const m = e.data;
    if (m && m.type === 'episode') {
      // No agent on the trained-agent slide: nothing plays, and the panel says nothing of it.
      const playing = Array.isArray(m.state);
      cart.hidden = !playing;
      if (playing) cartView.draw(m.state, { action: m.action });
      cartScore.textContent = playing ? `Agent playing · score ${Number(m.score) || 0}` : '';
      return;
    }
    if (!m || m.type !== 'training') return;
    const label = { idle: 'Idle', starting: 'Starting…', running: 'Training', paused: 'Paused', done: 'Done', error: 'Stopped' }[m.state] || m.state;
    const speed = SPEEDS.find((sp) => sp.mode === m.speed)?.label || m.speed;
    state.textContent = `${label}${m.total ? ` · ${m.steps.toLocaleString('en')} / ${m.total.toLocaleString('en')} steps` : ''}`;
    speedOut.textContent = `Speed: ${speed} (x)`;
    speedOut.dataset.speed = m.speed;
    state.dataset.state = m.state;
    const shown = String(m.steps);
    if (steps.textContent !== shown) {
      steps.textContent = shown;
      window.__rlLiveNotesLog.push([Date.now(), m.steps]);
    }
    rew.textContent = m.ep_rew_mean == null ? '—' : m.ep_rew_mean.toPrecision(3);
    if (m.points) points = m.points;
    else if (m.add) points.push(...m.add);
    if (points.length > 4000) points = points.filter((_, i) => i % 2 === 0);
    if (!dirty) {
      dirty = true;
      requestAnimationFrame(draw);
      setTimeout(() => dirty && draw(), 250); // a hidden window gets no frames
    }
  };
  channel.postMessage({ type: 'hello' });
}
