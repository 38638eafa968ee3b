// What every bench page shares: the seeds of its query (`?seeds=0-9` or `?seeds=1,4`), the
// result object that `cargo xtask bench` reads from `window` once `done` is true, its display
// in the page's <pre id="out">, and the way a failure ends the run.

/** `?seeds=A-B` or a comma list; `fallback` when the query has none. */
export function seedsFromQuery(fallback = '0-9') {
  const text = new URLSearchParams(location.search).get('seeds') || fallback;
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m) return text.split(',').map(Number);
  const seeds = [];
  for (let s = Number(m[1]); s <= Number(m[2]); s++) seeds.push(s);
  return seeds;
}

/**
 * The page's result object, published as `window[name]` with `done: false, error: null` and
 * `fields`; `show()` prints it; `run(main)` runs the page and records a throw as its error.
 */
export function benchPage(name, fields) {
  const out = document.getElementById('out');
  const bench = { done: false, error: null, ...fields };
  window[name] = bench;
  const show = () => {
    out.textContent = JSON.stringify(bench, null, 1);
  };
  const run = (main) =>
    main().catch((e) => {
      bench.error = e instanceof Error ? e.message : String(e);
      bench.done = true;
      show();
    });
  return { bench, show, run };
}
