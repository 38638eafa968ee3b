// The live training pieces of the slides (training, ppo, trained-agent, tensorboard): every
// slide shares ONE TrainingSession (the worker keeps training while the presenter moves on)
// and mounts its components only while it is the current slide (no rAF or timers elsewhere).
//
// window.__rlLiveTraining = { session, components: { <slide>: { <name>: component } } } is for
// devtools and the browser tests (tests/training.rs), like window.__rlLiveDeck.
import { h } from '../ui/dom.js';
import { TrainingSession } from '../training/session.js';
import * as format from '../training/format.js';

/** The page's training session (created on first use) and the test/devtools hook. */
export function sharedSession(wasm) {
  const session = TrainingSession.shared(wasm);
  if (!window.__rlLiveTraining) window.__rlLiveTraining = { session, components: {}, format, SB3_KEYS: session.keys };
  return session;
}

let printed = null;

/**
 * For the printed handout: a fresh browser has no curves, so the training slides would print
 * empty charts. Then the talk's own default run (deck preset, seed 0) is trained here, flat out
 * and without saving anything; resolves when it is done (or at once when curves exist).
 */
export function printRun(session) {
  if (session.history.rows.length) return Promise.resolve();
  printed ??= new Promise((resolve) => {
    session.persist = false;
    session.setSpeed('fast');
    const off = session.on('state', (st) => {
      if (st === 'done' || st === 'error' || st === 'idle') {
        off();
        resolve();
      }
    });
    if (!session.start().ok) {
      off();
      resolve();
    }
  });
  return printed;
}

/**
 * A slide's set of components: `add(name, component)` while rendering, then `mount()` /
 * `unmount()` from the slide's own mount/unmount.
 */
export function liveSet(slideId) {
  const parts = {};
  let mounted = false;
  const hook = () => {
    if (window.__rlLiveTraining) window.__rlLiveTraining.components[slideId] = parts;
  };
  return {
    parts,
    add(name, component) {
      parts[name] = component;
      hook();
      return component;
    },
    mount() {
      hook();
      if (mounted) return;
      mounted = true;
      for (const c of Object.values(parts)) c.mount();
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      for (const c of Object.values(parts)) c.unmount();
    },
  };
}

let uid = 0;

/**
 * Tabs inside a slide: [[key, label, panel], …] → { bar, panels, show(key), current }. The panels
 * keep their DOM (hidden, not removed); `onShow(key)` runs after a switch. A tab whose panel is
 * a string is the id of an element the caller shows itself in `onShow` (several tabs may share it).
 */
export function tabs(label, items, { onShow } = {}) {
  const id = `live-tabs-${++uid}`;
  let current = items[0][0];
  const buttons = items.map(([key, text, panel]) =>
    h('button', { type: 'button', role: 'tab', class: 'btn live-tab', id: `${id}-${key}-tab`, 'aria-controls': typeof panel === 'string' ? panel : `${id}-${key}`, 'data-tab': key, onclick: () => show(key) }, text));
  const panels = items.map(([key, , panel]) =>
    typeof panel === 'string' ? null : h('div', { role: 'tabpanel', class: `live-panel live-panel-${key}`, id: `${id}-${key}`, 'aria-labelledby': `${id}-${key}-tab`, 'data-panel': key }, panel));
  const bar = h('div', { class: 'live-tabs', role: 'tablist', 'aria-label': label }, buttons);
  function show(key) {
    current = key;
    items.forEach(([k], i) => {
      const on = k === key;
      buttons[i].setAttribute('aria-selected', String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      if (panels[i]) panels[i].hidden = !on;
    });
    onShow?.(key);
  }
  bar.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    // Arrows move between tabs (the deck ignores keys already handled).
    const i = items.findIndex(([k]) => k === current);
    const j = (i + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length;
    show(items[j][0]);
    buttons[j].focus();
    e.preventDefault();
  });
  show(current);
  return {
    bar,
    panels: h('div', { class: 'live-panels' }, panels),
    show,
    get current() {
      return current;
    },
  };
}
