// The speaker-notes window: follows the deck over BroadcastChannel('rl-live-deck').
// Shows the current slide's title, position and notes, the next slide's title, a clock and the
// time elapsed; its buttons and arrow keys drive the deck. All text goes in as textContent.
const CHANNEL = 'rl-live-deck';
const $ = (id) => document.getElementById(id);

const started = { at: Date.now() };
let actions = []; // the deck's deck-wide actions: their keys work here too
function tick() {
  const s = Math.floor((Date.now() - started.at) / 1000);
  $('elapsed').textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  $('clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
setInterval(tick, 1000);
tick();
$('elapsed').addEventListener('click', () => {
  started.at = Date.now();
  tick();
});

function render(state) {
  document.title = `Notes: ${state.title} — rl-live`;
  $('pos').textContent = `Slide ${state.index + 1} / ${state.total}`;
  $('title').textContent = state.title;
  const notes = $('notes');
  const paragraphs = String(state.notes || '').split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean);
  notes.replaceChildren(
    ...(paragraphs.length
      ? paragraphs.map((t) => Object.assign(document.createElement('p'), { textContent: t }))
      : [Object.assign(document.createElement('p'), { textContent: 'No notes for this slide.', className: 'muted' })]),
  );
  const keys = $('keys');
  keys.replaceChildren();
  if (state.keys && state.keys.length) {
    keys.append('Keys: ');
    for (const k of state.keys) {
      const kbd = document.createElement('kbd');
      kbd.textContent = k.key;
      keys.append(kbd, ` ${k.label}  `);
    }
  }
  actions = state.actions || [];
  $('next').textContent = state.next ? state.next.title : '(the end)';
  $('prev').disabled = state.index === 0;
  $('next-btn').disabled = !state.next;
}

if (typeof BroadcastChannel !== 'function') {
  $('title').textContent = 'This browser has no BroadcastChannel: the notes cannot follow the deck.';
} else {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e) => {
    if (e.data && e.data.type === 'state') render(e.data);
  };
  const go = (to) => channel.postMessage({ type: 'go', to });
  $('prev').addEventListener('click', () => go('prev'));
  $('next-btn').addEventListener('click', () => go('next'));
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(e.key)) go(e.shiftKey && e.key === ' ' ? 'prev' : 'next');
    else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key)) go('prev');
    else if (e.key.length === 1 && actions.some((a) => a.key === e.key.toLowerCase())) {
      channel.postMessage({ type: 'action', name: actions.find((a) => a.key === e.key.toLowerCase()).name });
    } else return;
    e.preventDefault();
  });
  channel.postMessage({ type: 'hello' });
}
