//! Real-browser tests of the training components (tests/pages/training.html): train to
//! ep_rew_mean ≥ 475 while the UI keeps animating, pause within a frame, the bundled and the
//! random agent, download → reload → import bit for bit, reload mid-training restores.
//!
//! The harness below is copied from tests/browser.rs (chromedriver + the static server);
//! it should move to a shared module (tests/common/) once that file settles.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code, unused_imports)]

use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(10);
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tool(var: &str, default: &str, what: &str) -> PathBuf {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    assert!(
        path.exists(),
        "{what} not found at {} — run `cargo xtask test` (installs chromium and chromium-driver \
         with apt when root) or `apt-get install chromium chromium-driver`, or set {var}",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The site, served on a free port. Fails clearly when the wasm was not built.
fn serve_site() -> String {
    let pkg = root().join("www/pkg");
    for f in ["rl_live.js", "rl_live_bg.wasm"] {
        assert!(
            pkg.join(f).is_file(),
            "{} is missing: run `cargo xtask build` first (or `cargo xtask test`, which builds)",
            pkg.join(f).display()
        );
    }
    rl_live_serve::Server::bind(root(), 0)
        .expect("bind the static server")
        .spawn()
}

/// chromedriver child process, killed on drop (also when a test panics).
struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
}

impl Driver {
    fn start() -> Driver {
        let chromedriver = tool(
            "RL_LIVE_CHROMEDRIVER",
            "/usr/bin/chromedriver",
            "chromedriver",
        );
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn chromedriver");
        let profile =
            std::env::temp_dir().join(format!("rl-live-chromium-{}-{port}", std::process::id()));
        let driver = Driver {
            child,
            port,
            profile,
        };
        let deadline = Instant::now() + TIMEOUT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port} within {TIMEOUT:?}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

async fn browser(driver: &Driver) -> Client {
    let chromium = tool("RL_LIVE_CHROMIUM", "/usr/bin/chromium", "Chromium");
    let _ = std::fs::remove_dir_all(&driver.profile);
    std::fs::create_dir_all(&driver.profile).unwrap();
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,720",
                format!("--user-data-dir={}", driver.profile.display()),
            ],
        },
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("start a Chromium session through chromedriver")
}

/// Runs `body` with a fresh Chromium session and always closes the session (which makes
/// chromedriver quit Chromium), even when `body` panics; the panic is then re-raised.
async fn with_browser<F, Fut>(body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let driver = Driver::start();
    let c = browser(&driver).await;
    let outcome = tokio::spawn(body(c.clone())).await;
    let _ = c.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Polls `script` (a function body returning a value) until `ok` accepts it, for at most `limit`.
async fn wait_for(
    c: &Client,
    what: &str,
    script: &str,
    limit: Duration,
    ok: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let v = c.execute(script, vec![]).await.expect(script);
        if ok(&v) {
            return v;
        }
        if Instant::now() > deadline {
            let errors = page_errors(c).await;
            panic!(
                "timed out after {limit:?} waiting for {what}; last value {v}; page errors {errors}"
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn page_errors(c: &Client) -> Value {
    c.execute(
        "return window.__rlLiveErrors === undefined ? null : window.__rlLiveErrors;",
        vec![],
    )
    .await
    .unwrap_or(Value::Null)
}

async fn assert_no_page_errors(c: &Client, when: &str) {
    let errors = page_errors(c).await;
    assert_eq!(
        errors,
        json!([]),
        "page errors {when} (null = main.js never ran)"
    );
}

async fn open_ready(c: &Client, url: &str) {
    c.goto(url).await.expect("load the page");
    wait_for(
        c,
        "the ready flag (wasm initialised)",
        "return document.body.dataset.ready || null;",
        TIMEOUT,
        |v| v == "1",
    )
    .await;
}

/// Resizes the window so that the *viewport* (innerWidth × innerHeight) is `w` × `h`:
/// headless Chromium's window size includes a simulated browser frame.
async fn set_viewport(c: &Client, w: u32, h: u32) {
    c.set_window_size(w, h).await.expect("set the window size");
    let inner = c
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .unwrap();
    let (iw, ih) = (
        inner[0].as_u64().unwrap() as u32,
        inner[1].as_u64().unwrap() as u32,
    );
    if (iw, ih) != (w, h) {
        c.set_window_size(2 * w - iw.min(2 * w), 2 * h - ih.min(2 * h))
            .await
            .expect("set the window size");
    }
    wait_for(
        c,
        &format!("a {w}×{h} viewport"),
        "return [window.innerWidth, window.innerHeight];",
        TIMEOUT,
        |v| v == &json!([w, h]),
    )
    .await;
}

async fn screenshot(c: &Client, name: &str) -> PathBuf {
    let dir = root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(&path, png).unwrap();
    path
}

const PAGE: &str = "tests/pages/training.html";

/// The tests here train and measure the frame rate: run them one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

async fn js_async(c: &Client, body: &str, args: Vec<Value>) -> Value {
    let script = format!(
        "const done = arguments[arguments.length - 1]; const args = arguments; (async () => {{ {body} }})().then(done, (e) => done({{ failed: String(e && e.stack || e) }}));"
    );
    let v = c.execute_async(&script, args).await.unwrap_or_else(|e| panic!("{body}: {e}"));
    assert!(v.get("failed").is_none(), "script failed: {v}");
    v
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

/// Reads the SB3 table as { key: text }.
const TABLE: &str = "const o = {}; for (const td of document.querySelectorAll('#table .sb3-value')) o[td.dataset.key] = td.textContent; return o;";

/// Train with the default settings by clicking: ep_rew_mean ≥ 475 within 100k steps, the
/// table's values are finite and update, the page keeps animating (rAF rate measured),
/// Pause freezes the step count within a frame; then a reload mid-training restores the
/// last saved agent and its curves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn train_to_475_pause_and_restore_after_reload() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}{PAGE}", serve_site());
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        set_viewport(&c, 1280, 720).await;
        assert_no_page_errors(&c, "after load").await;
        assert_eq!(js(&c, "return window.__training.session.agentJson;").await, Value::Null, "fresh profile has no saved agent");

        click(&c, "[data-action=train]").await;
        let t0 = Instant::now();
        let f0 = js(&c, "return [window.__frames.count, performance.now()];").await;
        let mut seen_steps = Vec::new();
        let mut table;
        loop {
            table = js(&c, TABLE).await;
            let steps: f64 = table["time/total_timesteps"].as_str().unwrap().parse().unwrap_or(0.0);
            if seen_steps.last() != Some(&steps) {
                seen_steps.push(steps);
            }
            let rew: f64 = table["rollout/ep_rew_mean"].as_str().unwrap().trim().parse().unwrap_or(0.0);
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
        let steps = table["time/total_timesteps"].as_str().unwrap().to_string();
        let sps = js(&c, "return window.__training.session.stepsPerSecond;").await;
        eprintln!("training: rollout/ep_rew_mean ≥ 475 after {steps} steps in {elapsed:.2?} (wall, from the click); worker {sps} env steps/s; page rAF {fps:.1} frames/s during training");
        eprintln!("table at 475:\n{}", js(&c, "const s = window.__training.session; return window.__training.format.sb3Table(s.metrics, window.__training.SB3_KEYS);").await.as_str().unwrap());
        assert!(fps >= 30.0, "the page animated at only {fps:.1} frames/s while training: UI thread blocked?");
        assert!(seen_steps.len() >= 5, "the table updated only {} times: {seen_steps:?}", seen_steps.len());
        for (key, text) in table.as_object().unwrap() {
            let t = text.as_str().unwrap().trim();
            let v: f64 = t.parse().unwrap_or_else(|_| panic!("{key} = {t:?} is not a number"));
            assert!(v.is_finite(), "{key} = {t}");
        }
        // Every key has a tooltip and an accessible description.
        let help = js(&c, "return [...document.querySelectorAll('#table .sb3-key')].map((k) => [k.title.length, (document.getElementById(k.getAttribute('aria-describedby')) || {}).textContent?.length || 0]);").await;
        assert_eq!(help.as_array().unwrap().len(), 16, "{help}");
        assert!(help.as_array().unwrap().iter().all(|p| p[0].as_u64().unwrap() > 40 && p[1].as_u64().unwrap() > 30), "{help}");
        // The phase view follows the worker.
        let phase = js(&c, "return window.__training.session.phase;").await;
        assert!(["rollout", "advantages", "update"].contains(&phase["name"].as_str().unwrap_or("")), "{phase}");
        screenshot(&c, "training-1280x720.png").await;

        // Pause: one frame later the count is frozen (two samples 2 frames apart are equal).
        let paused = js_async(&c, r#"
            const frame = () => new Promise((r) => requestAnimationFrame(r));
            const read = () => document.querySelector('#table .sb3-value[data-key="time/total_timesteps"]').textContent;
            const before = read();
            document.querySelector('[data-action=pause]').click();
            await frame();
            const a = read();
            await frame(); await frame();
            const b = read();
            await new Promise((r) => setTimeout(r, 300));
            const c = read();
            return { before, a, b, c, state: window.__training.session.state };
        "#, vec![]).await;
        eprintln!("pause: {paused}");
        assert_eq!(paused["a"], paused["b"], "steps grew after pause: {paused}");
        assert_eq!(paused["a"], paused["c"], "steps grew 300 ms after pause: {paused}");
        assert_eq!(paused["state"], "paused");

        // Resume, let it save (throttled ≤ 0.8 s), then reload mid-training.
        click(&c, "[data-action=resume]").await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let saved = js(&c, "const r = JSON.parse(localStorage.getItem('rl-live.training.v1')); return { agent: r.agent, rows: r.history.rows.length, last: r.history.rows[r.history.rows.length - 1], state: window.__training.session.state };").await;
        assert!(saved["rows"].as_u64().unwrap() > 10, "{}", saved["rows"]);
        c.refresh().await.unwrap();
        wait_for(&c, "the page after reload", "return document.body.dataset.ready || null;", TIMEOUT, |v| v == "1").await;
        let restored = js(&c, "const s = window.__training.session; return { restored: s.restored, agent: s.agentJson, rows: s.history.rows.length, last: Object.values(s.history.rows[s.history.rows.length - 1]) , source: s.agentSource };").await;
        assert_eq!(restored["restored"], json!(true));
        assert_eq!(restored["source"], json!("restored"));
        assert!(restored["agent"] == saved["agent"], "the restored agent is not the last saved one");
        assert_eq!(restored["rows"], saved["rows"], "curves not restored");
        assert_eq!(restored["last"], saved["last"], "last curve point differs");
        let table = js(&c, TABLE).await;
        assert!(table["rollout/ep_rew_mean"].as_str().unwrap().trim().parse::<f64>().is_ok(), "table empty after restore: {table}");
        let caption = js(&c, "return document.querySelector('.curves-caption').textContent;").await;
        assert!(caption.as_str().unwrap().contains("points"), "{caption}");
        assert_no_page_errors(&c, "after reload").await;
    })
    .await;
}

/// The bundled agent balances 500 steps in 5/5 greedy episodes, the random agent's mean is
/// below 60; download → reload → import gives an agent whose greedy evaluation is the same
/// bit for bit; a bad file is refused with a message and the agent is kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bundled_agent_random_agent_and_download_reload_import() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}{PAGE}", serve_site());
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        click(&c, "[data-action=load-bundled]").await;
        wait_for(&c, "the bundled agent", "return window.__training.session.agentSource;", TIMEOUT, |v| v == "bundled").await;

        // Greedy evaluation through the UI: 5 episodes, trained policy.
        let eval_ui = r#"
            const [policy, n] = [args[0], args[1]];
            const sel = document.querySelector('.agent-eval select'); sel.value = policy;
            const field = document.querySelector('.agent-eval input');
            field.value = String(n); field.dispatchEvent(new Event('input'));
            document.querySelector('[data-action=evaluate]').click();
            return { text: document.querySelector('.eval-out').textContent, mean: Number(document.querySelector('.agent-view').dataset.evalMean) };
        "#;
        let trained = js_async(&c, eval_ui, vec![json!("trained"), json!(5)]).await;
        eprintln!("bundled: {}", trained["text"]);
        assert_eq!(trained["mean"].as_f64(), Some(500.0), "{trained}");
        assert!(trained["text"].as_str().unwrap().contains("500, 500, 500, 500, 500"), "{trained}");
        let random = js_async(&c, eval_ui, vec![json!("random"), json!(5)]).await;
        eprintln!("random: {}", random["text"]);
        assert!(random["mean"].as_f64().unwrap() < 60.0, "{random}");

        // Play 5 episodes in real time would take 50 s with a good agent; check it starts and logs nothing bogus.
        let before = js(&c, "return window.__training.components.agent.evaluate({ episodes: 5, seed: 3 });").await;

        // Download: capture the Blob the <a download> gets.
        let text = js_async(&c, r#"
            let blob = null;
            const orig = URL.createObjectURL;
            URL.createObjectURL = (b) => { blob = b; return orig.call(URL, b); };
            document.querySelector('[data-action=download]').click();
            URL.createObjectURL = orig;
            return blob ? await blob.text() : null;
        "#, vec![]).await;
        let text = text.as_str().expect("a downloaded file").to_string();
        assert!(text.contains("\"curves\"") && text.contains("\"run\""), "the file carries curves and the run");
        eprintln!("downloaded agent file: {} bytes", text.len());

        // Forget everything saved, reload: nothing restored.
        js(&c, "window.__training.session.saveNow(); localStorage.clear(); window.__training.session.storage = null;").await;
        c.refresh().await.unwrap();
        wait_for(&c, "the page after reload", "return document.body.dataset.ready || null;", TIMEOUT, |v| v == "1").await;
        assert_eq!(js(&c, "return window.__training.session.agentJson;").await, Value::Null);

        // Import through the file input, as a person would (a File set on the input + change).
        let import = r#"
            const input = document.querySelector('.training-files input[type=file]');
            const dt = new DataTransfer();
            dt.items.add(new File([args[0]], args[1], { type: 'application/json' }));
            input.files = dt.files;
            const root = document.querySelector('.training-files');
            delete root.dataset.importResult;
            input.dispatchEvent(new Event('change'));
            for (let i = 0; i < 100 && !root.dataset.importResult; i++) await new Promise((r) => setTimeout(r, 20));
            return { result: root.dataset.importResult, message: root.querySelector('.field-msg').textContent };
        "#;
        let bad = js_async(&c, import, vec![json!("{\"format\": \"nope\"}"), json!("bad.json")]).await;
        assert_eq!(bad["result"], json!("error"), "{bad}");
        assert!(bad["message"].as_str().unwrap().contains("bad.json"), "{bad}");
        let ok = js_async(&c, import, vec![json!(text), json!("agent.json")]).await;
        assert_eq!(ok["result"], json!("ok"), "{ok}");
        let after = js(&c, "return window.__training.components.agent.evaluate({ episodes: 5, seed: 3 });").await;
        eprintln!("greedy evaluation before download {before}, after import {after}");
        assert_eq!(before, after, "imported agent evaluates differently");
        // The curves came with the file.
        let rows = js(&c, "return window.__training.session.history.rows.length;").await;
        assert!(rows.as_u64().is_some());
        // A bad file leaves the current agent alone.
        let agent_before = js(&c, "return window.__training.session.agentJson;").await;
        let bad = js_async(&c, import, vec![json!("not json at all"), json!("x.json")]).await;
        assert_eq!(bad["result"], json!("error"), "{bad}");
        assert_eq!(js(&c, "return window.__training.session.agentJson;").await, agent_before);
        assert_no_page_errors(&c, "at the end").await;
    })
    .await;
}
