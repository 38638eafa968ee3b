// Slide: dynamic programming on Fibonacci — the talk's naive recursion vs. its memo table,
// both runnable (the Rust core computes; long runs go to a module worker).
import { h } from '../ui/dom.js';
import { button, numberField } from '../ui/controls.js';
import { compute, isHeavy, NAIVE_MAX, DP_MAX } from '../demos/fib-compute.js';
import { createFibTree, TREE_MAX } from '../demos/fib-tree.js';

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const fmtMs = (ms) => (ms < 0.1 ? '< 0.1 ms' : ms < 10 ? `${ms.toFixed(1)} ms` : `${fmt(ms)} ms`);

/** calls(n) of the naive recursion: 1 + calls(n−1) + calls(n−2), calls(1) = calls(2) = 1. */
function naiveCalls(n) {
  let [a, b] = [1, 1];
  for (let k = 3; k <= n; k++) [a, b] = [b, 1 + a + b];
  return n <= 2 ? 1 : b;
}

let wasm = null;
let worker = null;
let workerBroken = false;
let nextJob = 0;
const pending = new Map(); // job id → { resolve, reject }
const ui = {}; // elements, built once in render()
let dpAnimatedOnce = false;

// ---- running a computation -------------------------------------------------------------------

function getWorker() {
  if (worker || workerBroken) return worker;
  try {
    worker = new Worker(new URL('../demos/fib-worker.js', import.meta.url), { type: 'module' });
  } catch {
    workerBroken = true;
    return null;
  }
  worker.onmessage = (e) => {
    const job = pending.get(e.data.id);
    if (!job) return;
    pending.delete(e.data.id);
    if (e.data.ok) job.resolve(e.data.result);
    else job.reject(new Error(e.data.message));
  };
  worker.onerror = (e) => {
    // The worker could not start (no module workers, blocked, …): run on the page instead.
    e.preventDefault();
    workerBroken = true;
    worker?.terminate();
    worker = null;
    for (const job of pending.values()) job.fallback();
    pending.clear();
  };
  return worker;
}

function stopWorker() {
  if (worker) worker.terminate();
  worker = null;
  for (const job of pending.values()) job.reject(new Error('stopped'));
  pending.clear();
}

/** Runs on the page after a short pause (so "running…" paints first), or in the worker. */
function run(kind, n) {
  const onPage = () =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(compute(wasm, kind, n));
        } catch (err) {
          reject(err);
        }
      }, 30),
    );
  const w = isHeavy(kind, n) ? getWorker() : null;
  if (!w) return onPage();
  return new Promise((resolve, reject) => {
    const id = ++nextJob;
    pending.set(id, { resolve, reject, fallback: () => onPage().then(resolve, reject) });
    w.postMessage({ id, kind, n });
  });
}

const coreMessage = (err) => String(err?.message || err).replace(/^fib_(naive|dp): /, '');

// ---- one column (naive or DP) ----------------------------------------------------------------

function column(kind) {
  const max = kind === 'naive' ? NAIVE_MAX : DP_MAX;
  const fn = kind === 'naive' ? 'fib_naive' : 'fib_dp';
  const field = numberField({
    label: 'n =',
    min: 1,
    max,
    value: kind === 'naive' ? 35 : 50,
    hint: `1 – ${fmt(max)}`,
  });
  field.input.dataset.testid = `fib-${kind}-n`;
  field.input.classList.add('pr-fib-input');
  // After numberField's own check: a whole n out of range gets the core's message (below).
  const check = () => {
    if (field.valid) return true;
    const t = field.input.value.trim();
    const n = Number(t);
    // A whole n outside the range gets the core's own words (the talk's "Incorrect input" for
    // n ≤ 0; the number of calls it would take for too large a naive n), then the range.
    if (/^[-+]?\d{1,10}$/.test(t) && (n <= 0 || n > max)) {
      try {
        wasm[fn](n); // throws at once for these n
      } catch (err) {
        field.setError(`${coreMessage(err)}. Enter ${field.range}.`);
      }
    }
    return false;
  };
  // The tree follows what is typed (a preview); Run uses the value taken (Enter, Tab, Run).
  field.input.addEventListener('input', () => {
    if (check() && kind === 'naive') updateTree(Number(field.input.value));
  });
  field.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') start(kind);
  });

  const runBtn = button('Run', () => start(kind), { kbd: kind === 'naive' ? 'N' : 'D' });
  runBtn.dataset.testid = `fib-${kind}-run`;
  const value = h('output', { class: 'pr-fib-value', 'data-testid': `fib-${kind}-value` }, '—');
  const time = h('output', { class: 'pr-fib-time', 'aria-live': 'polite' }, '—');
  const second =
    kind === 'naive'
      ? h('output', { 'data-testid': 'fib-naive-calls' }, '—')
      : h('output', { 'data-testid': 'fib-dp-size' }, '—');
  Object.assign((ui[kind] = {}), { field, runBtn, value, time, second, check });
  return [
    h('div', { class: 'pr-fib-controls' }, field.el, runBtn),
    h(
      'div',
      { class: 'pr-fib-results' },
      h('div', { class: 'pr-stat pr-stat-value' }, h('span', { class: 'pr-stat-label' }, 'value'), value),
      h('div', { class: 'pr-stat' }, h('span', { class: 'pr-stat-label' }, kind === 'naive' ? 'calls' : 'table entries'), second),
      h('div', { class: 'pr-stat' }, h('span', { class: 'pr-stat-label' }, 'time'), time),
    ),
  ];
}

async function start(kind) {
  const c = ui[kind];
  if (c.busy) return;
  c.field.commit(); // what is typed counts (Enter, N/D, Run)
  if (!c.check()) {
    c.field.input.focus();
    return;
  }
  const n = c.field.value;
  c.busy = true;
  c.runBtn.disabled = true;
  c.time.textContent = 'running…';
  c.time.classList.add('pr-running');
  try {
    const r = await run(kind, n);
    c.value.textContent = r.value;
    c.value.title = r.value.length > 20 ? `${fmt(r.value.length)} digits` : '';
    c.time.textContent = fmtMs(r.ms);
    if (kind === 'naive') {
      c.second.textContent = fmt(r.calls);
    } else {
      c.second.textContent = fmt(r.tableLength);
      fillTable(r);
    }
  } catch (err) {
    if (coreMessage(err) === 'stopped') c.time.textContent = 'stopped (slide left) — run again';
    else {
      c.field.setError(coreMessage(err));
      c.time.textContent = '—';
    }
  } finally {
    c.busy = false;
    c.runBtn.disabled = false;
    c.time.classList.remove('pr-running');
  }
}

// ---- the tree and the table ------------------------------------------------------------------

let tree = null;
function updateTree(n) {
  if (!tree || n < 1) return;
  const shown = Math.min(n, TREE_MAX);
  tree.setN(shown);
  ui.treeCaption.textContent =
    n <= TREE_MAX
      ? `Call tree of fib(${n}): ${fmt(naiveCalls(n))} calls; coloured = computed more than once.`
      : `Call tree of fib(${TREE_MAX}) (${naiveCalls(TREE_MAX)} calls). fib(${n}) makes ${fmt(naiveCalls(n))}.`;
}

function cellText(s) {
  return s.length <= 14 ? s : `${s.slice(0, 5)}…${s.slice(-4)}`;
}

function fillTable(r) {
  const cells = r.head.map((s, i) => {
    const c = h('span', { class: 'pr-fib-cell', role: 'listitem', 'data-testid': 'fib-cell', title: `fib(${i + 1})${s.length > 14 ? `, ${fmt(s.length)} digits` : ''}` }, cellText(s));
    c.style.setProperty('--i', String(i));
    return c;
  });
  if (r.tail.length) {
    const gap = h('span', { class: 'pr-fib-cell pr-fib-gap', role: 'listitem' }, `… ${fmt(r.tableLength - r.head.length - r.tail.length)} more …`);
    gap.style.setProperty('--i', String(cells.length));
    cells.push(gap);
    r.tail.forEach((s, j) => {
      const k = r.tableLength - r.tail.length + j;
      const c = h('span', { class: 'pr-fib-cell', role: 'listitem', 'data-testid': 'fib-cell', title: `fib(${k + 1}), ${fmt(s.length)} digits` }, cellText(s));
      c.style.setProperty('--i', String(cells.length));
      cells.push(c);
    });
  }
  cells[cells.length - 1]?.classList.add('pr-fib-last');
  ui.table.replaceChildren(...cells);
  animateTable();
}

function animateTable() {
  const t = ui.table;
  t.classList.remove('pr-animate');
  void t.offsetWidth; // restart the CSS animation
  if (!matchMedia('(prefers-reduced-motion: reduce)').matches) t.classList.add('pr-animate');
}

// ---- the slide -------------------------------------------------------------------------------

export default {
  id: 'fibonacci',
  title: 'Dynamic programming: Fibonacci',
  notes: `Dynamic programming: break a problem into overlapping sub-problems, store each answer in a table, never compute the same thing twice.

Left: the talk's fibonacci_basic. Press N (or Run). n = 35 gives 5702887, the talk's output, after 18,454,929 calls. The tree shows why: fib(3) alone is recomputed again and again. Each +1 on n multiplies the work by about 1.6.

Right: the talk's fibonacci_dynamic with its FibArray. Press D. n = 50 gives 7778742049 and exactly the talk's 50-entry table, each entry computed once. Try n = 20000: a 4,180-digit number in a couple of seconds (it runs in a worker).

Limits: the naive demo stops at n = 38 (the core refuses more: n = 39 would be 126 million calls). n ≤ 0 prints "Incorrect input", like the talk. Values are BigInts (they pass 2^53 at n = 80).`,
  render(ctx) {
    wasm = ctx.wasm;
    ui.table = h('div', { class: 'pr-fib-table', 'data-testid': 'fib-table', role: 'list', 'aria-label': 'The memo table FibArray' });
    const canvas = h('canvas', { class: 'pr-fib-tree', role: 'img', 'aria-label': 'Call tree of the naive recursion; repeated calls are coloured' });
    const legend = h('div', { class: 'pr-legend' });
    ui.treeCaption = h('p', { class: 'pr-caption' });
    const body = h(
      'div',
      { class: 'pr pr-fib' },
      h('h2', {}, 'Dynamic programming: Fibonacci'),
      h('p', { class: 'pr-lead' }, 'Split a problem into overlapping sub-problems, store each answer in a table, reuse it.'),
      h(
        'div',
        { class: 'pr-cols' },
        h(
          'section',
          { class: 'pr-card' },
          h('h3', {}, 'Naive recursion ', h('code', {}, 'fib(n−1) + fib(n−2)')),
          column('naive'),
          canvas,
          legend,
          ui.treeCaption,
        ),
        h(
          'section',
          { class: 'pr-card' },
          h('h3', {}, 'Dynamic programming ', h('code', {}, 'FibArray')),
          column('dp'),
          ui.table,
        ),
      ),
    );
    tree = createFibTree(canvas, legend);
    updateTree(ui.naive.field.value);
    return body;
  },
  mount() {
    tree?.redraw();
    if (!dpAnimatedOnce) {
      dpAnimatedOnce = true;
      start('dp'); // the talk's default: fib_dp(50) and its 50-entry table
    } else if (ui.table.childElementCount) {
      animateTable();
    }
  },
  unmount() {
    stopWorker();
    ui.table?.classList.remove('pr-animate');
  },
  keys: [
    { key: 'n', label: 'Run the naive version', run: () => start('naive') },
    { key: 'd', label: 'Run the dynamic-programming version', run: () => start('dp') },
  ],
};
