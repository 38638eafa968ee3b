// A canvas renderer for one CartPole state: track, threshold markers, cart, pole.
//
// createCartPoleView(canvas) → { draw(state, options), destroy() }.
// `state` is [x, x_dot, theta, theta_dot] (any array-like, e.g. CartPole.state()).
// `options.action` (0 left, 1 right, else none) draws the push; `options.failed` tints the pole.
// `options.imagined` = { trails, horizon } draws a planner's imagined rollouts as faint paths of
// the pole's tip: `trails` holds (horizon + 1) (x, θ) pairs per rollout, NaN after it ended;
// the first rollout (the one the planner chose) is drawn brighter.
// Drawing is a pure function of the state and the canvas size; the backing store follows the
// element's CSS size × devicePixelRatio. Colours come from CSS custom properties on the canvas.
// The canvas's aria-label follows the state ("…: pole at +3.1°, cart at −0.4"), in tenths, so
// a screen reader reads what is on screen; it changes only when the text does.

import { pixelRatio } from './canvas.js';

// Gymnasium's geometry (cartpole.py): thresholds and sizes in world units.
const X_THRESHOLD = 2.4;
const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
const POLE_LENGTH = 1.0; // 2 × half-length
const CART_W = 0.4; // 50 px at Gymnasium's 125 px per unit
const CART_H = 0.24; // 30 px
const POLE_W = 0.08; // 10 px

/** "+3.1" / "−0.4" (a real minus sign; −0.0 reads as 0.0). */
function signed(v) {
  const t = v.toFixed(1);
  return t === '0.0' || t === '-0.0' ? '0.0' : v > 0 ? `+${t}` : `−${t.slice(1)}`;
}

/** What a CartPole state shows, in words. */
export function describeCartPole([x, , theta], failed = false) {
  return `pole at ${signed((theta * 180) / Math.PI)}°, cart at ${signed(x)}${failed ? ', fallen' : ''}`;
}

export function createCartPoleView(canvas) {
  const ctx = canvas.getContext('2d');
  const name = canvas.getAttribute('aria-label') || 'CartPole';
  let said = '';
  let lastState = [0, 0, 0, 0];
  let lastOptions = {};
  let colors = null;

  function readColors() {
    const css = getComputedStyle(canvas);
    const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
    colors = {
      bg: get('--cp-bg', '#0b1526'),
      track: get('--cp-track', '#8d99ae'),
      limit: get('--cp-limit', '#ef476f'),
      cart: get('--cp-cart', '#e5e5e5'),
      pole: get('--cp-pole', '#fca311'),
      failed: get('--cp-failed', '#ef476f'),
      axle: get('--cp-axle', '#7f8fa6'),
      push: get('--cp-push', '#06d6a0'),
      imagined: get('--cp-imagined', '#4cc9f0'),
    };
  }

  function resize() {
    const dpr = pixelRatio();
    const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    readColors();
    draw(lastState, lastOptions);
  }

  function draw(state, options = {}) {
    lastState = Array.from(state);
    lastOptions = options;
    if (!colors) readColors();
    const [x, , theta] = lastState;
    const words = `${name}: ${describeCartPole(lastState, options.failed)}`;
    if (words !== said) canvas.setAttribute('aria-label', (said = words));
    const W = canvas.width;
    const H = canvas.height;

    // World → pixels: the track (±2.4 plus margin) fills the width; the pole fits the height.
    const scale = Math.min(W / (2 * X_THRESHOLD * 1.12), H / (POLE_LENGTH + CART_H + 0.45));
    const cx = W / 2;
    const trackY = H - Math.max(H * 0.12, scale * 0.25);
    const px = (wx) => cx + wx * scale;

    ctx.fillStyle = colors.bg;
    ctx.fillRect(0, 0, W, H);

    // Track and the ±2.4 limits.
    const line = Math.max(1, scale * 0.02);
    ctx.strokeStyle = colors.track;
    ctx.lineWidth = line;
    ctx.beginPath();
    ctx.moveTo(px(-X_THRESHOLD * 1.1), trackY);
    ctx.lineTo(px(X_THRESHOLD * 1.1), trackY);
    ctx.stroke();
    ctx.strokeStyle = colors.limit;
    ctx.setLineDash([line * 3, line * 2]);
    for (const side of [-1, 1]) {
      ctx.beginPath();
      ctx.moveTo(px(side * X_THRESHOLD), trackY + scale * 0.12);
      ctx.lineTo(px(side * X_THRESHOLD), trackY - scale * (POLE_LENGTH + CART_H));
      ctx.stroke();
    }
    ctx.setLineDash([]);

    const cartX = px(x);
    const cartTop = trackY - CART_H * scale;
    const axleY = cartTop + (CART_H * scale) / 4;
    if (options.imagined) drawImagined(options.imagined, px, axleY, scale);

    // Cart.
    ctx.fillStyle = colors.cart;
    ctx.fillRect(cartX - (CART_W / 2) * scale, cartTop, CART_W * scale, CART_H * scale);

    // The ±12° failure wedge above the axle.
    ctx.strokeStyle = colors.limit;
    ctx.globalAlpha = 0.5;
    ctx.setLineDash([line * 2, line * 2]);
    for (const side of [-1, 1]) {
      ctx.beginPath();
      ctx.moveTo(cartX, axleY);
      ctx.lineTo(
        cartX + Math.sin(side * THETA_THRESHOLD) * POLE_LENGTH * 1.05 * scale,
        axleY - Math.cos(THETA_THRESHOLD) * POLE_LENGTH * 1.05 * scale,
      );
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;

    // Pole (theta > 0 leans right, as in Gymnasium's rendering).
    ctx.strokeStyle = options.failed ? colors.failed : colors.pole;
    ctx.lineWidth = POLE_W * scale;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(cartX, axleY);
    ctx.lineTo(cartX + Math.sin(theta) * POLE_LENGTH * scale, axleY - Math.cos(theta) * POLE_LENGTH * scale);
    ctx.stroke();
    ctx.lineCap = 'butt';

    // Axle.
    ctx.fillStyle = colors.axle;
    ctx.beginPath();
    ctx.arc(cartX, axleY, (POLE_W / 2) * scale, 0, 2 * Math.PI);
    ctx.fill();

    // The push of the last action: a small arrow beside the cart.
    if (options.action === 0 || options.action === 1) {
      const dir = options.action === 1 ? 1 : -1;
      const y = cartTop + (CART_H * scale) / 2;
      const start = cartX - dir * ((CART_W / 2) * scale + 0.04 * scale);
      const len = 0.22 * scale;
      const head = 0.07 * scale;
      ctx.strokeStyle = colors.push;
      ctx.fillStyle = colors.push;
      ctx.lineWidth = Math.max(1, 0.03 * scale);
      ctx.beginPath();
      ctx.moveTo(start - dir * len, y);
      ctx.lineTo(start - dir * head, y);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(start, y);
      ctx.lineTo(start - dir * head, y - head * 0.7);
      ctx.lineTo(start - dir * head, y + head * 0.7);
      ctx.closePath();
      ctx.fill();
    }
  }

  /** The pole-tip path of each imagined rollout (faint), the chosen one (first) brighter. */
  function drawImagined({ trails, horizon }, px, axleY, scale) {
    const per = (horizon + 1) * 2;
    const n = Math.floor(trails.length / per);
    ctx.strokeStyle = colors.imagined;
    ctx.lineWidth = Math.max(1, scale * 0.012);
    for (let i = n - 1; i >= 0; i -= 1) {
      ctx.globalAlpha = i === 0 ? 0.9 : 0.18;
      if (i === 0) ctx.lineWidth = Math.max(1.5, scale * 0.025);
      ctx.beginPath();
      let started = false;
      for (let t = 0; t <= horizon; t += 1) {
        const wx = trails[i * per + 2 * t];
        const th = trails[i * per + 2 * t + 1];
        if (!Number.isFinite(wx) || !Number.isFinite(th)) break;
        const tipX = px(wx) + Math.sin(th) * POLE_LENGTH * scale;
        const tipY = axleY - Math.cos(th) * POLE_LENGTH * scale;
        if (started) ctx.lineTo(tipX, tipY);
        else ctx.moveTo(tipX, tipY);
        started = true;
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  const dprQuery = () => matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
  let mq = dprQuery();
  const onDpr = () => {
    mq.removeEventListener('change', onDpr);
    mq = dprQuery();
    mq.addEventListener('change', onDpr);
    resize();
  };
  mq.addEventListener('change', onDpr);
  window.addEventListener('deck:scale', resize);
  resize();

  return {
    draw,
    resize,
    destroy() {
      observer.disconnect();
      mq.removeEventListener('change', onDpr);
      window.removeEventListener('deck:scale', resize);
    },
  };
}
