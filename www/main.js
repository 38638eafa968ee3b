// rl-live boot: collect errors first, then load the wasm core and the slides, then start the deck.
//
// No static imports on purpose: a module's imports run before its body, and a missing
// www/pkg/ (or a broken slide module) must still leave a visible message and a record in
// window.__rlLiveErrors.

// 1. Every error, unhandled rejection and CSP violation goes into a page-side list that people
//    (devtools) and WebDriver tests (which cannot read the console) can read.
const errors = (window.__rlLiveErrors = window.__rlLiveErrors || []);
const describe = (value) =>
  value instanceof Error ? `${value.name}: ${value.message}` : String(value);

window.addEventListener(
  'error',
  (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      // A resource (script, stylesheet, image) failed to load; these do not bubble.
      errors.push({ kind: 'resource', message: `failed to load ${target.src || target.href}` });
    } else {
      const message = event.error ? describe(event.error) : String(event.message);
      errors.push({
        kind: 'error',
        message,
        source: event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined,
      });
      tellUser(message);
    }
  },
  true,
);
window.addEventListener('unhandledrejection', (event) => {
  errors.push({ kind: 'unhandledrejection', message: describe(event.reason) });
  tellUser(describe(event.reason));
});

/** An error nothing else handled (a bug: a Rust panic, a broken demo) gets a toast, not silence. */
function tellUser(message) {
  const deck = window.__rlLiveDeck;
  if (!deck || typeof deck.notify !== 'function') return; // before the deck: showLoadError covers boot
  const short = message.replace(/\s+/g, ' ').slice(0, 160);
  deck.notify(`Something went wrong: ${short}. The talk keeps working; reload the page if a demo misbehaves.`, { timeout: 10000 });
}
document.addEventListener('securitypolicyviolation', (event) => {
  errors.push({
    kind: 'csp',
    message: `CSP ${event.effectiveDirective || event.violatedDirective} blocked ${event.blockedURI || 'inline content'}`,
    source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : undefined,
  });
});

function showLoadError(text) {
  const box = document.getElementById('load-error');
  if (box) {
    box.textContent = text;
    box.hidden = false;
  }
  const loading = document.querySelector('.deck-loading');
  if (loading) loading.remove();
}

// 2. Load the wasm core (the generated glue finds rl_live_bg.wasm next to itself) and, at the
//    same time, the deck and the slides: neither waits for the other's downloads.
async function loadWasm() {
  const wasm = await import('./pkg/rl_live.js');
  await wasm.default();
  return wasm;
}

/** The slide id the URL opens on (`#/<id>`), if any: its module is loaded first. */
function openingSlideId() {
  try {
    const m = /^#\/([^?#/]*)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  } catch {
    return null; // a malformed escape: the deck lands on the first slide and says so
  }
}

async function boot() {
  const wasmReady = loadWasm();
  const deckReady = Promise.all([
    import('./slides/index.js'),
    import('./deck/deck.js'),
    import('./present/actions.js'),
    import('./present/embed.js'),
    import('./ui/scroll-regions.js'),
  ]).then(async ([{ loadSlides, allLoaded }, { Deck }, actions, embed, scrollRegions]) => ({
    scrollRegions,
    slides: await loadSlides(openingSlideId()),
    allLoaded,
    Deck,
    actions,
    embed,
  }));
  let wasm;
  try {
    wasm = await wasmReady;
  } catch (err) {
    errors.push({ kind: 'wasm', message: `WebAssembly failed to load: ${describe(err)}` });
    showLoadError(
      `The WebAssembly core failed to load (${describe(err)}). ` +
        'If you are running from a checkout, build it with "cargo xtask build" ' +
        '(or just run "cargo xtask serve") and reload.',
    );
    return;
  }

  // 3. The slides (a broken slide module becomes a placeholder slide, see slides/index.js)
  //    and the deck.
  //    Deck-wide demo keys (t r x l e) act on the shared training session (present/actions.js).
  const { slides, allLoaded, Deck, actions, embed, scrollRegions } = await deckReady;
  const ctx = { wasm, deck: null };
  const opts = embed.parseOptions();
  // An embedded slide in a frame hands the clicker's keys to the host page (its deck moves),
  // through the postMessage API set up below.
  let messages = null;
  const inFrame = window.parent !== window;
  const deck = new Deck(document.getElementById('deck'), slides, ctx, {
    // An embedded slide letterboxes into its iframe, unless the iframe is too small for
    // readable text (then the compact column); print and previews always keep the stage.
    ...(opts.embed ? { reflowQuery: embed.COMPACT_QUERY } : {}),
    ...(opts.print || opts.preview ? { reflowQuery: 'not all' } : {}),
    // A preview (the speaker view's picture of a slide) must not answer the notes channel.
    ...(opts.preview ? { channel: false } : {}),
    ...(opts.embed && inFrame ? { hostNavigation: (key, e) => messages?.forwardKey(key, e.shiftKey) } : {}),
    actions: actions.DEMO_ACTIONS,
    onAction: (name) => actions.runAction(name, { wasm, notify: (t) => deck.notify(t) }),
  });
  ctx.deck = deck;
  window.__rlLiveDeck = deck; // for devtools and the browser tests
  // A table or code block that scrolls in its own box (phones) joins the Tab order.
  const regions = () => requestAnimationFrame(() => scrollRegions.keepScrollRegionsFocusable(document.querySelector('.slide.is-current')));
  deck.root.addEventListener('deck:change', regions);
  window.addEventListener('resize', regions);
  deck.start();

  // 3b. Present modes: the print handout, or embed mode + the postMessage API + the speaker
  //     view's live mirror (present/*.js; the deck engine knows nothing of them).
  if (opts.print) {
    // Laid out in the background (every slide, with its demo, first; a fresh browser trains
    // the talk's run): html[data-print-ready] says when the handout is done. A failure is an
    // unhandled rejection, recorded above.
    const { setupPrint } = await import('./present/print.js');
    allLoaded(slides).then(() => setupPrint(deck, { notes: opts.notes }));
  } else if (opts.preview) {
    document.documentElement.classList.add('deck-embed', 'deck-preview');
    document.body.inert = true;
  } else {
    messages = embed.setupMessages(deck, { wasm, origins: opts.origins, restricted: opts.restricted, dropped: opts.dropped, embed: opts.embed });
    if (opts.embed) embed.setupEmbed(deck, { wasm, autoplay: opts.autoplay });
    else {
      const { setupMirror } = await import('./present/mirror.js');
      window.__rlLiveMirror = setupMirror(wasm);
    }
  }

  // 4. First paint: rAF runs just before the frame is painted; a task queued from it runs after.
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('rl-live-first-slide');
      document.body.dataset.ready = '1';
      // 5. Offline (a dist build only, see offline/register.js). A browser that refuses a
      //    service worker (a sandboxed frame, blocked storage) still shows the talk: a warning.
      window.__rlLiveOffline = import('./offline/register.js')
        .then((m) => m.setupOffline())
        .catch((err) => {
          console.warn('rl-live: offline mode is not available here:', describe(err));
          return { state: 'failed', error: describe(err) };
        });
    }, 0),
  );
}

boot().catch((err) => {
  errors.push({ kind: 'boot', message: describe(err) });
  showLoadError(`Something went wrong while starting the talk: ${describe(err)}`);
});
