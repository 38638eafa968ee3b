//! The algorithm race's rows of `cargo xtask bench`: PPO, A2C and DQN with their `deck`
//! presets, seeds 0-9, natively (the CLI's engine, through `Learner`) and in headless Chromium
//! (`bench/race.html`: the deck's training worker, one run after another), under the race's
//! definition of solved (`rl_live::solved`): the first periodic greedy evaluation (every 2,048
//! env steps, 10 episodes) whose mean reaches 475. Evaluation time counts in the seconds.
//! The `zoo` presets run natively on seeds 0-2, to show they solve too.
//!
//! summary.json gets `algos.<name>.{browser,native}` with the PPO entries' field names
//! (`median_time_to_solve_s`, `median_steps_to_solve`, `solved_seeds`, `fps`, `runs`),
//! `algos.<name>.zoo_native`, and `race_slide` (the deck's race: rAF fps while three workers
//! train).

use crate::bench::{Driver, median};
use rl_live::cartpole::Version;
use rl_live::learner::{Algo, Config};
use rl_live::solved::GreedyEvaluations;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

const SEEDS: std::ops::RangeInclusive<u64> = 0..=9;
const ZOO_SEEDS: std::ops::RangeInclusive<u64> = 0..=2;

/// SB3 with rl-baselines3-zoo's settings under the same definition of solved, seeds 0-2,
/// torch on one thread, on a quiet machine of this kind (`bench/sb3_reference.py --algos ppo
/// a2c dqn --settings zoo --solved eval`; docs/a2c_dqn.md): median steps, median seconds.
pub fn sb3_zoo(algo: Algo) -> (f64, f64) {
    match algo {
        Algo::Ppo => (14_336.0, 8.6),
        Algo::A2c => (12_288.0, 5.1),
        Algo::Dqn => (26_624.0, 27.5),
    }
}

/// One run to the race's solve (or to its budget).
fn native_run(algo: Algo, preset: &str, seed: u64) -> Value {
    let config = Config::preset(algo, preset).expect("the presets are valid");
    let mut learner = config.learner(Version::V1, seed).expect("the presets are valid");
    let mut evals = GreedyEvaluations::new(seed);
    let start = Instant::now();
    let clock = || start.elapsed().as_secs_f64();
    let mut solved = None;
    let mut last_eval = None;
    while !learner.is_done() {
        learner.train_iteration(&clock);
        if let Some(e) = evals.evaluate_if_due(&*learner) {
            last_eval = Some(e.evaluation.mean());
            if e.solved {
                solved = Some(clock());
                break;
            }
        }
    }
    let steps = learner.total_timesteps();
    json!({
        "seed": seed, "solved": solved.is_some(), "steps": steps, "seconds": solved,
        "eval_mean": last_eval, "fps": steps as f64 / clock(),
    })
}

/// Native runs: `{ "<algo>": { "deck": [run], "zoo": [run] } }`.
pub fn native() -> Value {
    let mut out = serde_json::Map::new();
    for algo in Algo::ALL {
        let deck: Vec<Value> = SEEDS.map(|s| native_run(algo, "deck", s)).collect();
        let zoo: Vec<Value> = ZOO_SEEDS.map(|s| native_run(algo, "zoo", s)).collect();
        out.insert(algo.name().into(), json!({ "deck": deck, "zoo": zoo }));
    }
    Value::Object(out)
}

/// Browser runs of every algorithm's deck preset, on the bench's Chromium:
/// `{ "<algo>": { runs, warmup_ms, raf_fps }, "deck_race": { raf_fps, longest_frame_ms, seconds } }`
/// — the last is the deck's own race (#/race, Race clicked, three workers at once, seed 0),
/// with requestAnimationFrame counted on the page until every algorithm has finished.
pub fn browser(d: &Driver, base: &str) -> Result<Value> {
    let mut out = serde_json::Map::new();
    for algo in Algo::ALL {
        d.goto(&format!("{base}/bench/race.html?algo={}&seeds={}-{}", algo.name(), SEEDS.start(), SEEDS.end()))?;
        let v = d.wait("return window.__benchRace?.done ? window.__benchRace : null;", Duration::from_secs(600))?;
        if let Some(e) = v["error"].as_str() {
            return Err(format!("race browser bench ({}): {e}", algo.name()));
        }
        out.insert(algo.name().into(), v);
    }
    d.goto(&format!("{base}/index.html#/race"))?;
    d.wait("return document.body?.dataset.ready === '1' && document.querySelector('.slide-race [data-action=race]') ? true : null;", Duration::from_secs(30))?;
    d.eval(
        "window.__frames = { count: 0, longest: 0, last: 0, t0: performance.now() };\
         const tick = (t) => { const f = window.__frames; if (f.done) return; if (f.last) f.longest = Math.max(f.longest, t - f.last); f.last = t; f.count += 1; requestAnimationFrame(tick); };\
         requestAnimationFrame(tick); return true;",
    )?;
    d.click(".slide-race [data-action=race]")?;
    let race = "window.__rlLiveRace";
    let v = d.wait(
        &format!("const s = {race}?.state; if (s !== 'done' && s !== 'error') return null; const f = window.__frames; f.done = true;\
                  return {{ state: s, raf_fps: f.count / ((performance.now() - f.t0) / 1000), longest_frame_ms: f.longest, seconds: (performance.now() - f.t0) / 1000 }};"),
        Duration::from_secs(300),
    )?;
    if v["state"] != "done" {
        return Err(format!("the deck's race ended in {}", v["state"]));
    }
    out.insert("deck_race".into(), v);
    Ok(Value::Object(out))
}

/// Medians and counts of a list of runs, with the PPO entries' field names.
fn summarise(runs: &[Value]) -> Value {
    let solved: Vec<&Value> = runs.iter().filter(|r| r["solved"] == Value::Bool(true)).collect();
    let f = |k: &str| -> Vec<f64> { solved.iter().filter_map(|r| r[k].as_f64()).collect() };
    json!({
        "solved_seeds": solved.len(),
        "seeds": runs.len(),
        "median_steps_to_solve": median(f("steps")),
        "median_time_to_solve_s": median(f("seconds")),
        "fps": median(runs.iter().filter_map(|r| r["fps"].as_f64()).collect()),
        "runs": runs,
    })
}

/// summary.json's `algos`.
pub fn summary(native: &Value, browser: &Value) -> Value {
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let mut out = serde_json::Map::new();
    for algo in Algo::ALL {
        let n = algo.name();
        let mut browser_side = summarise(&list(&browser[n]["runs"]));
        browser_side["raf_fps_while_training"] = browser[n]["raf_fps"].clone();
        browser_side["worker_warmup_ms"] = browser[n]["warmup_ms"].clone();
        out.insert(n.into(), json!({
            "preset": Config::preset(algo, "deck").expect("valid"),
            "browser": browser_side,
            "native": summarise(&list(&native[n]["deck"])),
            "zoo_native": summarise(&list(&native[n]["zoo"])),
        }));
    }
    Value::Object(out)
}

fn fmt(v: &Value, digits: usize) -> String {
    v.as_f64().map(|x| format!("{x:.digits$}")).unwrap_or_else(|| "—".into())
}

/// The race's table and its targets.
pub fn print(algos: &Value, race_slide: &Value) {
    let seeds = SEEDS.count();
    println!("\nalgorithm race — deck presets, CartPole-v1, seeds 0-9; solved = the first greedy evaluation");
    println!("(every 2,048 env steps, 10 episodes) with mean ≥ 475, evaluation time included (medians)\n");
    println!("| algorithm | where | solved | median steps to solve | median s to solve | env steps/s |");
    println!("|---|---|---:|---:|---:|---:|");
    for algo in Algo::ALL {
        let a = &algos[algo.name()];
        let (sb3_steps, sb3_secs) = sb3_zoo(algo);
        for (where_, s) in [("browser", &a["browser"]), ("native", &a["native"]), ("native, zoo preset", &a["zoo_native"])] {
            println!(
                "| {} | {where_} | {}/{} | {} | {} | {} |",
                algo.name().to_uppercase(), s["solved_seeds"], s["seeds"],
                fmt(&s["median_steps_to_solve"], 0), fmt(&s["median_time_to_solve_s"], 2), fmt(&s["fps"], 0)
            );
        }
        println!("| {} | SB3 zoo (docs/a2c_dqn.md) | 3/3 | {sb3_steps:.0} | {sb3_secs:.1} | — |", algo.name().to_uppercase());
    }
    println!("\nrace targets (browser, deck presets):");
    let mark = |ok: bool| if ok { "met" } else { "NOT met" };
    let race = race_slide;
    let fps = race["raf_fps"].as_f64().unwrap_or(0.0);
    println!(
        "  the deck's race slide animates at ≥ 55 fps while three workers race: {fps:.1} fps (longest frame {} ms, race {} s) — {}",
        fmt(&race["longest_frame_ms"], 0), fmt(&race["seconds"], 1), mark(fps >= 55.0)
    );
    for algo in Algo::ALL {
        let a = &algos[algo.name()];
        let b = &a["browser"];
        let name = algo.name().to_uppercase();
        let (sb3_steps, sb3_secs) = sb3_zoo(algo);
        let solved = b["solved_seeds"].as_u64().unwrap_or(0);
        let secs = b["median_time_to_solve_s"].as_f64().unwrap_or(f64::INFINITY);
        let steps = b["median_steps_to_solve"].as_f64().unwrap_or(f64::INFINITY);
        let zoo = &a["zoo_native"];
        println!("  {name}: ≥ 9/{seeds} seeds solved: {solved}/{seeds} — {}", mark(solved >= 9));
        println!("  {name}: median time ≤ 1/10 of SB3 zoo's {sb3_secs} s ({:.2} s): {secs:.2} s — {}", sb3_secs / 10.0, mark(secs <= sb3_secs / 10.0));
        println!("  {name}: median steps ≤ SB3 zoo's {sb3_steps:.0}: {steps:.0} — {}", mark(steps <= sb3_steps));
        println!("  {name}: the zoo preset solves (native, seeds 0-2): {}/{} — {}", zoo["solved_seeds"], zoo["seeds"], mark(zoo["solved_seeds"] == zoo["seeds"]));
    }
}
