// rl-live in a reveal.js presentation: a reveal.js plugin, a plain ES module (no build step).
//
//   import RlLive from './rl-live/www/integrations/reveal.js';
//   Reveal.initialize({ plugins: [RlLive] });
//
// Embed slides as usual, in a slide or as its background:
//
//   <section><iframe data-src="https://…/index.html?embed=1#/training"></iframe></section>
//   <section data-background-iframe="https://…/index.html?embed=1#/cartpole"
//            data-background-interactive></section>
//
// What it does, for every iframe whose address has `embed=1` (docs/embedding.md):
// - the clicker keys pressed inside an embedded slide move this presentation (the embed sends
//   them in reveal's own postMessage API, so this works without the plugin too; the plugin
//   handles rl-live:key itself only when reveal's `postMessage` option is off);
// - leaving a slide pauses the training of its embedded demos, and coming back resumes what
//   was paused by leaving (never a run the presenter paused);
// - a fragment with `data-rl-live-action="train"` (or pause, reset, load-trained, evaluate,
//   speed, run) runs that action on the demos of its slide when it is shown;
// - it keeps those iframes loaded when their slide is left (reveal unloads lazy iframes and
//   background iframes on leave, which would throw the run away).
// A background iframe still unloads when the presenter goes further than reveal's
// `viewDistance` from it (it loads again on return): keep long runs in an <iframe> inside
// the slide.

const ACTIONS = ['train', 'pause', 'reset', 'load-trained', 'evaluate', 'speed', 'run'];
const LIVE = new Set(['running', 'starting']);

/** reveal.js's own keyboard moves, for hosts with reveal's postMessage API off. */
const MOVES = {
  ArrowRight: (r) => r.right(),
  ArrowLeft: (r) => r.left(),
  ArrowUp: (r) => r.up(),
  ArrowDown: (r) => r.down(),
  PageDown: (r) => r.next(),
  PageUp: (r) => r.prev(),
  Home: (r) => r.slide(0),
  End: (r) => r.slide(Number.MAX_VALUE),
};

function isRlLive(iframe) {
  const src = iframe.getAttribute('src') || iframe.getAttribute('data-src') || iframe.dataset.rlLiveSrc || '';
  return /[?&]embed=(1|true)\b/.test(src);
}

function originOf(iframe) {
  try {
    return new URL(iframe.getAttribute('src') || iframe.getAttribute('data-src') || iframe.dataset.rlLiveSrc, location.href).origin;
  } catch {
    return null;
  }
}

/** The rl-live iframes of a slide: inside it and in its background. */
function framesOf(reveal, slide) {
  if (!slide) return [];
  const background = reveal.getSlideBackground(slide);
  return [...slide.querySelectorAll('iframe'), ...(background ? background.querySelectorAll('iframe') : [])].filter(isRlLive);
}

function post(iframe, msg) {
  const origin = originOf(iframe);
  if (iframe.contentWindow && origin && origin !== 'null') iframe.contentWindow.postMessage(msg, origin);
}

export default () => {
  const state = new WeakMap(); // iframe window → the last training state it reported
  const pausedByLeaving = new WeakSet(); // iframe elements this plugin paused

  return {
    id: 'rl-live',
    init(reveal) {
      // Loaded lazily the first time, then kept: reveal unloads the frames that still carry
      // data-src when their slide is left, and those marked data-lazy-loaded (and any
      // background frame) when they fall out of its view distance. A background frame that
      // was unloaded all the same is loaded again when its slide comes back.
      const keep = (current) => {
        for (const slide of reveal.getSlides()) {
          for (const iframe of framesOf(reveal, slide)) {
            const src = iframe.getAttribute('src');
            iframe.dataset.rlLiveSrc ||= src || iframe.getAttribute('data-src');
            iframe.removeAttribute('data-lazy-loaded');
            if (src && src === iframe.getAttribute('data-src')) iframe.removeAttribute('data-src');
            if (!src && !iframe.hasAttribute('data-src') && slide === current) iframe.setAttribute('src', iframe.dataset.rlLiveSrc);
          }
        }
      };

      window.addEventListener('message', (e) => {
        const m = e.data;
        if (!m || typeof m !== 'object' || typeof m.type !== 'string' || !m.type.startsWith('rl-live:')) return;
        if (m.type === 'rl-live:progress' || m.type === 'rl-live:state') {
          const s = m.type === 'rl-live:state' ? m.training?.state : m.state;
          if (typeof s === 'string' && e.source) state.set(e.source, s);
        } else if (m.type === 'rl-live:key' && !reveal.getConfig().postMessage) {
          MOVES[m.key === ' ' ? (m.shiftKey ? 'PageUp' : 'PageDown') : m.key]?.(reveal);
        }
      });

      reveal.on('ready', (e) => keep(e.currentSlide));
      reveal.on('slidechanged', (e) => {
        keep(e.currentSlide);
        for (const iframe of framesOf(reveal, e.previousSlide)) {
          if (LIVE.has(state.get(iframe.contentWindow))) {
            post(iframe, { type: 'rl-live:demo', action: 'pause' });
            pausedByLeaving.add(iframe);
          }
        }
        for (const iframe of framesOf(reveal, e.currentSlide)) {
          if (pausedByLeaving.delete(iframe)) post(iframe, { type: 'rl-live:demo', action: 'train' });
        }
      });
      reveal.on('fragmentshown', (e) => {
        for (const fragment of e.fragments || [e.fragment]) {
          const action = fragment?.getAttribute?.('data-rl-live-action');
          if (!action) continue;
          if (!ACTIONS.includes(action)) {
            console.warn(`rl-live: data-rl-live-action="${action}" is not one of ${ACTIONS.join(', ')}`);
            continue;
          }
          for (const iframe of framesOf(reveal, reveal.getCurrentSlide())) post(iframe, { type: 'rl-live:demo', action });
        }
      });
    },
  };
};
