// Canvases that stay sharp at any devicePixelRatio and any size.
//
// `sharpCanvas(canvas, draw)` sizes the backing store to the element's CSS box × dpr, calls
// `draw(ctx, width, height)` with a context already scaled so you draw in CSS pixels, and
// redraws when the element resizes or the dpr changes (zoom, moving to another screen).
// Returns { redraw(), dispose() }.
export function sharpCanvas(canvas, draw) {
  const ctx = canvas.getContext('2d');
  const onScale = () => redraw();
  let width = 0;
  let height = 0;

  function redraw() {
    const dpr = pixelRatio();
    width = canvas.clientWidth;
    height = canvas.clientHeight;
    const w = Math.max(1, Math.round(width * dpr));
    const hgt = Math.max(1, Math.round(height * dpr));
    if (canvas.width !== w || canvas.height !== hgt) {
      canvas.width = w;
      canvas.height = hgt;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (width > 0 && height > 0) draw(ctx, width, height);
  }

  const observer = new ResizeObserver(() => redraw());
  observer.observe(canvas);
  window.addEventListener('deck:scale', onScale);
  redraw();
  return {
    redraw,
    dispose: () => {
      observer.disconnect();
      window.removeEventListener('deck:scale', onScale);
    },
  };
}

/**
 * Device pixels per CSS pixel of the canvas's own layout box. A deck that scales its stage
 * with a CSS transform (html.deck-scaled, --deck-scale) leaves clientWidth unscaled, so the
 * stage scale is multiplied in: a canvas on a 4K projector is drawn at 4K, not stretched.
 */
export function pixelRatio() {
  const dpr = window.devicePixelRatio || 1;
  const root = document.documentElement;
  if (root.classList.contains('deck-scaled')) {
    const scale = parseFloat(root.style.getPropertyValue('--deck-scale'));
    if (Number.isFinite(scale) && scale > 0) return dpr * scale;
  }
  return dpr;
}

/** A CSS custom property of `el` (colours live in CSS, not in JS). */
export function cssVar(el, name, fallback) {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}
