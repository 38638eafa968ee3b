// Fibonacci runs for the `fibonacci` slide, shared by the page and fib-worker.js.
//
// compute(wasm, kind, n) calls the core's fib_naive / fib_dp and returns a plain, cloneable
// summary: { kind, n, value (decimal string), calls?, tableLength?, head?, tail?, ms }.
// Only the first HEAD and the last TAIL table entries are converted to strings: fib_dp(20000)
// has 20,000 entries of up to 4,180 digits, which nobody reads and no slide can show.

export const NAIVE_MAX = 38; // the core's limit (fib::NAIVE_MAX_N)
export const DP_MAX = 20000; // fib::DP_MAX_N
export const HEAD = 60;
export const TAIL = 2;

export function compute(wasm, kind, n) {
  const t0 = performance.now();
  const r = kind === 'naive' ? wasm.fib_naive(n) : wasm.fib_dp(n);
  const ms = performance.now() - t0;
  const out = { kind, n, value: r.value.toString(), ms };
  if (kind === 'naive') {
    out.calls = r.calls;
  } else {
    const t = r.table;
    out.tableLength = t.length;
    if (t.length <= HEAD) {
      out.head = t.map(String);
      out.tail = [];
    } else {
      out.head = t.slice(0, HEAD - 12).map(String);
      out.tail = t.slice(t.length - TAIL).map(String);
    }
  }
  return out;
}

/** True when a run is slow enough (≳ 60 ms) that it belongs in the worker. */
export const isHeavy = (kind, n) => (kind === 'naive' ? n >= 35 : n >= 3000);
