// The page's one training session: every slide, the deck-wide demo keys (present/actions.js),
// the postMessage API (present/embed.js) and the speaker view's mirror (present/mirror.js) act
// on the same TrainingSession, so the worker keeps training while the presenter moves on.
//
// window.__rlLiveTraining = { session, components: { <slide>: { <name>: component } }, format,
// SB3_KEYS } is for devtools and the browser tests (tests/training.rs), like window.__rlLiveDeck.
import { TrainingSession } from './session.js';
import * as format from './format.js';

/** The page's training session (created on first use) and the test/devtools hook. */
export function sharedSession(wasm) {
  const session = TrainingSession.shared(wasm);
  if (!window.__rlLiveTraining) window.__rlLiveTraining = { session, components: {}, format, SB3_KEYS: session.keys };
  return session;
}
