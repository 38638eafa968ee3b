//! The model-based rows of `cargo xtask bench`: the core's planner at the deck's defaults,
//! natively (the CLI's engine) and in headless Chromium (`bench/model-based.html`, the wasm
//! `Planner` on the page's thread), seeds 0-9.
//!
//! True model: one episode per seed, its score and milliseconds per action. Learned model:
//! real env steps (random play included) to the first 500-step episode within `BUDGET`.

use crate::bench::{Driver, median};
use rl_live::model_based::{LearnConfig, ModelBased, ModelKind};
use rl_live::planner::PlannerConfig;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

const SEEDS: std::ops::RangeInclusive<u64> = 0..=9;
/// The slide's budget of real steps (www/demos/model-based.js).
const BUDGET: u64 = 10_000;

/// Native runs: `{ true_model: [{seed, score, ms}], learned: [{seed, solved_at, ms_per_action}] }`.
pub fn native() -> Value {
    let mut true_model = Vec::new();
    let mut learned = Vec::new();
    for seed in SEEDS {
        for kind in [ModelKind::True, ModelKind::Learned] {
            let mut run = ModelBased::new(kind, PlannerConfig::default(), LearnConfig::default(), seed).expect("defaults are valid");
            let start = Instant::now();
            let clock = || start.elapsed().as_secs_f64();
            let r = run.run_to_solve(if kind == ModelKind::True { 1 } else { BUDGET }, &clock);
            let ms = r.plan_seconds * 1000.0 / r.plan_steps.max(1) as f64;
            match kind {
                ModelKind::True => true_model.push(json!({ "seed": seed, "score": r.episodes[0].score, "ms": ms })),
                ModelKind::Learned => learned.push(json!({
                    "seed": seed, "solved_at": r.solved_at, "ms_per_action": ms, "seconds": clock(),
                    "one_step_error": r.fits.iter().map(|f| f.error.one_step).collect::<Vec<_>>(),
                    "multi_step_error": r.fits.iter().map(|f| f.error.multi_step).collect::<Vec<_>>(),
                })),
            }
        }
    }
    json!({ "true_model": true_model, "learned": learned })
}

/// Browser runs, on the bench's Chromium.
pub fn browser(d: &Driver, base: &str) -> Result<Value> {
    d.goto(&format!("{base}/bench/model-based.html?seeds={}-{}", SEEDS.start(), SEEDS.end()))?;
    let v = d.wait("return window.__benchMb?.done ? window.__benchMb : null;", Duration::from_secs(600))?;
    if let Some(e) = v["error"].as_str() {
        return Err(format!("model-based browser bench: {e}"));
    }
    Ok(json!({ "true_model": v["true_model"], "learned": v["learned"] }))
}

/// Medians and counts of one side (native or browser), as summary.json stores them.
pub fn summarise(runs: &Value) -> Value {
    let list = |k: &str| runs[k].as_array().cloned().unwrap_or_default();
    let (t, l) = (list("true_model"), list("learned"));
    let perfect = t.iter().filter(|r| r["score"].as_f64() == Some(500.0)).count();
    let solved: Vec<f64> = l.iter().filter_map(|r| r["solved_at"].as_f64()).collect();
    json!({
        "true_model_perfect_seeds": perfect,
        "true_model_seeds": t.len(),
        "true_model_median_ms_per_action": median(t.iter().filter_map(|r| r["ms"].as_f64()).collect()),
        "learned_solved_seeds": solved.len(),
        "learned_seeds": l.len(),
        // Unsolved seeds count as "more than the budget" in the median.
        "learned_median_env_steps_to_500": median(l.iter().map(|r| r["solved_at"].as_f64().unwrap_or(f64::INFINITY)).collect()),
        "learned_median_ms_per_action": median(l.iter().filter_map(|r| r["ms_per_action"].as_f64()).collect()),
        "learned_median_one_step_error_first_fit": median(l.iter().filter_map(|r| r["one_step_error"][0].as_f64()).collect()),
        "runs": runs,
    })
}

/// The table rows and the targets, each met or NOT met.
pub fn print(native: &Value, browser: &Value) {
    let f = |v: &Value| v.as_f64().map(|x| if x.is_finite() { format!("{x:.3}") } else { "∞".into() }).unwrap_or_else(|| "—".into());
    let steps = |v: &Value| v.as_f64().map(|x| if x.is_finite() { format!("{x:.0}") } else { format!("> {BUDGET}") }).unwrap_or_else(|| "—".into());
    println!("\nmodel-based planner (deck defaults: {}), seeds 0-9:\n", PlannerConfig::default());
    println!("| | true model 500/500 | ms per action | learned: solved | median real steps to a 500-step episode | ms per action |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, s) in [("browser (wasm, headless Chromium)", browser), ("native (CLI engine)", native)] {
        println!(
            "| {name} | {}/{} | {} | {}/{} | {} | {} |",
            s["true_model_perfect_seeds"], s["true_model_seeds"], f(&s["true_model_median_ms_per_action"]),
            s["learned_solved_seeds"], s["learned_seeds"], steps(&s["learned_median_env_steps_to_500"]),
            f(&s["learned_median_ms_per_action"]),
        );
    }
    let mark = |ok: bool| if ok { "met" } else { "NOT met" };
    let b = browser;
    let n = |v: &Value| v.as_f64().unwrap_or(f64::INFINITY);
    println!("\nmodel-based targets (browser):");
    println!("  true model 500/500 in 10/10 seeds: {}/{} — {}", b["true_model_perfect_seeds"], b["true_model_seeds"], mark(b["true_model_perfect_seeds"] == 10));
    let ms = n(&b["true_model_median_ms_per_action"]);
    println!("  true model ≤ 5 ms per action: {ms:.3} ms — {}", mark(ms <= 5.0));
    let med = n(&b["learned_median_env_steps_to_500"]);
    println!("  learned model: median real steps to a 500-step episode ≤ 5,000: {} — {}", steps(&b["learned_median_env_steps_to_500"]), mark(med <= 5000.0));
    let solved = b["learned_solved_seeds"].as_u64().unwrap_or(0);
    println!("  learned model: ≥ 8/10 seeds reach a 500-step episode: {solved}/10 — {}", mark(solved >= 8));
}
