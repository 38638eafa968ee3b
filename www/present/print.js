// The print / PDF handout: index.html?print=1 (&notes=1 adds the speaker notes under each slide).
// Every slide is rendered and mounted once, in turn, so its canvases draw their current state
// (the training curves restored from this browser's last run, the loaded agent, …); then each
// canvas is replaced by a static copy of its pixels (a plain canvas, so no data:/blob: image and
// no change to the page's CSP) and the slide is unmounted by moving on. The page then shows
// every slide one after the other, one per printed page (@page 1280×720 px, 16:9; with notes
// 1280×1000 px). `document.documentElement.dataset.printReady` is "1" when it is done.

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
    for (const c of sections[i].querySelectorAll('canvas:not([data-snapshot])')) snapshot(c);
    if (notes) {
      const text = String(deck.slides[i].notes || '').trim();
      const aside = document.createElement('aside');
      aside.className = 'print-notes';
      for (const para of text ? text.split(/\n\s*\n/) : ['(no notes)']) {
        const p = document.createElement('p');
        p.textContent = para.trim();
        aside.append(p);
      }
      sections[i].after(aside);
    }
  }
  deck.go(0);
  html.dataset.printReady = '1';
}
