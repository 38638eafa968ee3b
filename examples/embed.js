// The host side of the embed example (examples/embed.html): buttons post rl-live messages to the
// first iframe; every rl-live event from any iframe is logged (and kept in window.__events for
// the browser tests, tests/present.rs).
const events = (window.__events = []);
const log = document.getElementById('log');
const frame = document.getElementById('demo-training');

window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.type !== 'string' || !m.type.startsWith('rl-live:')) return;
  const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
  events.push({ frame: from ? from.id : null, origin: e.origin, at: Date.now(), ...m });
  if (m.type === 'rl-live:progress' && events.filter((x) => x.type === 'rl-live:progress').length % 10 !== 1) return;
  const line = `${from ? from.id : '?'} ← ${JSON.stringify(m)}\n`;
  log.textContent = (line + log.textContent).slice(0, 4000);
});

for (const b of document.querySelectorAll('button[data-msg]')) {
  b.addEventListener('click', () => frame.contentWindow.postMessage(JSON.parse(b.dataset.msg), location.origin));
}
