//! Hardening (issue 7) in a real browser: numerics and faults. Training that diverges stops by
//! itself with a message next to the Train controls and keeps the last good agent (a NaN loss,
//! and NaN weights behind a finite loss); a Rust panic on the page and inside the training
//! worker; a training worker terminated from outside (no error event: the watchdog notices);
//! localStorage full (filled to the real quota) and blocked (site data blocked, as in private
//! modes); Fibonacci's refused and long inputs never freeze the tab.
//!
//! No config the core accepts diverges in practice (learning_rate ≤ 1, Adam, gradient
//! clipping, log-sum-exp: 42 extreme configs trained natively stayed finite, two of them are
//! checked here in `the_most_extreme_accepted_configs_stay_finite`), so the
//! divergence tests run the real worker on a Trainer patched from a test-only module
//! (tests/fixtures/diverge-patch.js): learning_rate 0.5 makes the loss NaN from the 6th
//! iteration on, 0.25 makes a weight NaN while the losses stay finite.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use harness::*;
use serde_json::{Value, json};

/// Every test here trains or measures frames: one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

async fn state(c: &Client) -> Value {
    js(c, &format!("return {SESSION}.state;")).await
}

async fn wait_state(c: &Client, want: &str, limit: Duration) -> Value {
    wait_for(c, &format!("training state {want:?}"), &format!("const s = {SESSION}; return s.state === {want:?} ? s.state : null;"), limit, |v| v == want).await
}

async fn wait_steps(c: &Client, at_least: u64, limit: Duration) -> u64 {
    let v = wait_for(c, &format!("≥ {at_least} training steps"), &format!("const s = {SESSION}; return s.totalTimesteps >= {at_least} ? s.totalTimesteps : null;"), limit, |v| v.is_number()).await;
    v.as_u64().unwrap()
}

/// Records what the session hears, in order: agents (their JSON), progress (whether every loss
/// was finite) and errors, in `window.__faultLog`.
const RECORD: &str = r#"
    const s = window.__rlLiveTraining.session;
    window.__faultLog = [];
    const finite = (row) => ['train/loss', 'train/value_loss', 'train/policy_gradient_loss', 'train/entropy_loss', 'train/approx_kl'].every((k) => !(k in row) || Number.isFinite(row[k]));
    s.on('agent', (a) => window.__faultLog.push({ kind: 'agent', json: a.json }));
    s.on('progress', (p) => window.__faultLog.push({ kind: 'progress', finite: p.rows.every(finite) }));
    s.on('error', (e) => window.__faultLog.push({ kind: 'error', message: e.message }));
    return true;
"#;

/// A fixed observation through an agent (JSON in args[0]): greedy action, P(left), P(right), V(s).
const PROBE: &str = r#"
    const wasm = window.__rlLiveTraining.session.wasm;
    const agent = new wasm.Agent(args[0]);
    try {
      const out = [];
      for (const obs of [[0, 0, 0, 0], [0.02, -0.3, 0.04, 0.5], [-0.5, 1.2, -0.1, -1.5]]) {
        const x = Float32Array.from(obs);
        const p = agent.action_probs(x);
        out.push([agent.act_greedy(x), p[0], p[1], agent.value(x)]);
      }
      return out;
    } finally { agent.free(); }
"#;

async fn probe(c: &Client, agent_json: &Value) -> Value {
    let v = js_async(c, PROBE, vec![agent_json.clone()]).await;
    for row in v.as_array().unwrap() {
        for x in row.as_array().unwrap() {
            assert!(x.as_f64().is_some_and(f64::is_finite), "the agent gives a non-finite output: {v}");
        }
    }
    v
}

/// Where an element is and whether a person can read it: non-empty, inside its slide and the
/// viewport, not clipped by an ancestor, on top (nothing covering its first line), not cut
/// off itself.
async fn readable(c: &Client, css: &str) -> Value {
    let script = format!(
        r#"const el = document.querySelector({css:?});
        if (!el) return {{ missing: true }};
        const r = el.getBoundingClientRect();
        const slide = el.closest('.slide');
        const s = slide ? slide.getBoundingClientRect() : {{ left: 0, top: 0, right: innerWidth, bottom: innerHeight }};
        const inside = (o) => r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
        let clippedBy = null;
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {{
          const ov = getComputedStyle(a);
          if (/(hidden|auto|scroll|clip)/.test(ov.overflowX + ov.overflowY) && !inside(a.getBoundingClientRect())) {{ clippedBy = a.className || a.tagName; break; }}
        }}
        const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + Math.min(r.height / 2, 8));
        return {{
          text: el.textContent, width: r.width, height: r.height,
          inSlide: inside(s), inViewport: r.right <= innerWidth && r.bottom <= innerHeight && r.left >= 0 && r.top >= 0,
          clippedBy, onTop: !!top && (top === el || el.contains(top)),
          cutOff: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
          color: getComputedStyle(el).color,
        }};"#
    );
    js(c, &script).await
}

fn assert_readable(v: &Value, what: &str) {
    assert!(v.get("missing").is_none(), "{what}: no such element");
    assert!(v["width"].as_f64().unwrap() > 50.0 && v["height"].as_f64().unwrap() > 8.0, "{what} is not shown: {v}");
    assert_eq!(v["inSlide"], json!(true), "{what} spills out of its slide: {v}");
    assert_eq!(v["inViewport"], json!(true), "{what} is outside the viewport: {v}");
    assert_eq!(v["clippedBy"], Value::Null, "{what} is clipped: {v}");
    assert_eq!(v["onTop"], json!(true), "{what} is covered by another element: {v}");
    assert_eq!(v["cutOff"], json!(false), "{what} is cut off: {v}");
}

/// Sets a hyperparameter the way a person does: open "Hyperparameters", clear the field, type.
async fn set_knob(c: &Client, knob: &str, text: &str) {
    js(c, "const d = document.querySelector('.slide-training .train-knobs'); d.open = true; return true;").await;
    let field = c.find(Locator::Css(&format!(".slide-training input[data-knob={knob}]"))).await.expect("the knob field");
    field.clear().await.expect("clear the field");
    field.send_keys(text).await.expect("type into the field");
    // clear() fires no input event in every driver: make sure the page saw the final text,
    // then commit it as a person does (number fields take a value on Enter, Tab or blur).
    js(c, &format!("const i = document.querySelector('.slide-training input[data-knob={knob}]'); i.dispatchEvent(new Event('input')); i.dispatchEvent(new Event('change')); return i.value;")).await;
}

/// Runs the deck's real training worker on the Trainer patched by tests/fixtures/diverge-patch.js.
async fn use_diverging_worker(c: &Client) {
    js(c, &format!("const s = {SESSION}; s.workerUrl = new URL('tests/fixtures/diverging-worker.js', document.baseURI); s.restartWorker(); return true;")).await;
}

/// The JSON of the last agent the session received before the first progress with a
/// non-finite loss (or before the first error), and the kept agent.
async fn last_good_and_kept(c: &Client) -> (Value, Value, Value) {
    let log = js(c, "return window.__faultLog;").await;
    let mut last_good = Value::Null;
    for e in log.as_array().unwrap() {
        if e["kind"] == "error" || (e["kind"] == "progress" && e["finite"] == false) {
            break;
        }
        if e["kind"] == "agent" {
            last_good = e["json"].clone();
        }
    }
    let kept = js(c, &format!("return {SESSION}.agentJson;")).await;
    (last_good, kept, log)
}

fn short(log: &Value) -> String {
    log.as_array()
        .unwrap()
        .iter()
        .map(|e| match e["kind"].as_str().unwrap() {
            "agent" => "A".to_string(),
            "progress" => if e["finite"] == true { "p".into() } else { "P(nan)".into() },
            _ => format!("E({})", e["message"]),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Numerics, natively: the most extreme configs the core accepts (learning_rate 1 without decay,
/// gradient clipping off in effect, the largest value and entropy coefficients, tiny
/// minibatches, γ = λ = 1) train 20k steps with every loss and every weight finite — which is
/// why the browser tests below need a patched Trainer to see a divergence.
#[test]
fn the_most_extreme_accepted_configs_stay_finite() {
    use rl_live::agent::Agent;
    use rl_live::cartpole::Version;
    use rl_live::learner::Learner;
    use rl_live::ppo::{Ppo, PpoConfig};
    let t0 = Instant::now();
    for (ent_coef, batch_size, gamma) in [(0.0, 4, 0.98), (1.0, 64, 1.0)] {
        let mut c = PpoConfig::deck();
        c.learning_rate = 1.0;
        c.lr_linear_decay = false;
        c.clip_linear_decay = false;
        c.max_grad_norm = 1e6;
        c.vf_coef = 10.0;
        c.ent_coef = ent_coef;
        c.batch_size = batch_size;
        c.gamma = gamma;
        c.gae_lambda = gamma;
        c.total_timesteps = 20_000;
        c.validate().expect("an accepted config");
        let mut ppo = Ppo::new(c.clone(), Version::V1, 0).unwrap();
        let mut it = 0;
        while !ppo.is_done() {
            it += 1;
            let m = ppo.train_iteration(&|| 0.0).clone();
            for (k, v) in [("loss", m.loss), ("value_loss", m.value_loss), ("policy_gradient_loss", m.policy_gradient_loss), ("entropy_loss", m.entropy_loss), ("approx_kl", m.approx_kl)] {
                assert!(v.is_finite(), "iteration {it} of {c:?}: train/{k} = {v}");
            }
            if let Err(e) = Agent::from_json(&ppo.agent().to_json()) {
                panic!("iteration {it} of {c:?}: the agent does not load: {e}");
            }
        }
    }
    eprintln!("extreme configs: finite throughout ({:.1?})", t0.elapsed());
}

/// Divergence: learning_rate 0.5 (on the patched Trainer) makes train/loss NaN at the 6th
/// iteration. Training stops by itself; the message sits next to the Train controls, readable;
/// the state is "error" (shown "Stopped"), not training; the kept agent is the last one sent
/// before the bad iteration, loads, and gives finite actions and values; it is what is saved.
/// Then the config is fixed in the same field and "Train again" trains past the point of
/// divergence, with the message gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn divergence_stops_training_with_a_message_and_keeps_the_last_good_agent() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        use_diverging_worker(&c).await;
        js(&c, RECORD).await;
        set_knob(&c, "learning_rate", "0.5").await;
        assert_eq!(js(&c, &format!("return {SESSION}.config.learning_rate;")).await, json!(0.5));
        click(&c, ".slide-training [data-action=train]").await;

        wait_state(&c, "error", Duration::from_secs(30)).await;
        let (last_good, kept, log) = last_good_and_kept(&c).await;
        eprintln!("events: {}", short(&log));
        let steps = js(&c, &format!("return {SESSION}.totalTimesteps;")).await;
        assert_eq!(steps, json!(6 * 256), "the run should stop at the 6th iteration (256 steps each)");
        assert!(last_good.is_string(), "no agent arrived before the divergence: {}", short(&log));
        assert_eq!(kept, last_good, "the kept agent is not the last good one");
        let p = probe(&c, &kept).await;
        eprintln!("kept agent on fixed observations [action, P(left), P(right), V]: {p}");

        // The user sees why, next to the controls; nothing says "Training".
        let png = screenshot(&c, "faults/divergence-1280x720.png").await;
        eprintln!("screenshot: {}", png.display());
        let msg = readable(&c, ".slide-training .train-msg").await;
        eprintln!("message: {msg}");
        assert_readable(&msg, "the divergence message");
        let text = msg["text"].as_str().unwrap();
        for part in ["Training stopped", "train/loss", "NaN", "diverged", "smaller learning_rate", "last good agent is kept"] {
            assert!(text.contains(part), "message {text:?} lacks {part:?}");
        }
        assert_eq!(js(&c, "return document.querySelector('.slide-training .train-state').textContent;").await, json!("Stopped"));
        assert_eq!(js(&c, "return document.querySelector('.slide-training [data-action=train]').textContent;").await, json!("Train again"));
        // The saved agent is the good one.
        wait_for(&c, "the kept agent saved", "const r = JSON.parse(localStorage.getItem('rl-live.training.v1') || 'null'); return r && r.agent;", TIMEOUT, |v| v == &kept).await;

        // The state stays stopped (the worker does not carry on).
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(state(&c).await, json!("error"));
        assert_eq!(js(&c, &format!("return {SESSION}.totalTimesteps;")).await, steps);

        // Fix the config in the same field: Train again trains past the bad point.
        set_knob(&c, "learning_rate", "0.002").await;
        assert_eq!(js(&c, &format!("return {SESSION}.config.learning_rate ?? 'preset';")).await, json!("preset"), "0.002 is the deck preset's own value");
        click(&c, ".slide-training [data-action=train]").await;
        let n = wait_steps(&c, 12 * 256, Duration::from_secs(30)).await;
        assert!(matches!(state(&c).await.as_str(), Some("running" | "done")), "state {}", state(&c).await);
        assert_eq!(js(&c, "return document.querySelector('.slide-training .train-msg').textContent;").await, json!(""), "the old message stayed");
        let agent = js(&c, &format!("return {SESSION}.agentJson;")).await;
        assert_ne!(agent, kept, "no new agent after Train again");
        probe(&c, &agent).await;
        eprintln!("after the fix: {n} steps, state {}", state(&c).await);
        click(&c, ".slide-training [data-action=pause]").await;
        assert_no_page_errors(&c, "after the divergence").await;
    })
    .await;
}

/// Weights that turn NaN while every loss stays finite (learning_rate 0.25 on the patched
/// Trainer) are caught before the agent is sent: the run stops with a message about the
/// weights, and every agent the page ever received loads; the kept one is the last good one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_finite_weights_behind_a_finite_loss_are_caught_before_the_page_gets_them() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        use_diverging_worker(&c).await;
        js(&c, RECORD).await;
        set_knob(&c, "learning_rate", "0.25").await;
        click(&c, ".slide-training [data-action=train]").await;
        wait_state(&c, "error", Duration::from_secs(60)).await;
        let (_, kept, log) = last_good_and_kept(&c).await;
        eprintln!("events: {}", short(&log));
        assert!(log.as_array().unwrap().iter().all(|e| e["kind"] != "progress" || e["finite"] == true), "a loss was not finite: this test is about finite losses");
        let loads = js(&c, "const w = window.__rlLiveTraining.session.wasm; return window.__faultLog.filter((e) => e.kind === 'agent').map((e) => { try { new w.Agent(e.json).free(); return true; } catch (err) { return String(err.message); } });").await;
        assert!(loads.as_array().unwrap().len() >= 2, "{loads}");
        assert!(loads.as_array().unwrap().iter().all(|v| v == true), "the page received an agent it cannot load: {loads}");
        let agents: Vec<&Value> = log.as_array().unwrap().iter().filter(|e| e["kind"] == "agent").map(|e| &e["json"]).collect();
        assert_eq!(&kept, *agents.last().unwrap());
        probe(&c, &kept).await;
        let text = js(&c, "return document.querySelector('.slide-training .train-msg').textContent;").await;
        assert!(text.as_str().unwrap().contains("weights became NaN or infinite"), "{text}");
        assert!(js(&c, &format!("return {SESSION}.totalTimesteps;")).await.as_u64().unwrap() >= 6 * 256);
        assert_no_page_errors(&c, "after NaN weights").await;
    })
    .await;
}

/// A Rust panic on the page (the page's own wasm instance, the one every demo uses): an
/// uncaught one is recorded and shown in a toast; a later one still arrives as an `Error` (its
/// message is lost: the std panic machinery stays "in the hook" after the first, so the core
/// aborts — the instance keeps working). Then the deck works: keys navigate, Fibonacci
/// computes on the page, CartPole steps under the player's pushes, Train trains.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rust_panic_on_the_page_is_shown_and_the_deck_keeps_working() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/fibonacci", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "fibonacci").await;
        // An uncaught panic, as from a demo's event handler.
        js(&c, "import(new URL('www/pkg/rl_live.js', document.baseURI).href).then((m) => setTimeout(() => m.__test_panic('uncaught boom from the faults test'))); return true;").await;
        let toast = wait_for(&c, "the error toast", "const t = document.querySelector('.deck-toast'); return t && !t.hidden && t.textContent.includes('Something went wrong') ? t.textContent : null;", TIMEOUT, |v| v.is_string()).await;
        eprintln!("toast: {toast}");
        assert!(toast.as_str().unwrap().contains("uncaught boom from the faults test"), "{toast}");
        // The toast lets clicks through (pointer-events: none), so only its box is checked.
        let t = readable(&c, ".deck-toast").await;
        assert!(t["width"].as_f64().unwrap() > 100.0 && t["inViewport"] == json!(true) && t["cutOff"] == json!(false), "the toast: {t}");
        let errors = page_errors(&c).await;
        assert_eq!(errors.as_array().unwrap().len(), 1, "{errors}");
        assert!(errors[0]["message"].as_str().unwrap().contains("panicked"), "{errors}");
        screenshot(&c, "faults/page-panic-toast-1280x720.png").await;
        js(&c, "window.__rlLiveErrors.length = 0; return true;").await;

        // A second panic on the same instance: still an Error a caller can catch.
        let second = js_async(&c, "const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href); try { m.__test_panic('second'); return { threw: false }; } catch (e) { return { threw: true, isError: e instanceof Error, name: e.name, message: String(e.message) }; }", vec![]).await;
        eprintln!("second panic: {second}");
        assert_eq!(second["threw"], json!(true));
        assert_eq!(second["isError"], json!(true), "{second}");

        // The deck still works. Keys: → then ← (the fibonacci slide comes back).
        let at = deck_state(&c).await["index"].as_u64().unwrap();
        press(&c, &[key(fantoccini::key::Key::Right)]).await;
        wait_for(&c, "→ to move on", "return window.__rlLiveDeck.index;", TIMEOUT, |v| v.as_u64() == Some(at + 1)).await;
        press(&c, &[key(fantoccini::key::Key::Left)]).await;
        wait_slide(&c, "fibonacci").await;
        // Fibonacci on the page's instance (n = 25 is light: it runs on the page, not in a worker).
        js(&c, "const i = document.querySelector('[data-testid=fib-naive-n]'); i.value = '25'; i.dispatchEvent(new Event('input')); return true;").await;
        click(&c, "[data-testid=fib-naive-run]").await;
        wait_for(&c, "fib_naive(25) on the page", "return document.querySelector('[data-testid=fib-naive-value]').textContent;", TIMEOUT, |v| v == "46368").await;
        // CartPole: the player's pushes step the page's CartPole.
        go(&c, "cartpole").await;
        click(&c, "[data-testid=play-right]").await;
        wait_for(&c, "CartPole steps", "return Number(document.querySelector('[data-testid=play-score]').textContent);", TIMEOUT, |v| v.as_f64().unwrap_or(0.0) >= 5.0).await;
        // Training (the page's instance checks the config; the worker has its own).
        go(&c, "training").await;
        click(&c, ".slide-training [data-action=train]").await;
        wait_steps(&c, 2048, Duration::from_secs(30)).await;
        click(&c, ".slide-training [data-action=pause]").await;
        assert_no_page_errors(&c, "after the page panics").await;
    })
    .await;
}

/// A Rust panic inside the training worker, mid-run: training stops with a message next to the
/// controls, the worker is dropped, the agent kept is the last one received (it loads and
/// acts), and Train again starts a new worker that trains.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rust_panic_in_the_training_worker_stops_the_run_and_train_again_works() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        click(&c, ".slide-training [data-speed=watch]").await; // slow, so the panic lands mid-run
        click(&c, ".slide-training [data-action=train]").await;
        wait_steps(&c, 1024, Duration::from_secs(30)).await;
        js(&c, RECORD).await;
        wait_for(&c, "an agent from this run", "return window.__faultLog.some((e) => e.kind === 'agent');", TIMEOUT, |v| v == true).await;
        js(&c, &format!("window.__oldWorker = {SESSION}.worker; {SESSION}.worker.postMessage({{ type: 'debug', action: 'panic' }}); return true;")).await;
        wait_state(&c, "error", TIMEOUT).await;
        let (last_good, kept, log) = last_good_and_kept(&c).await;
        eprintln!("events: {}", short(&log));
        assert_eq!(kept, last_good);
        probe(&c, &kept).await;
        assert_eq!(js(&c, &format!("return {SESSION}.worker;")).await, Value::Null, "the panicked worker was kept");
        let msg = readable(&c, ".slide-training .train-msg").await;
        eprintln!("message: {}", msg["text"]);
        assert_readable(&msg, "the worker-panic message");
        for part in ["Training stopped", "internal error", "test panic inside the training worker", "agent and curves are kept", "Train again"] {
            assert!(msg["text"].as_str().unwrap().contains(part), "message lacks {part:?}: {msg}");
        }
        screenshot(&c, "faults/worker-panic-1280x720.png").await;

        click(&c, ".slide-training [data-speed=fast]").await;
        click(&c, ".slide-training [data-action=train]").await;
        wait_steps(&c, 2048, Duration::from_secs(30)).await;
        assert_eq!(js(&c, &format!("return {SESSION}.worker !== null && {SESSION}.worker !== window.__oldWorker;")).await, json!(true), "no new worker");
        assert_eq!(js(&c, "return document.querySelector('.slide-training .train-msg').textContent;").await, json!(""));
        click(&c, ".slide-training [data-action=pause]").await;
        assert_no_page_errors(&c, "after the worker panic").await;
    })
    .await;
}

/// The training worker terminated from outside mid-run sends no error event: the session's
/// watchdog notices the silence (8 s without an answer to its pings), says so next to the
/// controls, keeps the last agent received, and Train again starts a new worker. A paused
/// worker that answers its pings is never taken for dead (10 s paused first).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminated_training_worker_is_noticed_and_replaced() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        click(&c, ".slide-training [data-speed=watch]").await;
        click(&c, ".slide-training [data-action=train]").await;
        wait_steps(&c, 512, Duration::from_secs(30)).await;
        // Paused for 10 s: longer than the watchdog's limit, but the worker answers.
        click(&c, ".slide-training [data-action=pause]").await;
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(state(&c).await, json!("paused"), "a paused, healthy worker was taken for dead");
        click(&c, ".slide-training [data-action=resume]").await;
        wait_state(&c, "running", TIMEOUT).await;
        js(&c, RECORD).await;
        wait_for(&c, "an agent after resuming", "return window.__faultLog.some((e) => e.kind === 'agent');", TIMEOUT, |v| v == true).await;

        js(&c, &format!("window.__oldWorker = {SESSION}.worker; {SESSION}.worker.terminate(); return true;")).await;
        let t0 = Instant::now();
        wait_state(&c, "error", Duration::from_secs(20)).await;
        let noticed = t0.elapsed();
        eprintln!("terminated worker noticed after {noticed:.1?}");
        assert!(noticed >= Duration::from_secs(7), "noticed too early ({noticed:?}): the limit is 8 s");
        let (last_good, kept, log) = last_good_and_kept(&c).await;
        eprintln!("events: {}", short(&log));
        assert!(last_good.is_string());
        let agents: Vec<&Value> = log.as_array().unwrap().iter().filter(|e| e["kind"] == "agent").map(|e| &e["json"]).collect();
        assert_eq!(&kept, *agents.last().unwrap(), "the kept agent is not the last one received");
        probe(&c, &kept).await;
        let msg = readable(&c, ".slide-training .train-msg").await;
        eprintln!("message: {}", msg["text"]);
        assert_readable(&msg, "the stopped-worker message");
        for part in ["Training stopped", "stopped answering", "agent and curves are kept", "Train again"] {
            assert!(msg["text"].as_str().unwrap().contains(part), "message lacks {part:?}: {msg}");
        }

        let before = js(&c, &format!("return {SESSION}.totalTimesteps;")).await.as_u64().unwrap();
        click(&c, ".slide-training [data-speed=fast]").await;
        click(&c, ".slide-training [data-action=train]").await;
        let n = wait_steps(&c, 2048, Duration::from_secs(30)).await;
        eprintln!("before termination {before} steps; the new run: {n}");
        assert_eq!(js(&c, &format!("return {SESSION}.worker !== null && {SESSION}.worker !== window.__oldWorker;")).await, json!(true), "no new worker");
        click(&c, ".slide-training [data-action=pause]").await;
        assert_no_page_errors(&c, "after the worker was terminated").await;
    })
    .await;
}

/// Greedy evaluation through the trained-agent slide's UI (as in tests/training.rs).
const EVAL_UI: &str = r#"
    const root = document.querySelector('.slide-trained-agent');
    root.querySelector('.agent-eval select').value = 'trained';
    const field = root.querySelector('.agent-eval input');
    field.value = '3'; field.dispatchEvent(new Event('input'));
    root.querySelector('[data-action=evaluate]').click();
    return { text: root.querySelector('.eval-out').textContent, mean: Number(root.querySelector('.agent-view').dataset.evalMean) };
"#;

/// Has the current agent play 3 greedy episodes on #/trained-agent (then back to #/training);
/// returns their mean.
async fn play(c: &Client) -> f64 {
    go(c, "trained-agent").await;
    let r = js_async(c, EVAL_UI, vec![]).await;
    eprintln!("the trained agent plays: {}", r["text"]);
    let mean = r["mean"].as_f64().unwrap_or(f64::NAN);
    assert!(mean.is_finite() && mean >= 8.0, "the agent did not play: {r}");
    go(c, "training").await;
    mean
}

/// localStorage filled to its real quota (same origin, before the page loads): the page loads,
/// trains and the agent plays; the user is told, next to the Train controls, that saving
/// failed because storage is full; once space is freed the next save works and the message goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_local_storage_training_works_and_the_user_is_told() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &url).await;
        let filled = js(&c, r#"
            let n = 0, chunk = 'x'.repeat(1 << 20), bytes = 0;
            while (chunk.length >= 1) {
              try { localStorage.setItem('fill-' + n, chunk); n += 1; bytes += chunk.length; }
              catch (e) { if (e.name !== 'QuotaExceededError') throw e; chunk = chunk.slice(0, chunk.length >> 1); }
            }
            let full = false;
            try { localStorage.setItem('probe', 'x'.repeat(64)); localStorage.removeItem('probe'); } catch (e) { full = e.name === 'QuotaExceededError'; }
            return { keys: n, chars: bytes, full };
        "#).await;
        eprintln!("localStorage filled: {filled}");
        assert_eq!(filled["full"], json!(true), "{filled}");
        open_fresh(&c, &url).await;
        wait_slide(&c, "training").await;
        assert_eq!(js(&c, &format!("return {SESSION}.storage === localStorage;")).await, json!(true), "a full storage is still storage");

        click(&c, ".slide-training [data-action=train]").await;
        let saving = wait_for(&c, "the saving message", "const e = document.querySelector('.slide-training .train-saving'); return e && e.textContent ? e.textContent : null;", TIMEOUT, |v| v.is_string()).await;
        eprintln!("saving: {saving}");
        assert!(saving.as_str().unwrap().contains("storage is full") && saving.as_str().unwrap().contains("download the agent"), "{saving}");
        wait_steps(&c, 10_000, Duration::from_secs(60)).await;
        click(&c, ".slide-training [data-action=pause]").await;
        assert_readable(&readable(&c, ".slide-training .train-saving").await, "the saving message");
        screenshot(&c, "faults/storage-full-1280x720.png").await;
        play(&c).await;

        // Space freed: the next save works and the message goes.
        js(&c, "for (const k of Object.keys(localStorage)) if (k.startsWith('fill-')) localStorage.removeItem(k); return true;").await;
        click(&c, ".slide-training [data-action=resume]").await;
        wait_for(&c, "a save once space is free", "const r = localStorage.getItem('rl-live.training.v1'); const e = document.querySelector('.slide-training .train-saving'); return r && e.textContent === '' ? r.length : null;", TIMEOUT, |v| v.is_number()).await;
        click(&c, ".slide-training [data-action=pause]").await;
        assert_no_page_errors(&c, "with localStorage full").await;
    })
    .await;
}

/// Site data blocked (Chromium's "block cookies" setting: `window.localStorage` itself throws
/// a SecurityError, as in some private modes): the page loads, says saving is off next to the
/// Train controls from the start, trains, and the agent plays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocked_local_storage_training_works_and_saving_is_off() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    let prefs = json!({ "prefs": { "profile.default_content_setting_values.cookies": 2 } });
    with_browser_options(prefs, |c| async move {
        open_slide(&c, &url, "training").await;
        let blocked = js(&c, "try { window.localStorage.getItem('x'); return 'usable'; } catch (e) { return e.name; }").await;
        assert_eq!(blocked, json!("SecurityError"), "localStorage is not blocked in this profile");
        assert_eq!(js(&c, &format!("return {SESSION}.storage;")).await, Value::Null);
        let msg = readable(&c, ".slide-training .train-saving").await;
        eprintln!("saving: {}", msg["text"]);
        assert_readable(&msg, "the saving-off message");
        assert!(msg["text"].as_str().unwrap().starts_with("Saving is off"), "{msg}");
        screenshot(&c, "faults/storage-blocked-1280x720.png").await;
        click(&c, ".slide-training [data-action=train]").await;
        wait_steps(&c, 10_000, Duration::from_secs(60)).await;
        click(&c, ".slide-training [data-action=pause]").await;
        play(&c).await;
        assert!(js(&c, "return document.querySelector('.slide-training .train-saving').textContent;").await.as_str().unwrap().starts_with("Saving is off"));
        assert_no_page_errors(&c, "with localStorage blocked").await;
    })
    .await;
}

/// Records every animation frame's time in window.__frameTimes (for frame-gap checks).
const FRAMES: &str = "window.__frameTimes = []; const tick = (t) => { window.__frameTimes.push(t); requestAnimationFrame(tick); }; requestAnimationFrame(tick); return true;";

/// The longest gap between frames since `from` (ms on the page clock), and the frame count.
async fn frame_gaps(c: &Client, from: f64) -> (f64, usize) {
    let v = js(&c, &format!("const t = window.__frameTimes.filter((x) => x >= {from}); let g = 0; for (let i = 1; i < t.length; i++) g = Math.max(g, t[i] - t[i - 1]); return [g, t.length];")).await;
    (v[0].as_f64().unwrap(), v[1].as_u64().unwrap() as usize)
}

/// Fibonacci's inputs in the browser (the core's limits are tested natively in demos.rs): naive
/// n = 60 and n = 0 are refused at once with the core's message next to the field (nothing
/// runs); naive n = 38 (the largest, ~40 M calls) and DP n = 10,000 (2,090 digits) run in the
/// worker while the page keeps drawing frames (no gap near what the run takes on the page); a DP n = 20,000 run is
/// stopped by leaving the slide and runs again on return.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fibonacci_refuses_what_it_cannot_do_and_never_freezes_the_tab() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/fibonacci", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "fibonacci").await;
        wait_for(&c, "the default DP run", "return document.querySelector('[data-testid=fib-dp-value]').textContent;", Duration::from_secs(20), |v| v == "7778742049").await;
        js(&c, FRAMES).await;
        let type_n = |kind: &'static str, n: &'static str| {
            let c = c.clone();
            async move {
                let field = c.find(Locator::Css(&format!("[data-testid=fib-{kind}-n]"))).await.unwrap();
                field.clear().await.unwrap();
                field.send_keys(n).await.unwrap();
                js(&c, &format!("const i = document.querySelector('[data-testid=fib-{kind}-n]'); i.dispatchEvent(new Event('input')); return i.value;")).await
            }
        };
        let field_msg = "const i = document.querySelector('[data-testid=fib-naive-n]'); return document.getElementById(i.getAttribute('aria-describedby')).textContent;";

        for (n, expect) in [("60", &["would take", "calls", "limited to n ≤ 38"][..]), ("0", &["Incorrect input"][..])] {
            type_n("naive", n).await;
            let before = js(&c, "return document.querySelector('[data-testid=fib-naive-value]').textContent;").await;
            click(&c, "[data-testid=fib-naive-run]").await;
            let msg = js(&c, field_msg).await;
            eprintln!("naive n = {n}: {msg}");
            for part in expect {
                assert!(msg.as_str().unwrap().contains(part), "n = {n}: {msg} lacks {part:?}");
            }
            assert_eq!(js(&c, "return document.querySelector('[data-testid=fib-naive-value]').textContent;").await, before, "n = {n} changed the value");
            assert_eq!(js(&c, "return document.querySelector('[data-testid=fib-naive-run]').disabled;").await, json!(false), "n = {n} left the demo busy");
        }

        // On the page these would block it for ≈ 230 ms and ≈ 500 ms (measured in V8): the
        // limits catch a run that left the worker, with room for a loaded machine.
        for (kind, n, check, limit) in [("naive", "38", "24157817", 200.0), ("dp", "10000", "", 400.0)] {
            type_n(kind, n).await;
            let t0 = js(&c, "return performance.now();").await.as_f64().unwrap();
            click(&c, &format!("[data-testid=fib-{kind}-run]")).await;
            let v = wait_for(&c, &format!("fib_{kind}({n})"), &format!("const b = document.querySelector('[data-testid=fib-{kind}-run]'); const v = document.querySelector('[data-testid=fib-{kind}-value]').textContent; return b.disabled ? null : v;"), Duration::from_secs(60), |v| v.is_string()).await;
            let (gap, frames) = frame_gaps(&c, t0).await;
            let t = js(&c, &format!("return performance.now() - {t0};")).await.as_f64().unwrap();
            let v = v.as_str().unwrap().to_string();
            eprintln!("fib_{kind}({n}): {} digits in {t:.0} ms; {frames} frames, longest gap {gap:.0} ms", v.len());
            if kind == "naive" {
                assert_eq!(v, check);
            } else {
                assert_eq!(v.len(), 2090, "fib_dp(10000) has 2,090 digits");
                assert!(v.starts_with("20793608237133498072"), "{}", &v[..20]);
            }
            assert!(gap < limit, "the page froze for {gap:.0} ms during fib_{kind}({n}) (limit {limit} ms)");
        }

        // Leaving the slide stops a long run; it runs again on return.
        type_n("dp", "20000").await;
        click(&c, "[data-testid=fib-dp-run]").await;
        go(&c, "dynamic-programming").await;
        go(&c, "fibonacci").await;
        let t = wait_for(&c, "the stopped run's note", "const b = document.querySelector('[data-testid=fib-dp-run]'); return b.disabled ? null : document.querySelectorAll('.pr-fib-time')[1].textContent;", TIMEOUT, |v| v.is_string()).await;
        eprintln!("after leaving mid-run: {t}");
        assert!(t.as_str().unwrap().contains("stopped"), "{t}");
        click(&c, "[data-testid=fib-dp-run]").await;
        let size = wait_for(&c, "fib_dp(20000) after return", "const b = document.querySelector('[data-testid=fib-dp-run]'); return b.disabled ? null : document.querySelector('[data-testid=fib-dp-size]').textContent;", Duration::from_secs(60), |v| v.is_string()).await;
        assert_eq!(size, json!("20,000"));
        assert_no_page_errors(&c, "after the Fibonacci limits").await;
    })
    .await;
}
