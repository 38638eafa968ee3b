// The naive recursion's call tree for small n, drawn on a canvas. Nodes are coloured by their
// argument, so the repeated sub-calls (fib(3) three times in fib(6), …) stand out.
//
// createFibTree(canvas, legendEl) → { setN(n), redraw(), dispose() }.
// Node labels are the argument k of fib(k) (1-indexed like the talk: fib(1) = 0, fib(2) = 1).
import { sharpCanvas, cssVar } from '../ui/canvas.js';
import { h } from '../ui/dom.js';

export const TREE_MAX = 7;
const COLORS = ['#8d99ae', '#8d99ae', '#4cc9f0', '#06d6a0', '#fca311', '#ef476f', '#b388eb', '#ffd166'];

/** The call tree of the talk's fibonacci_basic(n): { k, children, depth, x }. */
function build(n) {
  let leaf = 0;
  let maxDepth = 0;
  const counts = new Map();
  function node(k, depth) {
    counts.set(k, (counts.get(k) || 0) + 1);
    maxDepth = Math.max(maxDepth, depth);
    const children = k > 2 ? [node(k - 1, depth + 1), node(k - 2, depth + 1)] : [];
    const x = children.length ? (children[0].x + children[1].x) / 2 : leaf++;
    return { k, depth, x, children };
  }
  const root = node(n, 0);
  return { root, leaves: leaf, depth: maxDepth, counts };
}

export function createFibTree(canvas, legendEl) {
  let tree = build(5);
  const view = sharpCanvas(canvas, draw);

  function draw(ctx, w, hgt) {
    const fg = cssVar(canvas, '--fg', '#f1f3f5');
    const line = cssVar(canvas, '--muted', '#b8c1cc');
    const { root, leaves, depth } = tree;
    const r = Math.max(8, Math.min(17, (w / Math.max(leaves, 1)) * 0.42, (hgt / (depth + 1)) * 0.4));
    const sx = leaves > 1 ? (w - 2 * r - 4) / (leaves - 1) : 0;
    const sy = depth > 0 ? (hgt - 2 * r - 4) / depth : 0;
    const X = (x) => (leaves > 1 ? r + 2 + x * sx : w / 2);
    const Y = (d) => r + 2 + d * sy;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = line;
    ctx.globalAlpha = 0.6;
    (function edges(nd) {
      for (const c of nd.children) {
        ctx.beginPath();
        ctx.moveTo(X(nd.x), Y(nd.depth));
        ctx.lineTo(X(c.x), Y(c.depth));
        ctx.stroke();
        edges(c);
      }
    })(root);
    ctx.globalAlpha = 1;
    ctx.font = `600 ${Math.round(r * 1.1)}px ${cssVar(canvas, '--font', 'system-ui, sans-serif')}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    (function nodes(nd) {
      const repeated = tree.counts.get(nd.k) > 1;
      ctx.beginPath();
      ctx.arc(X(nd.x), Y(nd.depth), r, 0, 2 * Math.PI);
      ctx.fillStyle = repeated ? COLORS[nd.k % COLORS.length] : cssVar(canvas, '--bg', '#0b1526');
      ctx.fill();
      ctx.strokeStyle = repeated ? 'transparent' : fg;
      ctx.stroke();
      ctx.fillStyle = repeated ? '#0b1526' : fg;
      ctx.fillText(String(nd.k), X(nd.x), Y(nd.depth) + 1);
      nd.children.forEach(nodes);
    })(root);
  }

  const callCount = () => [...tree.counts.values()].reduce((a, b) => a + b, 0);

  function legend() {
    // The canvas in words: which call, how many calls, which ones repeat.
    const repeats = [...tree.counts.entries()].filter(([, c]) => c > 1).sort((a, b) => b[0] - a[0]);
    canvas.setAttribute('aria-label', `Call tree of fib(${tree.root.k}), the naive recursion: ${callCount()} calls${repeats.length ? `; computed more than once: ${repeats.map(([k, c]) => `fib(${k}) ${c} times`).join(', ')}` : ''}`);
    if (!legendEl) return;
    const items = [...tree.counts.entries()]
      .filter(([, c]) => c > 1)
      .sort((a, b) => b[0] - a[0])
      .map(([k, c]) => {
        const chip = h('span', { class: 'pr-chip' });
        chip.style.background = COLORS[k % COLORS.length];
        return h('span', { class: 'pr-legend-item' }, chip, `fib(${k}) ×${c}`);
      });
    legendEl.replaceChildren(...items);
  }

  legend();
  return {
    setN(n) {
      tree = build(Math.max(1, Math.min(TREE_MAX, n)));
      legend();
      view.redraw();
    },
    get calls() {
      return callCount();
    },
    redraw: () => view.redraw(),
    dispose: () => view.dispose(),
  };
}
