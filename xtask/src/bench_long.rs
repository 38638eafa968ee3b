//! `cargo xtask bench-long`: does the deck stay lean over a long session? In headless Chromium
//! (the same chromedriver session code as `bench`, plus `--enable-precise-memory-info` and
//! `--js-flags=--expose-gc`):
//!
//! 1. training: `#/training`, the real Train button, for `--minutes` (default 30) with
//!    `total_timesteps` set to `--total-timesteps` (default 1,000,000: a run lasts about a
//!    minute and its curve passes the session's 2,000-row bound) and Train pressed again each
//!    time a run ends; every minute, after a forced GC: the page's JS heap, the page's and the
//!    worker's wasm memory, the curve's rows, the DOM size, the saved record's size;
//! 2. slides: `--slides` (default 10,000) slide changes through the deck (one per animation
//!    frame, back and forth over every slide, so every demo mounts and unmounts), the JS heap
//!    and the DOM size every 1,000 after a forced GC.
//!
//! Prints the figures as tables and writes target/bench/long.json. Not part of `test`.

use crate::bench::Driver;
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

pub struct Options {
    minutes: f64,
    slides: u64,
    total_timesteps: u64,
}

pub const USAGE: &str = "cargo xtask bench-long [--minutes N] [--slides N] [--total-timesteps N]";

pub fn parse(args: &[String]) -> Result<Options> {
    let mut o = Options { minutes: 30.0, slides: 10_000, total_timesteps: 1_000_000 };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| it.next().cloned()).ok_or(format!("{name} needs a value (usage: {USAGE})"));
        match name {
            "--minutes" => {
                let v = value()?;
                o.minutes = v.parse().ok().filter(|m: &f64| m.is_finite() && *m >= 0.0).ok_or(format!("--minutes must be a number ≥ 0, got {v:?}"))?;
            }
            "--slides" => {
                let v = value()?;
                o.slides = v.parse().map_err(|_| format!("--slides must be a whole number ≥ 0, got {v:?}"))?;
            }
            "--total-timesteps" => {
                let v = value()?;
                o.total_timesteps = v.parse().ok().filter(|n| (256..=10_000_000).contains(n)).ok_or(format!("--total-timesteps must be from 256 to 10000000, got {v:?}"))?;
            }
            _ => return Err(format!("unexpected argument {a:?} (usage: {USAGE})")),
        }
    }
    Ok(o)
}

const MB: f64 = 1024.0 * 1024.0;

/// Runs `body` (an async function body) in the page and returns its value (polling for it, as
/// the bench's WebDriver client only has synchronous execute).
fn eval_async(d: &Driver, body: &str, timeout: Duration) -> Result<Value> {
    d.eval(&format!(
        "window.__xr = null; (async () => {{ {body} }})().then((v) => {{ window.__xr = {{ ok: v }}; }}, (e) => {{ window.__xr = {{ err: String(e && e.stack || e) }}; }}); return true;"
    ))?;
    let v = d.wait("return window.__xr;", timeout)?;
    match v.get("err") {
        Some(e) => Err(format!("page script failed: {e}")),
        None => Ok(v.get("ok").cloned().unwrap_or(Value::Null)),
    }
}

/// One sample, after two forced full GCs of the page (the worker's JS heap cannot be read).
const SAMPLE: &str = r#"
    const settle = () => new Promise((r) => setTimeout(r, 50));
    if (window.gc) { window.gc(); await settle(); window.gc(); }
    const s = window.__rlLiveTraining && window.__rlLiveTraining.session;
    const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href);
    const pageWasm = (await m.default()).memory.buffer.byteLength;
    let workerWasm = null;
    if (s && s.worker) {
      const w = s.worker;
      workerWasm = await new Promise((resolve) => {
        const on = (e) => { if (e.data && e.data.type === 'memory') { clearTimeout(t); w.removeEventListener('message', on); resolve(e.data.wasm_bytes); } };
        const t = setTimeout(() => { w.removeEventListener('message', on); resolve(null); }, 5000);
        w.addEventListener('message', on);
        w.postMessage({ type: 'memory' });
      });
    }
    let saved = null;
    try { saved = (localStorage.getItem('rl-live.training.v1') || '').length; } catch { saved = null; }
    return {
      heap: performance.memory.usedJSHeapSize, heap_total: performance.memory.totalJSHeapSize,
      page_wasm: pageWasm, worker_wasm: workerWasm,
      rows: s ? s.history.rows.length : null, previous_rows: s && s.previous ? s.previous.rows.length : null,
      episodes: s ? s.episodes.length : null, state: s ? s.state : null, steps: s ? s.totalTimesteps : null,
      run: s ? s.run : null, dom_nodes: document.getElementsByTagName('*').length, saved_chars: saved,
      errors: (window.__rlLiveErrors || []).length, gc: typeof window.gc === 'function',
    };
"#;

fn sample(d: &Driver) -> Result<Value> {
    eval_async(d, SAMPLE, Duration::from_secs(30))
}

/// Least-squares slope of y over x (None with fewer than 2 points).
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let (mx, my) = (points.iter().map(|p| p.0).sum::<f64>() / n, points.iter().map(|p| p.1).sum::<f64>() / n);
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    (sxx > 0.0).then(|| points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>() / sxx)
}

fn mb(v: &Value) -> String {
    v.as_f64().map(|b| format!("{:.1}", b / MB)).unwrap_or_else(|| "—".into())
}

pub fn bench_long(root: &Path, target: &Path, build: impl Fn() -> Result, o: Options) -> Result {
    let t0 = Instant::now();
    build()?;
    let server = rl_live_serve::Server::bind(root, 0).map_err(|e| format!("static server: {e}"))?;
    let base = server.spawn();
    let base = base.trim_end_matches('/');
    let d = Driver::start_with(&["--enable-precise-memory-info", "--js-flags=--expose-gc"])?;
    let ready = "return document.body && document.body.dataset.ready === '1' && window.__rlLiveDeck ? true : null;";

    // ── 1. training ──
    let mut training = Vec::new();
    let (mut runs_finished, mut steps_done, mut run_errors) = (0u64, 0u64, Vec::new());
    if o.minutes > 0.0 {
        eprintln!("xtask bench-long: training for {} min on #/training (total_timesteps {} per run) …", o.minutes, o.total_timesteps);
        d.goto(&format!("{base}/index.html#/training"))?;
        d.wait(ready, Duration::from_secs(30))?;
        d.wait("return document.querySelector('.slide-training [data-action=train]') && window.__rlLiveTraining ? true : null;", Duration::from_secs(30))?;
        // total_timesteps through its field, as a person would type it (a field takes its value
        // on change: Enter, Tab or blur).
        let set = d.eval(&format!(
            "const d = document.querySelector('.slide-training .train-knobs'); d.open = true;\
             const i = document.querySelector('.slide-training input[data-knob=total_timesteps]');\
             i.value = '{}'; i.dispatchEvent(new Event('input')); i.dispatchEvent(new Event('change')); d.open = false;\
             return window.__rlLiveTraining.session.config.total_timesteps ?? null;",
            o.total_timesteps
        ))?;
        if set.as_u64() != Some(o.total_timesteps) && o.total_timesteps != 100_000 {
            return Err(format!("could not set total_timesteps to {} (the session has {set})", o.total_timesteps));
        }
        let first = sample(&d)?;
        training.push(json!({ "minute": 0.0, "runs_finished": 0, "steps_trained": 0, "sample": first }));
        // Fast-forward, as a learner picks it: the deck's default Talk pace would stretch each
        // run to ~40 s and leave the long run mostly idle.
        d.click(".slide-training [data-speed=fast]")?;
        d.click(".slide-training [data-action=train]")?;
        let start = Instant::now();
        let total = Duration::from_secs_f64(o.minutes * 60.0);
        let mut next = Duration::from_secs(60).min(total);
        let mut last_steps = 0u64;
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let st = d.eval("const s = window.__rlLiveTraining.session; return { state: s.state, steps: s.totalTimesteps, error: s.error && s.error.message };")?;
            let steps = st["steps"].as_u64().unwrap_or(0);
            if steps < last_steps {
                steps_done += last_steps; // a new run began
            }
            last_steps = steps;
            let state = st["state"].as_str().unwrap_or("");
            if (state == "done" || state == "error") && start.elapsed() < total {
                if state == "error" {
                    run_errors.push(st["error"].clone());
                }
                runs_finished += 1;
                d.click(".slide-training [data-action=train]")?;
            }
            if start.elapsed() >= next {
                let minute = start.elapsed().as_secs_f64() / 60.0;
                let s = sample(&d)?;
                eprintln!(
                    "  {minute:5.1} min: heap {} MB, worker wasm {} MB, rows {}, runs finished {runs_finished}",
                    mb(&s["heap"]), mb(&s["worker_wasm"]), s["rows"]
                );
                training.push(json!({ "minute": minute, "runs_finished": runs_finished, "steps_trained": steps_done + last_steps, "sample": s }));
                if next >= total {
                    break;
                }
                next = (next + Duration::from_secs(60)).min(total);
            }
        }
        steps_done += last_steps;
        d.click(".slide-training [data-action=pause]").ok();
    }

    // ── 2. slide changes ──
    let mut slides = Vec::new();
    let mut slide_seconds = 0.0;
    if o.slides > 0 {
        eprintln!("xtask bench-long: {} slide changes …", o.slides);
        d.goto("about:blank")?;
        d.goto(&format!("{base}/index.html#/title"))?;
        d.wait(ready, Duration::from_secs(30))?;
        std::thread::sleep(Duration::from_millis(500));
        slides.push(json!({ "changes": 0, "seconds": 0.0, "sample": sample(&d)? }));
        let t = Instant::now();
        let mut done = 0u64;
        while done < o.slides {
            let batch = (o.slides - done).min(1000);
            eval_async(
                &d,
                &format!(
                    "const deck = window.__rlLiveDeck; const frame = () => new Promise((r) => requestAnimationFrame(r));\
                     window.__dir = window.__dir || 1;\
                     for (let k = 0; k < {batch}; k++) {{\
                       if (deck.index >= deck.length - 1) window.__dir = -1; else if (deck.index <= 0) window.__dir = 1;\
                       if (window.__dir > 0) deck.next(); else deck.prev();\
                       await frame();\
                     }}\
                     return deck.index;"
                ),
                Duration::from_secs(900),
            )?;
            done += batch;
            let s = sample(&d)?;
            eprintln!("  {done:6} changes: heap {} MB, {} DOM nodes ({:.0} s)", mb(&s["heap"]), s["dom_nodes"], t.elapsed().as_secs_f64());
            slides.push(json!({ "changes": done, "seconds": t.elapsed().as_secs_f64(), "sample": s }));
        }
        slide_seconds = t.elapsed().as_secs_f64();
    }
    let page_errors = d.eval("return window.__rlLiveErrors || null;")?;
    drop(d);

    // ── summary ──
    let series = |rows: &[Value], x: &str, key: &str, skip_first: bool| -> Vec<(f64, f64)> {
        rows.iter()
            .skip(usize::from(skip_first))
            .filter_map(|r| Some((r[x].as_f64()?, r["sample"][key].as_f64()?)))
            .collect()
    };
    // The first minute includes warm-up (wasm compiled, first allocations): slopes from minute 1.
    let heap_per_min = slope(&series(&training, "minute", "heap", true)).map(|s| s / MB);
    let worker_per_min = slope(&series(&training, "minute", "worker_wasm", true)).map(|s| s / MB);
    let heap_per_1000 = slope(&series(&slides, "changes", "heap", true)).map(|s| s * 1000.0 / MB);
    let dom_per_1000 = slope(&series(&slides, "changes", "dom_nodes", true)).map(|s| s * 1000.0);
    let summary = json!({
        "note": "JS heap = performance.memory.usedJSHeapSize of the page after forced GCs (--enable-precise-memory-info, --expose-gc); wasm = WebAssembly.Memory byteLength (it only grows); slopes by least squares, without the first sample (warm-up)",
        "options": { "minutes": o.minutes, "slides": o.slides, "total_timesteps": o.total_timesteps },
        "training": {
            "samples": training,
            "runs_finished": runs_finished,
            "steps_trained": steps_done,
            "run_errors": run_errors,
            "heap_mb_per_minute": heap_per_min,
            "worker_wasm_mb_per_minute": worker_per_min,
        },
        "slides": {
            "samples": slides,
            "seconds": slide_seconds,
            "heap_mb_per_1000_changes": heap_per_1000,
            "dom_nodes_per_1000_changes": dom_per_1000,
        },
        "page_errors": page_errors,
        "bench_seconds": t0.elapsed().as_secs_f64(),
    });
    let dir = target.join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let path = dir.join("long.json");
    std::fs::write(&path, serde_json::to_string_pretty(&summary).unwrap()).map_err(|e| format!("write {}: {e}", path.display()))?;
    print_tables(&summary);
    println!("\nwrote {} ({:.0} s)", crate::rel(&path), t0.elapsed().as_secs_f64());
    Ok(())
}

fn print_tables(s: &Value) {
    let f = |v: &Value, d: usize| v.as_f64().map(|x| format!("{x:.d$}")).unwrap_or_else(|| "—".into());
    let t = &s["training"];
    if let Some(rows) = t["samples"].as_array().filter(|r| !r.is_empty()) {
        println!(
            "\nrl-live bench-long — training on #/training ({} min, total_timesteps {} per run; {} runs finished, {} steps)\n",
            s["options"]["minutes"], s["options"]["total_timesteps"], t["runs_finished"], t["steps_trained"]
        );
        println!("| min | JS heap MB | page wasm MB | worker wasm MB | curve rows | previous rows | DOM nodes | saved KB | state |");
        println!("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for r in rows {
            let x = &r["sample"];
            println!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                f(&r["minute"], 1), mb(&x["heap"]), mb(&x["page_wasm"]), mb(&x["worker_wasm"]),
                x["rows"], x["previous_rows"], x["dom_nodes"],
                x["saved_chars"].as_f64().map(|c| format!("{:.0}", c / 1024.0)).unwrap_or_else(|| "—".into()),
                x["state"].as_str().unwrap_or("—")
            );
        }
        println!("JS heap {} MB/min, worker wasm {} MB/min (from minute 1 on)", f(&t["heap_mb_per_minute"], 3), f(&t["worker_wasm_mb_per_minute"], 3));
    }
    let sl = &s["slides"];
    if let Some(rows) = sl["samples"].as_array().filter(|r| !r.is_empty()) {
        println!("\nrl-live bench-long — {} slide changes ({} s)\n", s["options"]["slides"], f(&sl["seconds"], 0));
        println!("| changes | JS heap MB | page wasm MB | DOM nodes | s |");
        println!("|---:|---:|---:|---:|---:|");
        for r in rows {
            let x = &r["sample"];
            println!("| {} | {} | {} | {} | {} |", r["changes"], mb(&x["heap"]), mb(&x["page_wasm"]), x["dom_nodes"], f(&r["seconds"], 0));
        }
        println!("JS heap {} MB per 1,000 changes, DOM {} nodes per 1,000 changes", f(&sl["heap_mb_per_1000_changes"], 3), f(&sl["dom_nodes_per_1000_changes"], 1));
    }
    println!("page errors: {}", s["page_errors"]);
}
