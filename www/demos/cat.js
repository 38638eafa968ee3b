// Demo for the `cat-break` slide: a drawn cat that blinks and swishes its tail; pet it for a purr.
// Animates only while mounted; with prefers-reduced-motion it sits still (petting still works).
//
// createCat() → { el, pet(), mount(), unmount() }.
import { h } from '../ui/dom.js';
import { sharpCanvas } from '../ui/canvas.js';

export function createCat() {
  const canvas = h('canvas', { class: 'pr-cat-canvas', role: 'img', 'aria-label': 'A drawn cat, blinking and swishing its tail' });
  let t = 0;
  let raf = 0;
  let last = 0;
  let purrUntil = -1;
  let pets = 0;
  const hearts = [];
  const reduce = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
  const view = sharpCanvas(canvas, draw);

  function draw(ctx, w, hgt) {
    const s = Math.min(w / 420, hgt / 320);
    ctx.save();
    ctx.translate(w / 2, hgt / 2 + 20 * s);
    ctx.scale(s, s);
    const fur = '#fca311';
    const dark = '#c77800';
    const purring = t < purrUntil;

    // Tail.
    const swish = reduce() ? 0 : Math.sin(t * (purring ? 5 : 2)) * 0.5;
    ctx.strokeStyle = fur;
    ctx.lineWidth = 22;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(70, 90);
    ctx.quadraticCurveTo(170, 90, 150 + 40 * swish, -20 + 10 * swish);
    ctx.stroke();

    // Body and head.
    ctx.fillStyle = fur;
    ctx.beginPath();
    ctx.ellipse(0, 70, 105, 70, 0, 0, 2 * Math.PI);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(0, -40, 82, 0, 2 * Math.PI);
    ctx.fill();
    for (const side of [-1, 1]) {
      ctx.beginPath();
      ctx.moveTo(side * 70, -80);
      ctx.lineTo(side * 62, -150);
      ctx.lineTo(side * 20, -110);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = '#ffb4c8';
      ctx.beginPath();
      ctx.moveTo(side * 60, -90);
      ctx.lineTo(side * 57, -130);
      ctx.lineTo(side * 32, -108);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = fur;
    }
    // Stripes.
    ctx.strokeStyle = dark;
    ctx.lineWidth = 7;
    for (const x of [-22, 0, 22]) {
      ctx.beginPath();
      ctx.moveTo(x, -120);
      ctx.lineTo(x * 0.8, -95);
      ctx.stroke();
    }

    // Eyes: blink every ~3 s, or closed and happy while purring.
    const blink = !reduce() && t % 3.2 < 0.14;
    ctx.strokeStyle = '#14213d';
    ctx.fillStyle = '#14213d';
    ctx.lineWidth = 6;
    for (const side of [-1, 1]) {
      ctx.beginPath();
      if (purring) {
        ctx.arc(side * 32, -42, 14, Math.PI * 1.1, Math.PI * 1.9);
        ctx.stroke();
      } else if (blink) {
        ctx.moveTo(side * 32 - 14, -45);
        ctx.lineTo(side * 32 + 14, -45);
        ctx.stroke();
      } else {
        ctx.ellipse(side * 32, -45, 11, 16, 0, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    // Nose, mouth, whiskers.
    ctx.fillStyle = '#ef476f';
    ctx.beginPath();
    ctx.moveTo(-9, -18);
    ctx.lineTo(9, -18);
    ctx.lineTo(0, -8);
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = '#14213d';
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.arc(-9, -6, 9, 0, Math.PI);
    ctx.moveTo(18, -6);
    ctx.arc(9, -6, 9, 0, Math.PI);
    ctx.stroke();
    ctx.strokeStyle = '#f1f3f5';
    ctx.lineWidth = 2.5;
    for (const side of [-1, 1]) {
      for (const dy of [-6, 4]) {
        ctx.beginPath();
        ctx.moveTo(side * 30, -12 + dy / 2);
        ctx.lineTo(side * 100, -20 + dy * 2);
        ctx.stroke();
      }
    }

    // Purr and hearts.
    if (purring) {
      ctx.fillStyle = '#f1f3f5';
      ctx.font = '600 30px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.fillText('purrr…', 95, -95 + (reduce() ? 0 : Math.sin(t * 20) * 2));
    }
    ctx.font = '30px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (const hh of hearts) {
      ctx.globalAlpha = Math.max(0, 1 - (t - hh.t0) / 1.6);
      ctx.fillText('♥', hh.x, -150 - (t - hh.t0) * 60);
    }
    ctx.globalAlpha = 1;
    ctx.restore();
  }

  function frame(now) {
    t += Math.min(0.1, (now - last) / 1000);
    last = now;
    while (hearts.length && t - hearts[0].t0 > 1.6) hearts.shift();
    view.redraw();
    raf = requestAnimationFrame(frame);
  }

  const counter = h('output', { class: 'pr-cat-count', 'data-testid': 'cat-pets', 'aria-live': 'polite' }, '');
  function pet() {
    pets += 1;
    purrUntil = t + 2;
    hearts.push({ t0: t, x: (Math.random() - 0.5) * 160 });
    counter.textContent = pets === 1 ? 'Petted once. Purring.' : `Petted ${pets} times. Still purring.`;
    view.redraw();
  }
  canvas.addEventListener('pointerdown', pet);

  return {
    el: h('div', { class: 'pr-cat' }, canvas, counter),
    canvas,
    pet,
    mount() {
      last = performance.now();
      view.redraw();
      if (!reduce()) raf = requestAnimationFrame(frame);
    },
    unmount() {
      cancelAnimationFrame(raf);
      raf = 0;
    },
  };
}
