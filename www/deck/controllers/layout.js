// Layout and scale: the stage is a fixed 1280×720 box scaled with a CSS transform to fit the
// window, letterboxed; on narrow screens (the reflow query) the slides reflow into one scrolling
// column instead. A transform (not `zoom`) because layout then happens at exactly 1280×720
// logical pixels in every engine, and getBoundingClientRect/pointer maths stay consistent. A
// transform does not change clientWidth: a canvas wanting extra sharpness on a big screen can
// multiply its backing store by `deck.scale` (listen to `deck:scale`). At a 1280×720 window the
// scale is 1, so nothing is resampled.
import { Listeners } from '../listeners.js';

export const STAGE_WIDTH = 1280;
export const STAGE_HEIGHT = 720;
/** Narrow screens, portrait tablets and landscape phones read better as a scrolling column. */
export const REFLOW_QUERY = '(max-width: 700px), (max-height: 480px), (orientation: portrait) and (max-width: 1024px)';

export class LayoutController {
  constructor(deck, reflowQuery) {
    this.deck = deck;
    this.reflowQuery = reflowQuery; // 'not all': always the scaled 16:9 stage (embeds, print)
    this.listeners = new Listeners();
    this._lastReflow = undefined;
  }

  bind() {
    this._mq = window.matchMedia(this.reflowQuery);
    const layout = () => this.layout();
    this.listeners.on(window, 'resize', layout);
    this.listeners.on(this._mq, 'change', layout);
    this.listeners.on(document, 'fullscreenchange', layout);
    this.layout();
  }

  unbind() {
    this.listeners.off();
  }

  /** Sets deck.scale / deck.reflow, the classes and --deck-scale on <html>; `deck:scale` on change. */
  layout() {
    const deck = this.deck;
    const reflow = this._mq.matches;
    deck.reflow = reflow;
    const html = document.documentElement;
    html.classList.toggle('deck-reflow', reflow);
    html.classList.toggle('deck-scaled', !reflow);
    let scale = 1;
    if (!reflow) {
      const w = html.clientWidth || window.innerWidth;
      const hgt = window.innerHeight;
      scale = Math.max(0.1, Math.min(w / STAGE_WIDTH, hgt / STAGE_HEIGHT));
    }
    if (scale !== deck.scale || reflow !== this._lastReflow) {
      deck.scale = scale;
      this._lastReflow = reflow;
      html.style.setProperty('--deck-scale', String(scale));
      window.dispatchEvent(new CustomEvent('deck:scale', { detail: { scale, reflow } }));
    }
  }

  toggleFullscreen() {
    const doc = document;
    if (doc.fullscreenElement) {
      doc.exitFullscreen?.().catch(() => {});
      return;
    }
    const el = doc.documentElement;
    if (!el.requestFullscreen || doc.fullscreenEnabled === false) {
      this.deck.notify('Fullscreen is not available here: use the browser\'s own fullscreen (F11, or "Add to Home Screen" on phones).');
      return;
    }
    el.requestFullscreen().catch(() => {
      this.deck.notify('The browser refused fullscreen: try F11.');
    });
  }
}
