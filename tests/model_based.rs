//! Real-browser tests of the model-based slide (index.html#/model-based): "Plan (true model)"
//! balances from step 1 (`Episode:1 Score:500.0`), "Learn a model" reaches a 500-step episode
//! within the step budget the slide states, the page keeps ≥ 55 frames/s meanwhile (or, on a
//! machine too busy to give even the idle page 58, within 10 % of its idle rate); the wasm
//! Planner gives the same bits as the native one; bad options are refused naming the field.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::Duration;

use harness::*;
use rl_live::model_based::{LearnConfig, ModelBased, ModelKind};
use rl_live::planner::PlannerConfig;
use serde_json::{Value, json};

/// Two tests measure the frame rate: all three run one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Starts counting animation frames on the page.
const COUNT_FRAMES: &str = "window.__frames = { count: 0 }; const tick = () => { window.__frames.count += 1; requestAnimationFrame(tick); }; requestAnimationFrame(tick); return true;";
const FRAMES_NOW: &str = "return [window.__frames.count, performance.now()];";

/// The page's idle frame rate over 1.5 s (frames counted with COUNT_FRAMES running).
async fn idle_fps(c: &fantoccini::Client) -> f64 {
    let f0 = js(c, FRAMES_NOW).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    fps(&f0, &js(c, FRAMES_NOW).await)
}

/// ≥ 55 frames/s while the demo works — or, when this machine cannot give the idle page 58
/// (other builds on the 2 cores), no more than 10 % below the idle rate measured just before.
fn assert_smooth(busy: f64, idle: f64, what: &str) {
    let floor = if idle >= 58.0 { 55.0 } else { 0.9 * idle };
    assert!(busy >= floor, "the page animated at {busy:.1} frames/s {what} (idle {idle:.1}; floor {floor:.1})");
}

fn fps(f0: &Value, f1: &Value) -> f64 {
    let n = f1[0].as_f64().unwrap() - f0[0].as_f64().unwrap();
    n / ((f1[1].as_f64().unwrap() - f0[1].as_f64().unwrap()) / 1000.0)
}

/// The planner's log lines (`Episode:k Score:n`).
const LOG: &str = "const l = document.querySelector('[data-testid=mb-log]'); return l ? [...l.children].map((li) => li.textContent.trim()) : null;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_with_the_true_model_scores_500_from_the_first_episode() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/model-based", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "model-based").await;
        js(&c, COUNT_FRAMES).await;
        click(&c, "[data-testid=mb-speed]").await; // 4× real time: 500 steps in ≈ 2.5 s
        let idle = idle_fps(&c).await;
        let f0 = js(&c, FRAMES_NOW).await;
        click(&c, "[data-testid=mb-plan]").await;
        // The imagined rollouts reach the canvas while it plays.
        wait_for(&c, "a planner step", "const n = document.querySelector('[data-testid=mb-now]'); return n && n.textContent.startsWith('Episode:1') ? n.textContent : null;", Duration::from_secs(30), |v| v.is_string()).await;
        let log = wait_for(&c, "the episode's log line", LOG, Duration::from_secs(60), |v| v.as_array().is_some_and(|a| !a.is_empty())).await;
        let f1 = js(&c, FRAMES_NOW).await;
        assert_eq!(log, json!(["Episode:1 Score:500.0"]), "the true-model planner balances the whole episode");
        let rate = fps(&f0, &f1);
        eprintln!("true-model planner: {log}; page {rate:.1} frames/s (idle {idle:.1}); compute per action {}", js(&c, "return document.querySelector('[data-testid=mb-ms]').textContent;").await);
        assert_smooth(rate, idle, "while planning");
        let label = js(&c, "return document.querySelector('[data-testid=mb-canvas]').getAttribute('aria-label');").await;
        assert!(label.as_str().unwrap().contains("score 500.0"), "the canvas's text alternative follows the demo: {label}");
        screenshot(&c, "model-based/plan-true-1280x720.png").await;
        assert_no_page_errors(&c, "after planning").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn learn_a_model_reaches_500_within_the_stated_budget_and_compares_with_ppo() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/model-based", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "model-based").await;
        // The budget as the slide states it.
        let text = js(&c, "return document.querySelector('.mb-objective').textContent;").await;
        let budget: f64 = text.as_str().unwrap().split("Budget: ").nth(1).and_then(|s| s.split(' ').next()).map(|s| s.replace(',', "")).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no budget in {text}"));
        js(&c, COUNT_FRAMES).await;
        click(&c, "[data-testid=mb-speed]").await;
        let idle = idle_fps(&c).await;
        let f0 = js(&c, FRAMES_NOW).await;
        click(&c, "[data-testid=mb-learn]").await;
        let steps = wait_for(&c, "the learned planner's 500-step episode", "const t = document.querySelector('[data-testid=mb-mb-steps]').textContent; return t === '—' ? null : t;", Duration::from_secs(150), |v| v.is_string()).await;
        let f1 = js(&c, FRAMES_NOW).await;
        let steps: f64 = steps.as_str().unwrap().replace(',', "").parse().unwrap_or_else(|_| panic!("no 500-step episode: {steps}"));
        let log = js(&c, LOG).await;
        let error = js(&c, "return document.querySelector('[data-testid=mb-one-step]').textContent;").await;
        let rate = fps(&f0, &f1);
        eprintln!("learned model: a 500-step episode after {steps} real steps (budget {budget}); log {log}; one-step error {error}; page {rate:.1} frames/s (idle {idle:.1})");
        assert!(steps <= budget, "{steps} real steps is over the slide's budget of {budget}");
        assert!(log.as_array().unwrap().last().unwrap().as_str().unwrap().ends_with("Score:500.0"), "{log}");
        assert!(error.as_str().unwrap().ends_with('%'), "one-step error shown: {error}");
        assert_smooth(rate, idle, "while the model was learned and used");
        // Then PPO from the same seed, for the side-by-side.
        let ppo = wait_for(&c, "PPO's real steps", "const t = document.querySelector('[data-testid=mb-ppo-steps]').textContent; return t === '—' ? null : t;", Duration::from_secs(120), |v| v.is_string()).await;
        let ppo: f64 = ppo.as_str().unwrap().replace(',', "").parse().unwrap_or_else(|_| panic!("PPO: {ppo}"));
        eprintln!("PPO (deck preset, same seed): first 500-step episode after {ppo} real steps");
        assert!(ppo > steps, "PPO {ppo} vs learned model {steps}");
        screenshot(&c, "model-based/learn-1280x720.png").await;
        set_viewport(&c, 390, 844).await;
        frames(&c).await;
        screenshot(&c, "model-based/learn-390x844.png").await;
        assert_no_page_errors(&c, "after learning").await;
    })
    .await;
}

/// The wasm Planner's true-model episode ends in the same f64 state, bit for bit, as the
/// native one from the same seed; bad options are refused with the field named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wasm_planner_gives_the_native_bits_and_validates_its_options() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut native = ModelBased::new(ModelKind::True, PlannerConfig::default(), LearnConfig::default(), 3).unwrap();
    native.reset();
    for _ in 0..200 {
        native.step();
    }
    let want: Vec<String> = native.state().iter().map(|v| format!("{:016x}", v.to_bits())).collect();
    let url = format!("{}index.html", serve_site());
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        let got = js_async(&c, "const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href); await m.default(); const { Planner } = m; const p = new Planner({ model: 'true', seed: 3 }); p.reset(); for (let i = 0; i < 200; i++) p.step(); const s = p.state(); const v = new DataView(new ArrayBuffer(8)); return Array.from(s, (x) => { v.setFloat64(0, x); return v.getBigUint64(0).toString(16).padStart(16, '0'); });", vec![]).await;
        assert_eq!(got, json!(want), "browser vs native state after 200 true-model planner steps");
        let errors = js_async(&c, "const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href); await m.default(); const { Planner } = m; const out = []; for (const o of [{ horizon: 0 }, { samples: 1e6 }, { model: 'oracle' }, { horizon: 'long' }, { speed: 1 }, { random_steps: 5 }]) { try { new Planner(o); out.push('accepted'); } catch (e) { out.push(e.message); } } return out;", vec![]).await;
        let errors: Vec<&str> = errors.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(errors[0], "new Planner: horizon = 0 is outside 1..=200");
        assert_eq!(errors[1], "new Planner: samples = 1000000 is outside 1..=2000");
        assert!(errors[2].contains("model must be \"true\" or \"learned\""), "{}", errors[2]);
        assert!(errors[3].contains("horizon must be a whole number"), "{}", errors[3]);
        assert!(errors[4].contains("unknown option \"speed\""), "{}", errors[4]);
        assert_eq!(errors[5], "new Planner: random_steps = 5 is outside 100..=20000");
        assert_no_page_errors(&c, "after the Planner API checks").await;
    })
    .await;
}
