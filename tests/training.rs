//! Real-browser tests of live training through the deck itself (index.html#/training, …):
//! train to ep_rew_mean ≥ 475 while the UI keeps animating, pause within a frame, training
//! continues on other slides (whose components stay unmounted), a reload restores the last
//! saved agent and curves; the bundled agent on #/trained-agent balances 5/5, the random agent
//! stays under 60, download → reload → import evaluates bit for bit the same.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::{Duration, Instant};

use harness::*;
use serde_json::{Value, json};

/// The tests here train and measure the frame rate: run them one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Reads the training slide's SB3 table as { key: text }.
const TABLE: &str = "const o = {}; for (const td of document.querySelectorAll('.slide-training .sb3-value')) o[td.dataset.key] = td.textContent; return o;";
fn num(v: &Value) -> f64 {
    v.as_str().unwrap_or("").trim().parse().unwrap_or(0.0)
}

/// Train with the default settings by clicking Train on #/training: ep_rew_mean ≥ 475 within
/// 100k steps, the table's values are finite and update, the page keeps animating (rAF rate
/// measured), Pause freezes the step count within a frame; training continues on another
/// slide (where the training slide's table is unmounted and stops updating) and shows there;
/// then a reload mid-training restores the last saved agent and its curves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn train_on_the_training_slide_to_475_pause_navigate_and_restore() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        assert_no_page_errors(&c, "after load").await;
        assert_eq!(js(&c, &format!("return {SESSION}.agentJson;")).await, Value::Null, "fresh profile has no saved agent");
        // requestAnimationFrame counter: the UI thread's frame rate while the worker trains.
        js(&c, "window.__frames = { count: 0 }; const tick = () => { window.__frames.count += 1; requestAnimationFrame(tick); }; requestAnimationFrame(tick); return true;").await;

        // Fast-forward (the default is the slower Talk pace, tests/onstage.rs).
        click(&c, ".slide-training [data-speed=fast]").await;
        click(&c, ".slide-training [data-action=train]").await;
        let t0 = Instant::now();
        let f0 = js(&c, "return [window.__frames.count, performance.now()];").await;
        let mut seen_steps = Vec::new();
        let mut table;
        loop {
            table = js(&c, TABLE).await;
            let steps = num(&table["time/total_timesteps"]);
            if seen_steps.last() != Some(&steps) {
                seen_steps.push(steps);
            }
            let rew = num(&table["rollout/ep_rew_mean"]);
            if rew >= 475.0 {
                break;
            }
            assert!(steps <= 100_000.0, "ep_rew_mean {rew} after {steps} steps: no ≥ 475 within 100k steps");
            assert!(t0.elapsed() < Duration::from_secs(45), "training too slow: {steps} steps, ep_rew_mean {rew} after {:?}", t0.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let elapsed = t0.elapsed();
        let f1 = js(&c, "return [window.__frames.count, performance.now()];").await;
        let fps = (f1[0].as_f64().unwrap() - f0[0].as_f64().unwrap()) / ((f1[1].as_f64().unwrap() - f0[1].as_f64().unwrap()) / 1000.0);
        let steps = num(&table["time/total_timesteps"]);
        let sps = js(&c, &format!("return {SESSION}.stepsPerSecond;")).await;
        eprintln!("training (deck #/training): rollout/ep_rew_mean ≥ 475 after {steps} steps in {elapsed:.2?} (wall, from the click); worker {sps} env steps/s; page rAF {fps:.1} frames/s during training");
        eprintln!("table at 475:\n{}", js(&c, &format!("const t = window.__rlLiveTraining; return t.format.sb3Table({SESSION}.metrics, t.SB3_KEYS);")).await.as_str().unwrap());
        assert!(fps >= 30.0, "the page animated at only {fps:.1} frames/s while training: UI thread blocked?");
        assert!(seen_steps.len() >= 5, "the table updated only {} times: {seen_steps:?}", seen_steps.len());
        for (key, text) in table.as_object().unwrap() {
            let t = text.as_str().unwrap().trim();
            let v: f64 = t.parse().unwrap_or_else(|_| panic!("{key} = {t:?} is not a number"));
            assert!(v.is_finite(), "{key} = {t}");
        }
        // Every key has a tooltip and an accessible description.
        let help = js(&c, "return [...document.querySelectorAll('.slide-training .sb3-key')].map((k) => [k.title.length, (document.getElementById(k.getAttribute('aria-describedby')) || {}).textContent?.length || 0]);").await;
        assert_eq!(help.as_array().unwrap().len(), 16, "{help}");
        assert!(help.as_array().unwrap().iter().all(|p| p[0].as_u64().unwrap() > 40 && p[1].as_u64().unwrap() > 30), "{help}");
        // The table text is at least 20 px on the stage.
        let px = js(&c, "return parseFloat(getComputedStyle(document.querySelector('.slide-training .sb3-value')).fontSize);").await;
        assert!(px.as_f64().unwrap() >= 20.0, "SB3 table text {px} px");
        screenshot(&c, "training/deck-training-1280x720.png").await;

        // Pause: one frame later the count is frozen (two samples 2 frames apart are equal).
        let paused = js_async(&c, r#"
            const frame = () => new Promise((r) => requestAnimationFrame(r));
            const read = () => document.querySelector('.slide-training .sb3-value[data-key="time/total_timesteps"]').textContent;
            const before = read();
            const t0 = performance.now();
            document.querySelector('.slide-training [data-action=pause]').click();
            await frame();
            const a = read();
            const ms = performance.now() - t0;
            await frame(); await frame();
            const b = read();
            await new Promise((r) => setTimeout(r, 300));
            const c = read();
            return { before, a, b, c, ms, state: window.__rlLiveTraining.session.state, total: window.__rlLiveTraining.session.totalTimesteps };
        "#, vec![]).await;
        eprintln!("pause: {paused}");
        assert_eq!(paused["a"], paused["b"], "steps grew after pause: {paused}");
        assert_eq!(paused["a"], paused["c"], "steps grew 300 ms after pause: {paused}");
        assert_eq!(paused["state"], "paused");

        // Resume in Watch mode (slow: ≈ 150 ms an iteration, so the run is still going for the
        // reload below), then leave the slide: training goes on (the session's count grows)
        // while the training slide's table, unmounted, stays as it was; the curves slide shows it.
        click(&c, ".slide-training [data-speed=watch]").await;
        click(&c, ".slide-training [data-action=resume]").await;
        // Watch shows the current policy playing in the curve's place, in real time.
        let playing = wait_for(&c, "the policy preview playing", "const e = document.querySelector('.slide-training [data-testid=policy-preview-caption]'); const box = e && e.closest('.live-train-preview'); return box && !box.hidden && e.textContent.startsWith('The current policy') ? e.textContent : null;", TIMEOUT, |v| v.is_string()).await;
        eprintln!("watch mode: {playing}");
        screenshot(&c, "training/deck-training-watch-1280x720.png").await;
        go(&c, "tensorboard").await;
        let away_table = js(&c, "return document.querySelector('.slide-training .sb3-value[data-key=\"time/total_timesteps\"]').textContent;").await;
        let away_at = js(&c, &format!("return {SESSION}.totalTimesteps;")).await.as_f64().unwrap();
        let grown = wait_for(&c, "steps growing while on another slide", &format!("return {SESSION}.totalTimesteps;"), TIMEOUT, |v| v.as_f64().unwrap_or(0.0) >= away_at + 512.0).await;
        assert_eq!(js(&c, "return document.querySelector('.slide-training .sb3-value[data-key=\"time/total_timesteps\"]').textContent;").await, away_table, "the hidden training slide's table kept updating (not unmounted)");
        let caption = wait_for(&c, "the curves on #/tensorboard", "const e = document.querySelector('.slide-tensorboard .curves-caption'); return e ? e.textContent : null;", TIMEOUT, |v| v.as_str().is_some_and(|s| s.contains("points"))).await;
        eprintln!("away on #/tensorboard: steps {away_at} → {grown}; {caption}");
        go(&c, "training").await;
        wait_for(&c, "the table catching up on return", TABLE, TIMEOUT, |t| num(&t["time/total_timesteps"]) >= grown.as_f64().unwrap()).await;

        // Reload mid-training: wait for a save (throttled ≤ 0.8 s) of this run's latest curves.
        let saved = wait_for(&c, "a save with the latest agent", &format!("const r = JSON.parse(localStorage.getItem('rl-live.training.v1') || 'null'); const s = {SESSION}; if (!r || !r.history || r.history.rows.length < 10 || r.agent !== s.agentJson) return null; return {{ agent: r.agent, rows: r.history.rows.length, last: r.history.rows[r.history.rows.length - 1], state: s.state }};"), TIMEOUT, |v| !v.is_null()).await;
        assert_eq!(saved["state"], "running", "reload must happen mid-training");
        c.refresh().await.unwrap();
        wait_for(&c, "the page after reload", "return document.body.dataset.ready || null;", TIMEOUT, |v| v == "1").await;
        wait_slide(&c, "training").await;
        let restored = js(&c, &format!("const s = {SESSION}; return {{ restored: s.restored, state: s.state, agent: s.agentJson, rows: s.history.rows.length, last: s.history.rows[s.history.rows.length - 1], source: s.agentSource }};")).await;
        assert_eq!(restored["restored"], json!(true));
        assert_eq!(restored["source"], json!("restored"));
        assert_eq!(restored["state"], json!("idle"));
        assert!(restored["agent"] == saved["agent"] || restored["rows"].as_u64() > saved["rows"].as_u64(), "the restored agent is not the last saved one");
        assert!(restored["rows"].as_u64() >= saved["rows"].as_u64(), "curves not restored: {} < {}", restored["rows"], saved["rows"]);
        let table = js(&c, TABLE).await;
        assert!(table["rollout/ep_rew_mean"].as_str().unwrap().trim().parse::<f64>().is_ok(), "table empty after restore: {table}");
        let caption = js(&c, "return document.querySelector('.slide-training .curves-caption').textContent;").await;
        assert!(caption.as_str().unwrap().contains("points"), "{caption}");
        assert_no_page_errors(&c, "after reload").await;
    })
    .await;
}

/// Greedy (or random) evaluation through the trained-agent slide's UI.
const EVAL_UI: &str = r#"
    const [policy, n] = [args[0], args[1]];
    const root = document.querySelector('.slide-trained-agent');
    const sel = root.querySelector('.agent-eval select'); sel.value = policy;
    const field = root.querySelector('.agent-eval input');
    field.value = String(n); field.dispatchEvent(new Event('input'));
    root.querySelector('[data-action=evaluate]').click();
    return { text: root.querySelector('.eval-out').textContent, mean: Number(root.querySelector('.agent-view').dataset.evalMean) };
"#;

/// Import through the slide's file input, as a person would (a File set on the input + change).
const IMPORT: &str = r#"
    const root = document.querySelector('.slide-trained-agent .training-files');
    const input = root.querySelector('input[type=file]');
    const dt = new DataTransfer();
    dt.items.add(new File([args[0]], args[1], { type: 'application/json' }));
    input.files = dt.files;
    delete root.dataset.importResult;
    input.dispatchEvent(new Event('change'));
    for (let i = 0; i < 100 && !root.dataset.importResult; i++) await new Promise((r) => setTimeout(r, 20));
    return { result: root.dataset.importResult, message: root.querySelector('.field-msg').textContent };
"#;

const AGENT_EVAL: &str = "return window.__rlLiveTraining.components['trained-agent'].agent.evaluate({ episodes: 5, seed: 3 });";

/// The random agent (#/cartpole-random) averages under 60; the bundled agent (loaded on
/// #/trained-agent, the talk's PPO.load) balances 500 steps in 5/5 greedy episodes;
/// download → reload → import gives an agent whose greedy evaluation is the same bit for bit;
/// a bad file is refused with a message and the agent is kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bundled_agent_random_agent_and_download_reload_import() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = serve_site();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &format!("{base}index.html#/cartpole-random")).await;
        wait_slide(&c, "cartpole-random").await;
        click(&c, "[data-testid=random-run]").await;
        let mean = wait_for(&c, "5 random episodes and their mean", "const l = document.querySelector('[data-testid=random-log]'); const e = document.querySelector('[data-testid=random-mean]'); const m = e && parseFloat(e.textContent.replace(/[^0-9.]/g, '')); return l && l.children.length >= 5 && Number.isFinite(m) ? m : null;", Duration::from_secs(20), |v| v.is_number()).await;
        eprintln!("random agent (#/cartpole-random): mean {mean}");
        assert!(mean.as_f64().unwrap() < 60.0, "random agent mean {mean}");

        go(&c, "trained-agent").await;
        click(&c, ".slide-trained-agent [data-action=load-bundled]").await;
        wait_for(&c, "the bundled agent", "return window.__rlLiveTraining.session.agentSource;", TIMEOUT, |v| v == "bundled").await;
        let trained = js_async(&c, EVAL_UI, vec![json!("trained"), json!(5)]).await;
        eprintln!("bundled: {}", trained["text"]);
        assert_eq!(trained["mean"].as_f64(), Some(500.0), "{trained}");
        assert!(trained["text"].as_str().unwrap().contains("500, 500, 500, 500, 500"), "{trained}");
        let random = js_async(&c, EVAL_UI, vec![json!("random"), json!(5)]).await;
        eprintln!("random (agent view): {}", random["text"]);
        assert!(random["mean"].as_f64().unwrap() < 60.0, "{random}");
        screenshot(&c, "training/deck-trained-agent-1280x720.png").await;

        let before = js(&c, AGENT_EVAL).await;
        // Download: capture the Blob the <a download> gets.
        let text = js_async(&c, r#"
            let blob = null;
            const orig = URL.createObjectURL;
            URL.createObjectURL = (b) => { blob = b; return orig.call(URL, b); };
            document.querySelector('.slide-trained-agent [data-action=download]').click();
            URL.createObjectURL = orig;
            return blob ? await blob.text() : null;
        "#, vec![]).await;
        let text = text.as_str().expect("a downloaded file").to_string();
        assert!(text.contains("\"curves\"") && text.contains("\"run\""), "the file carries curves and the run");
        eprintln!("downloaded agent file: {} bytes", text.len());

        // Forget everything saved, reload: nothing restored.
        js(&c, "window.__rlLiveTraining.session.saveNow(); localStorage.clear(); window.__rlLiveTraining.session.storage = null; return true;").await;
        c.refresh().await.unwrap();
        wait_for(&c, "the page after reload", "return document.body.dataset.ready || null;", TIMEOUT, |v| v == "1").await;
        wait_slide(&c, "trained-agent").await;
        assert_eq!(js(&c, "return window.__rlLiveTraining.session.agentJson;").await, Value::Null);

        let bad = js_async(&c, IMPORT, vec![json!("{\"format\": \"nope\"}"), json!("bad.json")]).await;
        assert_eq!(bad["result"], json!("error"), "{bad}");
        assert!(bad["message"].as_str().unwrap().contains("bad.json"), "{bad}");
        let ok = js_async(&c, IMPORT, vec![json!(text), json!("agent.json")]).await;
        assert_eq!(ok["result"], json!("ok"), "{ok}");
        let after = js(&c, AGENT_EVAL).await;
        eprintln!("greedy evaluation before download {before}, after import {after}");
        assert_eq!(before, after, "imported agent evaluates differently");
        // A bad file leaves the current agent alone.
        let agent_before = js(&c, "return window.__rlLiveTraining.session.agentJson;").await;
        let bad = js_async(&c, IMPORT, vec![json!("not json at all"), json!("x.json")]).await;
        assert_eq!(bad["result"], json!("error"), "{bad}");
        assert_eq!(js(&c, "return window.__rlLiveTraining.session.agentJson;").await, agent_before);
        assert_no_page_errors(&c, "at the end").await;
    })
    .await;
}

/// SB3's number formatting in the page (www/training/format.js) passes the same cases as the
/// core's (src/sb3_log.rs): tests/fixtures/sb3_format_cases.json, one file for both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_formatter_passes_the_shared_sb3_format_cases() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        let out = js_async(
            &c,
            r#"
            const cases = await (await fetch('tests/fixtures/sb3_format_cases.json')).json();
            const num = (v) => ({ NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 })[v] ?? v;
            const f = window.__rlLiveTraining.format;
            const wrong = [
              ...cases.g3.filter(([x, want]) => f.formatG3(num(x)) !== want).map(([x, want]) => `g3 ${x}: ${f.formatG3(num(x))} != ${want}`),
              ...cases.f32.filter(([x, want]) => f.formatF32(num(x)) !== want).map(([x, want]) => `f32 ${x}: ${f.formatF32(num(x))} != ${want}`),
            ];
            return { wrong, n: cases.g3.length + cases.f32.length };
            "#,
            vec![],
        )
        .await;
        assert_eq!(out["wrong"], json!([]), "{out}");
        assert!(out["n"].as_u64().unwrap() >= 28, "{out}");
        eprintln!("{} shared format cases pass in the page", out["n"]);
    })
    .await;
}
