//! Real-browser end-to-end tests: headless Chromium driven through chromedriver (WebDriver).
//!
//! Each test starts the static server (`rl-live-serve`) on a free port serving the repository
//! root, spawns `chromedriver` on another free port, and opens one Chromium session.
//! They need `www/pkg/` (`cargo xtask build`) and Chromium + chromedriver (`cargo xtask test`
//! installs both when missing). Missing pieces FAIL the tests, they never skip.
//! Paths can be overridden with RL_LIVE_CHROMIUM and RL_LIVE_CHROMEDRIVER.
#![cfg(not(target_arch = "wasm32"))]

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

/// The page loads without errors, the wasm initialises, a random episode plays in real time
/// and prints in the talk's format, the JS API works from a module, panics become Errors;
/// screenshots at 1280×720 and 390×844.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_page_plays_a_random_episode_and_the_js_api_works() {
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        set_viewport(&c, 1280, 720).await;
        assert_no_page_errors(&c, "after load").await;
        assert_eq!(c.title().await.unwrap(), "rl-live — reinforcement learning, live");
        let h1 = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
        assert_eq!(h1, "rl-live — reinforcement learning, live");

        // Play one episode by clicking, as a person would.
        let button = c.find(Locator::Css("#play-random")).await.unwrap();
        assert_eq!(button.text().await.unwrap(), "Play random episode");
        let t0 = Instant::now();
        button.click().await.unwrap();
        let line = wait_for(&c, "the first episode in the log", "const li = document.querySelector('#log li'); return li ? li.textContent : null;", Duration::from_secs(15), |v| v.is_string()).await;
        let elapsed = t0.elapsed();
        let line = line.as_str().unwrap().to_string();
        let score: f64 = line
            .strip_prefix("Episode:1 Score:")
            .filter(|s| s.ends_with(".0"))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("log line {line:?} is not in the talk's format `Episode:1 Score:22.0`"));
        assert!((8.0..=500.0).contains(&score), "implausible random-agent score {score}");
        let shown = c.find(Locator::Css("#score")).await.unwrap().text().await.unwrap();
        assert_eq!(shown, line, "the score line shows the finished episode");
        // Real time: `score` steps at 20 ms each (generous bounds for a loaded machine).
        let expected = Duration::from_millis(20 * score as u64);
        assert!(elapsed + Duration::from_millis(100) >= expected, "{score} steps took only {elapsed:?}: not real time");
        assert_no_page_errors(&c, "after an episode").await;
        screenshot(&c, "first-page-1280x720.png").await;

        // The JS API, imported as a module by a script in the page.
        let api = c
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                (async () => {
                  const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href);
                  await m.default();
                  const out = {};
                  const caught = (f) => { try { f(); return null; } catch (e) {
                    return { isError: e instanceof Error, message: String(e && e.message) }; } };
                  const n = m.fib_naive(35);
                  out.naive = { value: typeof n.value === 'bigint' ? n.value.toString() : null, calls: n.calls };
                  const d = m.fib_dp(50);
                  out.dp = { ok: d.value === 7778742049n, len: d.table.length, allBig: d.table.every((x) => typeof x === 'bigint') };
                  out.fib0 = caught(() => m.fib_dp(0));
                  out.naive0 = caught(() => m.fib_naive(0));
                  const env = new m.CartPole(0);
                  out.badActions = [2, -1, 0.5, NaN, '1', undefined].map((a) => caught(() => env.step(a)));
                  const obs = env.reset();
                  const step = env.step(1);
                  out.cartpole = {
                    obs: obs instanceof Float32Array && obs.length === 4,
                    state: env.state() instanceof Float64Array && env.state().length === 4,
                    step: step.obs instanceof Float32Array && step.reward === 1 && step.terminated === false && step.truncated === false,
                    version: env.version,
                  };
                  out.badVersion = caught(() => new m.CartPole(0, 'v9'));
                  out.badSeed = caught(() => new m.CartPole(-1));
                  out.panic = caught(() => m.__test_panic('boom from the browser test'));
                  return out;
                })().then(done, (e) => done({ failed: String(e && e.stack || e) }));
                "#,
                vec![],
            )
            .await
            .expect("run the API script");
        assert!(api.get("failed").is_none(), "API script failed: {api}");
        assert_eq!(api["naive"], json!({ "value": "5702887", "calls": 18454929 }), "{api}");
        assert_eq!(api["dp"], json!({ "ok": true, "len": 50, "allBig": true }), "{api}");
        for key in ["fib0", "naive0"] {
            assert_eq!(api[key]["isError"], json!(true), "{key}: {api}");
            assert!(api[key]["message"].as_str().unwrap().contains("Incorrect input"), "{key}: {api}");
        }
        for (i, e) in api["badActions"].as_array().unwrap().iter().enumerate() {
            assert_eq!(e["isError"], json!(true), "bad action #{i}: {api}");
            assert!(e["message"].as_str().unwrap().contains("action must be 0"), "bad action #{i}: {api}");
        }
        assert_eq!(api["cartpole"], json!({ "obs": true, "state": true, "step": true, "version": "CartPole-v1" }), "{api}");
        assert_eq!(api["badVersion"]["isError"], json!(true), "{api}");
        assert!(api["badVersion"]["message"].as_str().unwrap().contains("v9"), "{api}");
        assert_eq!(api["badSeed"]["isError"], json!(true), "{api}");
        assert_eq!(api["panic"]["isError"], json!(true), "{api}");
        assert!(api["panic"]["message"].as_str().unwrap().contains("boom from the browser test"), "{api}");

        // Phone size: nothing wider than the viewport.
        set_viewport(&c, 390, 844).await;
        let overflow = c
            .execute("return document.documentElement.scrollWidth - window.innerWidth;", vec![])
            .await
            .unwrap();
        assert!(overflow.as_i64().unwrap() <= 0, "horizontal overflow at 390 px: {overflow} px");
        screenshot(&c, "first-page-390x844.png").await;
        assert_no_page_errors(&c, "at the end").await;
    })
    .await;
}

/// The server sends the deck's CSP with the HTML, the page runs under it without a single
/// violation, and a violation would be caught (the check is not vacuous).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_runs_under_the_content_security_policy() {
    let url = serve_site();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let head = response.split("\r\n\r\n").next().unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.contains(&format!("\r\nContent-Security-Policy: {CSP}")),
        "no CSP header: {head}"
    );
    assert!(response.contains("<script type=\"module\" src=\"www/main.js\">"));
    assert!(
        !response.contains(" style="),
        "inline style attribute in index.html"
    );

    with_browser(|c| async move {
        open_ready(&c, &url).await;
        c.find(Locator::Css("#play-random")).await.unwrap().click().await.unwrap();
        wait_for(&c, "an episode", "return document.querySelectorAll('#log li').length;", Duration::from_secs(15), |v| v == 1).await;
        assert_no_page_errors(&c, "under the CSP").await;

        // Prove the listener works: inline style is refused and reported.
        c.execute("const d = document.createElement('div'); d.innerHTML = '<p style=\"color:red\">x</p>'; document.body.append(d);", vec![]).await.unwrap();
        let errors = wait_for(&c, "a reported CSP violation", "return window.__rlLiveErrors;", TIMEOUT, |v| {
            v.as_array().is_some_and(|a| !a.is_empty())
        })
        .await;
        assert_eq!(errors[0]["kind"], json!("csp"), "{errors}");
        assert!(errors[0]["message"].as_str().unwrap().contains("style-src"), "{errors}");
    })
    .await;
}
