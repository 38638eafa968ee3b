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

  /** Legend entries laid out in rows that fit `width`; returns [{s, k, x, row}] and the row count. */
  function legendLayout(ctx, x0, width) {
    const items = [];
    let x = x0;
    let row = 0;
    if (opts.title) {
      items.push({ title: opts.title, x, row });
      x += ctx.measureText(opts.title).width + 16;
    }
    if (series.length > 1) {
      series.forEach((s, k) => {
        if (!s.label) return;
        const wItem = ctx.measureText(s.label).width + (s.marker || s.dash?.length ? 40 : 34);
        if (x + wItem > x0 + width && x > x0) {
          row += 1;
          x = x0;
        }
        items.push({ s, k, x, row });
        x += wItem;
      });
    }
    return { items, rows: items.length ? row + 1 : 0 };
  }

  function draw(ctx, w, h) {
    const fg = cssVar(canvas, '--plot-fg', '#c9d1d9');
    const grid = cssVar(canvas, '--plot-grid', 'rgba(201,209,217,0.15)');
    const font = cssVar(canvas, '--plot-font', '14px system-ui, sans-serif');
    ctx.font = font;
    const lineH = 20;
    const { x0, x1, y0, y1 } = bounds();
    // Left margin: the widest y tick label, plus room for the rotated y label if any, so the
    // two never overlap.
    const pb = opts.xLabel ? 44 : 26;
    const yTicks = (ph) => ticks(y0, y1, Math.max(2, Math.floor(ph / 40)));
    const widest = (ts) => Math.max(...ts.map((t) => ctx.measureText(fmt(t)).width), 10);
    // The ticks depend on the plot's height, which depends on the legend's rows, which depend
    // on the left margin: guess, lay out, and lay out again if the real ticks are wider (at
    // another height 0.05-steps can replace 0.1-steps, and "0.25" is wider than "0.2").
    let tickW = widest(yTicks(h - 40 - pb));
    let legend, pad, pw, ph, yTickList;
    for (let pass = 0; pass < 2; pass++) {
      const left = Math.ceil(tickW) + 10 + (opts.yLabel ? 24 : 0);
      legend = legendLayout(ctx, left, Math.max(10, w - left - 12));
      pad = { l: left, r: 12, t: legend.rows ? legend.rows * lineH + 10 : 12, b: pb };
      pw = Math.max(10, w - pad.l - pad.r);
      ph = Math.max(10, h - pad.t - pad.b);
      yTickList = yTicks(ph);
      if (widest(yTickList) <= tickW) break;
      tickW = widest(yTickList);
    }
    const X = (x) => pad.l + ((x - x0) / (x1 - x0)) * pw;
    const Y = (y) => pad.t + ph - ((y - y0) / (y1 - y0)) * ph;

    ctx.lineWidth = 1;
    ctx.fillStyle = fg;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    for (const t of yTickList) {
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
      // Keep the label inside the canvas: the last tick sits on the right edge.
      const label = fmt(t);
      const half = ctx.measureText(label).width / 2;
      const x = Math.min(Math.max(X(t), half), w - half - 1);
      ctx.fillText(label, x, pad.t + ph + 6);
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
    // Markers over the lines, unclipped (a point on the plot's edge shows whole); only the
    // points inside the axes' bounds. `markerEvery`: on every k-th point of a dense line (and its last).
    series.forEach((s, k) => {
      if (!s.marker) return;
      ctx.fillStyle = s.color || PALETTE[k % PALETTE.length];
      const every = Math.max(1, s.markerEvery || 1);
      for (let i = 0; i < s.ys.length; i++) {
        const x = s.xs ? s.xs[i] : i;
        const y = s.ys[i];
        if ((i % every === 0 || i === s.ys.length - 1) && x >= x0 && x <= x1 && y >= y0 && y <= y1) marker(ctx, s.marker, X(x), Y(y));
      }
    });

    // Legend along the top, wrapped into rows when narrow.
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const item of legend.items) {
      const y = 14 + item.row * lineH;
      if (item.title) {
        ctx.fillStyle = fg;
        ctx.fillText(item.title, item.x, y);
        continue;
      }
      const color = item.s.color || PALETTE[item.k % PALETTE.length];
      ctx.fillStyle = color;
      if (item.s.marker || item.s.dash?.length) {
        // A sample of the line itself (dash and marker): the series tell apart without colour.
        ctx.strokeStyle = color;
        ctx.lineWidth = item.s.width || 2;
        ctx.setLineDash(item.s.dash || []);
        ctx.beginPath();
        ctx.moveTo(item.x - 4, y);
        ctx.lineTo(item.x + 18, y);
        ctx.stroke();
        ctx.setLineDash([]);
        if (item.s.marker) marker(ctx, item.s.marker, item.x + 7, y);
      } else ctx.fillRect(item.x, y - 4, 14, 6);
      ctx.fillStyle = fg;
      ctx.fillText(item.s.label, item.x + (item.s.marker || item.s.dash?.length ? 24 : 18), y);
    }
  }

  return {
    /** Replaces all series: [{ label, color?, xs?, ys, dash?, width?, marker? ('circle' | 'square' | 'triangle'), markerEvery? }]. */
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

/** A point marker centred on (x, y) in the current fill colour. */
function marker(ctx, shape, x, y, r = 4.5) {
  ctx.beginPath();
  if (shape === 'square') ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === 'triangle') {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r * 1.15, y + r * 0.9);
    ctx.lineTo(x - r * 1.15, y + r * 0.9);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
}

export { PALETTE };
