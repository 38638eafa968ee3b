// A small line chart on a canvas: axes with round ticks, several series, a legend.
//
//   const plot = createLinePlot(canvas, { xLabel: 'episodes', yLabel: 'RMS error', yMin: 0 });
//   plot.setSeries([{ label: 'TD(0) α=0.1', color: '#06d6a0', xs, ys }, …]);
//
// Missing bounds are taken from the data. Colours default to the CSS variables --plot-*.
import { sharpCanvas, cssVar } from './canvas.js';

const PALETTE = ['#06d6a0', '#fca311', '#4cc9f0', '#ef476f', '#b388eb', '#e5e5e5'];

export function createLinePlot(canvas, options = {}) {
  let series = [];
  const opts = { ...options };
  const view = sharpCanvas(canvas, draw);

  function bounds() {
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const s of series) {
      for (let i = 0; i < s.ys.length; i++) {
        const x = s.xs ? s.xs[i] : i;
        const y = s.ys[i];
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
    if (opts.xMin != null) x0 = opts.xMin;
    if (opts.xMax != null) x1 = opts.xMax;
    if (opts.yMin != null) y0 = opts.yMin;
    if (opts.yMax != null) y1 = opts.yMax;
    if (!Number.isFinite(x0)) [x0, x1] = [0, 1];
    if (!Number.isFinite(y0)) [y0, y1] = [0, 1];
    if (x1 === x0) x1 = x0 + 1;
    if (y1 === y0) y1 = y0 + 1;
    return { x0, x1, y0, y1 };
  }

  function ticks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(+t.toPrecision(12));
    return out;
  }

  function fmt(v) {
    const a = Math.abs(v);
    if (a >= 1e4) return `${+(v / 1000).toPrecision(3)}k`;
    if (a > 0 && a < 1e-2) return v.toExponential(0);
    return String(+v.toPrecision(3));
  }

  function draw(ctx, w, h) {
    const fg = cssVar(canvas, '--plot-fg', '#c9d1d9');
    const grid = cssVar(canvas, '--plot-grid', 'rgba(201,209,217,0.15)');
    const font = cssVar(canvas, '--plot-font', '14px system-ui, sans-serif');
    ctx.font = font;
    const pad = { l: 52, r: 12, t: series.length > 1 || opts.title ? 30 : 12, b: opts.xLabel ? 44 : 26 };
    const pw = Math.max(10, w - pad.l - pad.r);
    const ph = Math.max(10, h - pad.t - pad.b);
    const { x0, x1, y0, y1 } = bounds();
    const X = (x) => pad.l + ((x - x0) / (x1 - x0)) * pw;
    const Y = (y) => pad.t + ph - ((y - y0) / (y1 - y0)) * ph;

    ctx.lineWidth = 1;
    ctx.fillStyle = fg;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    for (const t of ticks(y0, y1, Math.max(2, Math.floor(ph / 40)))) {
      ctx.strokeStyle = grid;
      ctx.beginPath();
      ctx.moveTo(pad.l, Y(t));
      ctx.lineTo(pad.l + pw, Y(t));
      ctx.stroke();
      ctx.fillText(fmt(t), pad.l - 6, Y(t));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of ticks(x0, x1, Math.max(2, Math.floor(pw / 80)))) {
      ctx.fillText(fmt(t), X(t), pad.t + ph + 6);
    }
    if (opts.xLabel) {
      ctx.textBaseline = 'bottom';
      ctx.fillText(opts.xLabel, pad.l + pw / 2, h - 2);
    }
    if (opts.yLabel) {
      ctx.save();
      ctx.translate(12, pad.t + ph / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = 'middle';
      ctx.fillText(opts.yLabel, 0, 0);
      ctx.restore();
    }
    ctx.strokeStyle = fg;
    ctx.strokeRect(pad.l, pad.t, pw, ph);

    // Series, clipped to the plot area.
    ctx.save();
    ctx.beginPath();
    ctx.rect(pad.l, pad.t, pw, ph);
    ctx.clip();
    series.forEach((s, k) => {
      ctx.strokeStyle = s.color || PALETTE[k % PALETTE.length];
      ctx.lineWidth = s.width || 2;
      ctx.setLineDash(s.dash || []);
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < s.ys.length; i++) {
        const x = s.xs ? s.xs[i] : i;
        const y = s.ys[i];
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(X(x), Y(y));
        else ctx.moveTo(X(x), Y(y));
        pen = true;
      }
      ctx.stroke();
    });
    ctx.restore();
    ctx.setLineDash([]);

    // Legend along the top.
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    let lx = pad.l;
    if (opts.title) {
      ctx.fillStyle = fg;
      ctx.fillText(opts.title, lx, 14);
      lx += ctx.measureText(opts.title).width + 16;
    }
    if (series.length > 1) {
      series.forEach((s, k) => {
        if (!s.label) return;
        ctx.fillStyle = s.color || PALETTE[k % PALETTE.length];
        ctx.fillRect(lx, 10, 14, 6);
        ctx.fillStyle = fg;
        ctx.fillText(s.label, lx + 18, 14);
        lx += ctx.measureText(s.label).width + 34;
      });
    }
  }

  return {
    /** Replaces all series: [{ label, color?, xs?, ys, dash?, width? }]. */
    setSeries(next) {
      series = next;
      view.redraw();
    },
    /** Changes axis options (xMin, xMax, yMin, yMax, xLabel, yLabel, title). */
    setOptions(next) {
      Object.assign(opts, next);
      view.redraw();
    },
    redraw: () => view.redraw(),
    dispose: () => view.dispose(),
  };
}

export { PALETTE };
