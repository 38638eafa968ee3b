// The speaker-notes window: follows the deck over BroadcastChannel('rl-live-deck').
// Shows the current slide's title, position and notes, pictures of the current and the next
// slide (the deck itself in small, inert iframes: index.html?embed=1&preview=1), a clock and
// the time elapsed; its buttons and arrow keys drive the deck. The notes text has a size
// control (A− / A+, - / +, remembered) and shrinks further by itself when a slide's notes
// would not fit. All text goes in as textContent.
import { notesParagraphs } from './notes-text.js';
import { CHANNEL } from './controllers/notes-channel.js';

const $ = (id) => document.getElementById(id);
const PREVIEW_URL = new URL('../../index.html?embed=1&preview=1', import.meta.url).href;
const FONT_KEY = 'rl-live.notes.font';
const FONT_MIN = 12;
const FONT_MAX = 40;
const FIT_MIN = 13; // auto-fit never goes below this; past it the notes scroll

let fontPx = 20;
try {
  fontPx = Math.min(FONT_MAX, Math.max(FONT_MIN, Number(localStorage.getItem(FONT_KEY)) || 20));
} catch {
  /* no storage: the default size */
}

/** The chosen size, shrunk (not below FIT_MIN) until the notes fit their box. */
function fitNotes() {
  const box = $('notes');
  let px = fontPx;
  box.style.fontSize = `${px}px`;
  while (px > FIT_MIN && box.scrollHeight > box.clientHeight + 1) {
    px -= 1;
    box.style.fontSize = `${px}px`;
  }
  box.dataset.fontPx = String(px);
  $('font-size').textContent = px === fontPx ? `${fontPx} px` : `${px} px (fit; ${fontPx} chosen)`;
}

function setFont(px) {
  fontPx = Math.min(FONT_MAX, Math.max(FONT_MIN, px));
  try {
    localStorage.setItem(FONT_KEY, String(fontPx));
  } catch {
    /* not remembered */
  }
  fitNotes();
}
$('font-down').addEventListener('click', () => setFont(fontPx - 2));
$('font-up').addEventListener('click', () => setFont(fontPx + 2));
new ResizeObserver(() => fitNotes()).observe($('notes'));

/** Shows slide `id` in a preview iframe (a hash change after the first load: no reload). */
function preview(frame, id) {
  const figure = frame.closest('figure');
  figure.hidden = !id;
  if (!id) return;
  const url = `${PREVIEW_URL}#/${encodeURIComponent(id)}`;
  if (frame.dataset.slide === id) return;
  frame.dataset.slide = id;
  if (frame.src && frame.src.split('#')[0] === PREVIEW_URL) {
    try {
      frame.contentWindow.location.hash = `#/${encodeURIComponent(id)}`;
      return;
    } catch {
      /* not loaded yet: set the src */
    }
  }
  frame.src = url;
}

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
  const paragraphs = notesParagraphs(state.notes);
  notes.replaceChildren(
    ...(paragraphs.length
      ? paragraphs
      : [Object.assign(document.createElement('p'), { textContent: 'No notes for this slide.', className: 'muted' })]),
  );
  notes.scrollTop = 0;
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
  preview($('preview-now'), state.id);
  preview($('preview-next'), state.next?.id);
  fitNotes();
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
    else if (e.key === '+' || e.key === '=') setFont(fontPx + 2);
    else if (e.key === '-') setFont(fontPx - 2);
    else if (e.key.length === 1 && actions.some((a) => a.key === e.key.toLowerCase())) {
      channel.postMessage({ type: 'action', name: actions.find((a) => a.key === e.key.toLowerCase()).name });
    } else return;
    e.preventDefault();
  });
  channel.postMessage({ type: 'hello' });
}
