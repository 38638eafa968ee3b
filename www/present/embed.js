// Embed mode and the postMessage API for host pages (see README, "Embedding").
//
//   index.html?embed=1#/<slide-id>    one slide, no deck chrome, fills its iframe
//   &autoplay=1                        starts the slide's demo (training: Train)
//   &origin=https://a.example,https://b.example   only these origins may drive it
//   &preview=1                         a picture of the slide (the speaker view's previews):
//                                      inert, the full stage scaled, no channel, no messages
//
// In:  { type: 'rl-live:goto', slide }   (an id, or a 0-based index)
//      { type: 'rl-live:next' } · { type: 'rl-live:prev' }
//      { type: 'rl-live:demo', action: 'train'|'pause'|'reset'|'load-trained'|'evaluate' }
//      { type: 'rl-live:get-state' }
// Out (to the parent window): { type: 'rl-live:slide', id, index } after every slide change,
//      { type: 'rl-live:progress', steps, ep_rew_mean } while training (≤ 10 a second),
//      { type: 'rl-live:state', … } in answer to get-state, { type: 'rl-live:ready', id, index },
//      and in embed mode { type: 'rl-live:key', key, shiftKey } for each clicker key the slide
//      does not use (arrows, PageUp/PageDown, Space, Home/End), sent together with the same
//      move in reveal.js's postMessage API ('{"method":"next","args":[]}'): a reveal.js host
//      moves with no code, any other host listens for rl-live:key. The embedded deck itself
//      never moves on a key.
// Anything else, or a message from an origin outside the allow-list, is ignored with a
// console warning: never thrown.
import { sharedSession } from '../training/shared-session.js';
import { runAction, runSlide } from './actions.js';

/**
 * Embeds smaller than this (the 1280×720 stage scaled below 0.75, where 16 px text drops under
 * 12 px) get the compact layout: the slide as a readable, scrolling column, like on a phone.
 */
export const COMPACT_QUERY = '(max-width: 959px), (max-height: 539px)';

const PROGRESS_EVERY_MS = 100;
const NAV_MIN_MS = 50; // a burst of navigation messages moves the deck at most this often

const MAX_ORIGINS = 16;

/** "https://a.example" (or with a trailing slash) → its origin; anything else → null. */
function originOf(text) {
  try {
    const u = new URL(text);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === text.replace(/\/$/, '') ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The page's URL options. `origins`: the valid origins of ?origin= (at most 16, no duplicates);
 * `restricted`: ?origin= named something — even if nothing valid, in which case no page may
 * drive the deck (a typo never opens it to every page); `dropped`: how many entries were not
 * origins (or over the limit).
 */
export function parseOptions(search = location.search) {
  const q = new URLSearchParams(search);
  const on = (k) => q.has(k) && q.get(k) !== '0' && q.get(k) !== 'false';
  const entries = (q.get('origin') || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const origins = [];
  let dropped = 0;
  for (const entry of entries) {
    const o = originOf(entry);
    if (o && origins.includes(o)) continue;
    if (o && origins.length < MAX_ORIGINS) origins.push(o);
    else dropped += 1;
  }
  return { embed: on('embed'), preview: on('embed') && on('preview'), autoplay: on('autoplay'), print: on('print'), notes: on('notes'), origins, restricted: entries.length > 0, dropped };
}

/**
 * `fn` at most `perSecond` times a second; past that, calls are counted and summed up in one
 * line with the next call after the second is over. A page flooding the deck with messages
 * cannot flood the console (or keep what it sent alive there).
 */
export function rateLimited(fn, perSecond = 20) {
  let since = -Infinity;
  let count = 0;
  let skipped = 0;
  return (...args) => {
    const now = performance.now();
    if (now - since > 1000) {
      if (skipped) fn(`… and ${skipped} more like these in one second, not shown`);
      since = now;
      count = 0;
      skipped = 0;
    }
    if (count++ < perSecond) fn(...args);
    else skipped += 1;
  };
}

/** A short description of anything a message may carry (never the thing itself: it may be huge). */
export function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…" (${value.length} characters)` : `"${value}"`;
  if (typeof value !== 'object') return String(value).slice(0, 40);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  let type = '';
  try {
    type = typeof value.type === 'string' ? ` with type ${describe(value.type)}` : '';
  } catch {
    /* a getter that throws: no type then */
  }
  return `${Object.prototype.toString.call(value).slice(8, -1).toLowerCase()}${type}`;
}

/** A JSON-safe summary of the deck and the training session (rl-live:state). */
export function stateOf(deck, session, embed, index = deck.index) {
  const m = session.metrics || {};
  const slide = deck.slides[index];
  return {
    type: 'rl-live:state',
    id: slide?.id,
    index,
    total: deck.length,
    title: slide?.title || '',
    embed: !!embed,
    training: {
      state: session.state,
      speed: session.speed,
      steps: session.totalTimesteps,
      ep_rew_mean: Number.isFinite(m['rollout/ep_rew_mean']) ? m['rollout/ep_rew_mean'] : null,
      agent: session.agentJson ? session.agentSource : null,
      evaluation: session.lastEvaluation ? { mean: session.lastEvaluation.mean, returns: session.lastEvaluation.returns } : null,
    },
  };
}

/** reveal.js's keyboard, as its postMessage API spells it: [method, ...args] for each key. */
const REVEAL_MOVES = {
  ArrowRight: ['right'],
  ArrowLeft: ['left'],
  ArrowUp: ['up'],
  ArrowDown: ['down'],
  PageDown: ['next'],
  PageUp: ['prev'],
  Home: ['slide', 0],
  End: ['slide', Number.MAX_VALUE],
};

/**
 * The two messages a navigation key becomes in embed mode: rl-live's own event, and the same
 * move in reveal.js's postMessage API (a JSON string; other hosts ignore it).
 */
export function hostKeyMessages(key, shiftKey = false) {
  const k = key === 'Spacebar' ? ' ' : key;
  const move = k === ' ' ? [shiftKey ? 'prev' : 'next'] : REVEAL_MOVES[k];
  if (!move) return [];
  const [method, ...args] = move;
  return [{ type: 'rl-live:key', key: k, shiftKey: !!shiftKey }, JSON.stringify({ method, args })];
}

/** Messages reveal.js posts into every iframe of a slide it shows or leaves: expected, not junk. */
const REVEAL_NOTICES = new Set(['slide:start', 'slide:stop']);

/** Embed mode: no chrome, Esc hands the focus back to the host page. */
export function setupEmbed(deck, { wasm, autoplay }) {
  document.documentElement.classList.add('deck-embed');
  const giveBack = () => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    try {
      window.parent.focus();
    } catch {
      /* a cross-origin parent may refuse: blurring is enough */
    }
  };
  // Capture phase: before the deck (whose Esc opens the overview) and before any slide widget.
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (deck.root.classList.contains('deck-overview-open') || deck.root.classList.contains('deck-help-open')) return;
      e.preventDefault();
      e.stopPropagation();
      giveBack();
    },
    true,
  );
  // Tab past the last control: a sentinel at the end of the page gives the focus back.
  const sentinel = document.createElement('span');
  sentinel.tabIndex = 0;
  sentinel.className = 'visually-hidden';
  sentinel.dataset.testid = 'embed-exit';
  sentinel.setAttribute('aria-label', 'Leave the embedded demo');
  sentinel.addEventListener('focus', giveBack);
  document.body.append(sentinel);
  if (autoplay) runSlide(deck);
  return { giveBack };
}

/** The postMessage API. Returns { dispose }. */
export function setupMessages(deck, { wasm, origins = [], restricted = origins.length > 0, dropped = 0, embed = false } = {}) {
  const session = sharedSession(wasm);
  const host = window.parent !== window ? window.parent : null;
  const warn = rateLimited((...args) => console.warn('rl-live embed:', ...args));
  const allowed = (origin) => !restricted || origins.includes(origin);
  if (dropped) warn(`?origin=: ${dropped} entr${dropped === 1 ? 'y is' : 'ies are'} not an origin like https://example.org (or over ${MAX_ORIGINS}) and ${dropped === 1 ? 'was' : 'were'} left out`);

  function send(msg) {
    if (!host) return;
    for (const o of restricted ? origins : ['*']) {
      try {
        host.postMessage(msg, o);
      } catch (err) {
        warn('could not post to the host page:', err?.message || err);
      }
    }
  }

  // Navigation: a burst of next / prev / goto moves the deck at most every NAV_MIN_MS, straight
  // to where the burst has got to (one pending target, never a queue), so a host page posting
  // thousands of moves does not make the deck mount and unmount thousands of slides. Anything
  // else sees every earlier move: a demo action applies the pending one first, get-state
  // reports it.
  let navTarget = null;
  let navAt = -Infinity;
  let navTimer = 0;
  const here = () => navTarget ?? deck.index;
  function navigate(index) {
    navTarget = index;
    const wait = navAt + NAV_MIN_MS - performance.now();
    if (wait <= 0) flush();
    else navTimer ||= setTimeout(flush, wait);
  }
  function flush() {
    clearTimeout(navTimer);
    navTimer = 0;
    if (navTarget === null) return;
    const target = navTarget;
    navTarget = null;
    navAt = performance.now();
    if (target !== deck.index) deck.go(target);
  }

  function demo(action) {
    if (action === 'train') {
      // An API "train" starts or resumes; it never pauses (that is "pause"). A slide whose
      // `t` toggles its own demo (the race) gives that meaning as `actions.start`.
      const start = deck.current?.actions?.start;
      if (typeof start === 'function') {
        start(deck.ctx);
        return true;
      }
      if (deck.current?.actions?.train) return deck.action('train');
      return runAction('train', { wasm, notify: (t) => deck.notify(t), toggle: false });
    }
    return deck.action(action);
  }

  function onMessage(e) {
    const msg = e.data;
    if (typeof msg === 'string' && REVEAL_NOTICES.has(msg)) return;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string' || !msg.type.startsWith('rl-live:')) {
      warn(`ignored a message that is not an rl-live message: ${describe(msg)}`);
      return;
    }
    if (!allowed(e.origin)) {
      warn(`ignored ${describe(msg.type)} from ${describe(e.origin)}: not in the ?origin= allow-list`);
      return;
    }
    try {
      switch (msg.type) {
        case 'rl-live:goto': {
          const s = msg.slide;
          if (typeof s === 'string' && deck.ids.includes(s)) navigate(deck.ids.indexOf(s));
          else if (Number.isInteger(s) && s >= 0 && s < deck.length) navigate(s);
          else warn(`rl-live:goto needs a slide id or a 0-based index; got ${describe(s)}`);
          break;
        }
        case 'rl-live:next':
          navigate(Math.min(deck.length - 1, here() + 1));
          break;
        case 'rl-live:prev':
          navigate(Math.max(0, here() - 1));
          break;
        case 'rl-live:demo':
          if (!['train', 'pause', 'reset', 'load-trained', 'evaluate', 'speed', 'run'].includes(msg.action)) warn(`unknown rl-live:demo action ${describe(msg.action)}`);
          else {
            flush(); // the action is for the slide the host has moved to
            if (msg.action === 'run') runSlide(deck);
            else demo(msg.action);
          }
          break;
        case 'rl-live:get-state': {
          const reply = stateOf(deck, session, embed, here()); // a pending move counts as made
          const target = e.source && typeof e.source.postMessage === 'function' ? e.source : host;
          target?.postMessage(reply, e.origin && e.origin !== 'null' ? e.origin : '*');
          break;
        }
        default:
          warn(`unknown message type ${describe(msg.type)}`);
      }
    } catch (err) {
      warn(`${describe(msg.type)} failed: ${describe(err?.message || String(err))}`);
    }
  }
  window.addEventListener('message', onMessage);

  const onSlide = (e) => send({ type: 'rl-live:slide', id: e.detail.id, index: e.detail.index });
  deck.root.addEventListener('deck:change', onSlide);

  // Progress: at most every 100 ms while it runs…
  let last = 0;
  const progress = () => {
    const m = session.metrics || {};
    send({ type: 'rl-live:progress', steps: session.totalTimesteps, ep_rew_mean: Number.isFinite(m['rollout/ep_rew_mean']) ? m['rollout/ep_rew_mean'] : null, state: session.state });
  };
  const offProgress = session.on('progress', () => {
    const now = performance.now();
    const live = session.state === 'running' || session.state === 'starting';
    if (live && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    progress();
  });
  // …and one at every change of state (a host learns at once that a run started or paused).
  const offState = session.on('state', () => progress());
  send({ type: 'rl-live:ready', id: deck.current?.id, index: deck.index });
  return {
    /** Hands a navigation key to the host page (the deck's hostNavigation in embed mode). */
    forwardKey(key, shiftKey) {
      for (const m of hostKeyMessages(key, shiftKey)) send(m);
    },
    dispose() {
      clearTimeout(navTimer);
      window.removeEventListener('message', onMessage);
      deck.root.removeEventListener('deck:change', onSlide);
      offProgress();
      offState();
    },
  };
}
