// The print / PDF handout: index.html?print=1 (&notes=1 adds the speaker notes under each slide).
// Every slide is rendered and mounted once, in turn, so its canvases draw their current state
// (the training curves restored from this browser's last run, the loaded agent, …); a slide's
// optional `print(ctx)` hook (may return a promise) first fills a demo that would otherwise print
// empty (the bandit's testbed, the talk's default training run in a fresh browser). Then each
// canvas is replaced by a static copy of its pixels (a plain canvas, so no data:/blob: image and
// no change to the page's CSP) and the slide is unmounted by moving on. Each slide, with its
// notes, is wrapped in one fixed-size sheet: exactly one printed page per slide (@page 1280×720
// px, 16:9; with notes 1280×1060 px). `document.documentElement.dataset.printReady` is "1" when
// it is done.

import { notesParagraphs } from '../deck/notes-text.js';

const NOTES_MIN_PX = 13; // notes shrink from 18 px to fit their band, never below this

const frames = (n = 2) =>
  new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    // A hidden window gets no frames: do not wait forever for them.
    setTimeout(resolve, 500);
    step();
  });

/** A static copy of `canvas` (same pixels, same CSS box). */
export function snapshot(canvas) {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  copy.className = `${canvas.className} print-snapshot`.trim();
  for (const a of ['role', 'aria-label', 'data-testid']) if (canvas.hasAttribute(a)) copy.setAttribute(a, canvas.getAttribute(a));
  copy.dataset.snapshot = '1';
  const w = canvas.clientWidth;
  const hgt = canvas.clientHeight;
  if (w && hgt) {
    copy.style.width = `${w}px`;
    copy.style.height = `${hgt}px`;
  }
  try {
    copy.getContext('2d').drawImage(canvas, 0, 0);
  } catch {
    /* a zero-sized canvas: nothing to copy */
  }
  canvas.replaceWith(copy);
  return copy;
}

export async function setupPrint(deck, { notes = false } = {}) {
  const html = document.documentElement;
  html.classList.add('deck-print');
  if (notes) html.classList.add('deck-print-notes');
  document.title = `${document.title} — handout`;
  const sections = deck.renderAll();
  for (let i = 0; i < sections.length; i++) {
    deck.go(i);
    await frames(2);
    const hook = deck.slides[i].print;
    if (typeof hook === 'function') {
      try {
        await hook.call(deck.slides[i], deck.ctx);
        await new Promise((r) => setTimeout(r, 350)); // throttled redraws (curves: ≤ 5 a second)
        await frames(2);
      } catch (e) {
        console.warn(`rl-live print: slide ${deck.slides[i].id}: ${e?.message || e}`);
      }
    }
    for (const c of sections[i].querySelectorAll('canvas:not([data-snapshot])')) snapshot(c);
    const sheet = document.createElement('div');
    sheet.className = 'print-sheet';
    sections[i].before(sheet);
    sheet.append(sections[i]);
    if (notes) {
      const aside = document.createElement('aside');
      aside.className = 'print-notes';
      const paragraphs = notesParagraphs(deck.slides[i].notes);
      aside.append(...(paragraphs.length ? paragraphs : [Object.assign(document.createElement('p'), { textContent: '(no notes)' })]));
      sheet.append(aside);
      fitNotes(aside);
    }
  }
  deck.go(0);
  html.dataset.printReady = '1';
}

/** Shrinks the notes' text (from the stylesheet's size, not below NOTES_MIN_PX) until they fit their band. */
function fitNotes(aside) {
  let px = parseFloat(getComputedStyle(aside).fontSize) || 18;
  // Two columns: notes too long for the band overflow sideways, into a third column.
  const over = () => aside.scrollHeight > aside.clientHeight + 1 || aside.scrollWidth > aside.clientWidth + 1;
  while (px > NOTES_MIN_PX && over()) {
    px -= 0.5;
    aside.style.fontSize = `${px}px`;
  }
  aside.dataset.fontPx = String(px);
}
