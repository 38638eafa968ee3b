// Module worker for the `fibonacci` slide: runs long Fibonacci computations off the main
// thread so the deck stays responsive (naive n = 38 takes ~0.25 s, fib_dp(20000) ~2 s).
// Loaded with new Worker(url, { type: 'module' }) — same origin, so CSP script-src 'self' holds.
import init, * as wasm from '../pkg/rl_live.js';
import { compute } from './fib-compute.js';

const ready = init();

self.onmessage = async (event) => {
  const { id, kind, n } = event.data;
  try {
    await ready;
    self.postMessage({ id, ok: true, result: compute(wasm, kind, n) });
  } catch (err) {
    self.postMessage({ id, ok: false, message: err && err.message ? err.message : String(err) });
  }
};
