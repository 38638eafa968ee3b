//! Shared harness for the real-browser tests (browser.rs, deck.rs, training.rs, present.rs): the static
//! server (`rl-live-serve`) on a free port, `chromedriver` on another, one headless Chromium
//! session per test, bounded polling (never blind sleeps), viewport sizing, screenshots and the
//! page's error list (`window.__rlLiveErrors`).
//!
//! Missing pieces (www/pkg, Chromium, chromedriver) FAIL the tests, they never skip. Paths can
//! be overridden with RL_LIVE_CHROMIUM and RL_LIVE_CHROMEDRIVER.
#![allow(dead_code)] // each test binary uses a different subset

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The deck's policy, from the server that sends it (one source of truth).
pub const CSP: &str = rl_live_serve::CONTENT_SECURITY_POLICY;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn tool(var: &str, default: &str, what: &str) -> PathBuf {
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

pub fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The site, served on a free port. Fails clearly when the wasm was not built.
pub fn serve_site() -> String {
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
pub struct Driver {
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

pub async fn browser(driver: &Driver) -> Client {
    browser_with(driver, json!({})).await
}

/// A Chromium session whose `goog:chromeOptions` get the fields of `extra` too, e.g.
/// `{"prefs": {...}}` (a user's settings, such as blocked site data).
pub async fn browser_with(driver: &Driver, extra: Value) -> Client {
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
    let Value::Object(mut caps) = caps else {
        unreachable!()
    };
    if let (Some(Value::Object(opts)), Value::Object(extra)) = (caps.get_mut("goog:chromeOptions"), extra) {
        opts.extend(extra);
    }
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("start a Chromium session through chromedriver")
}

/// Runs `body` with a fresh Chromium session and always closes the session (which makes
/// chromedriver quit Chromium), even when `body` panics; the panic is then re-raised.
pub async fn with_browser<F, Fut>(body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_browser_options(json!({}), body).await
}

/// [`with_browser`] with extra `goog:chromeOptions` fields (see [`browser_with`]).
pub async fn with_browser_options<F, Fut>(extra: Value, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let driver = Driver::start();
    let c = browser_with(&driver, extra).await;
    let outcome = tokio::spawn(body(c.clone())).await;
    let _ = c.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Polls `script` (a function body returning a value) until `ok` accepts it, for at most `limit`.
pub async fn wait_for(
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

pub async fn page_errors(c: &Client) -> Value {
    c.execute(
        "return window.__rlLiveErrors === undefined ? null : window.__rlLiveErrors;",
        vec![],
    )
    .await
    .unwrap_or(Value::Null)
}

pub async fn assert_no_page_errors(c: &Client, when: &str) {
    let errors = page_errors(c).await;
    assert_eq!(
        errors,
        json!([]),
        "page errors {when} (null = main.js never ran)"
    );
}

pub async fn open_ready(c: &Client, url: &str) {
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

/// The usual opening of a test: the stage's size (1280×720), the page at `url` loaded and its
/// wasm ready, and slide `id` shown.
pub async fn open_slide(c: &Client, url: &str, id: &str) {
    set_viewport(c, 1280, 720).await;
    open_ready(c, url).await;
    wait_slide(c, id).await;
}

/// Resizes the window so that the *viewport* (innerWidth × innerHeight) is `w` × `h`:
/// headless Chromium's window size includes a simulated browser frame.
pub async fn set_viewport(c: &Client, w: u32, h: u32) {
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

pub async fn screenshot(c: &Client, name: &str) -> PathBuf {
    let path = root().join("target/screenshots").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(&path, png).unwrap();
    path
}

/// Presses and releases each key in turn (chars, or `Key::Right.into()` etc.), like a person.
pub async fn press(c: &Client, keys: &[char]) {
    let mut seq = KeyActions::new("keyboard".into());
    for &k in keys {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    c.perform_actions(seq).await.expect("press keys");
}

/// Presses `key` while holding `modifier` (e.g. Shift+Space).
pub async fn press_with(c: &Client, modifier: Key, key: char) {
    let m: char = modifier.into();
    let seq = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: m })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: m });
    c.perform_actions(seq).await.expect("press a chord");
}

pub fn key(k: Key) -> char {
    k.into()
}

/// The deck's state as the page sees it: current index, slide id and URL hash.
pub async fn deck_state(c: &Client) -> Value {
    c.execute(
        "const d = window.__rlLiveDeck; return d ? { index: d.index, id: d.current && d.current.id, hash: location.hash, length: d.length } : null;",
        vec![],
    )
    .await
    .expect("read the deck state")
}

/// Waits until slide `id` is current, in the URL hash, visible, and its entry animation is over.
pub async fn wait_slide(c: &Client, id: &str) {
    let script = format!(
        "const d = window.__rlLiveDeck; if (!d || !d.current) return null; \
         const s = document.querySelector('.slide.is-current'); \
         return d.current.id === {id:?} && location.hash === '#/' + {id:?} && s && !s.hidden \
           && s.dataset.slideId === {id:?} && !s.classList.contains('is-entering') ? d.index : null;"
    );
    let state = deck_state(c).await;
    wait_for(
        c,
        &format!("slide {id:?} (now {state})"),
        &script,
        TIMEOUT,
        |v| v.is_number(),
    )
    .await;
}

/// Waits two animation frames, so canvases drawn on mount are on screen.
pub async fn frames(c: &Client) {
    c.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        vec![],
    )
    .await
    .expect("wait for two frames");
}

/// Loads `url` as a new document (not a same-document hash change) and waits for the deck.
pub async fn open_fresh(c: &Client, url: &str) {
    c.goto("about:blank").await.expect("blank page");
    open_ready(c, url).await;
}

/// The site served under a sub-path (`prefix`, e.g. "/talks/rl/"), like a static host's folder;
/// returns the site's URL (ending in the prefix).
pub fn serve_site_at(prefix: &str) -> String {
    serve_site(); // checks www/pkg exists (the extra server on another port is harmless)
    rl_live_serve::Server::bind(root(), 0)
        .expect("bind the static server")
        .with_prefix(prefix)
        .spawn()
}

/// Runs `script` in the page and returns its value; panics with the script if it throws.
pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Clicks the element matching `css`; panics naming the selector if there is none (for a
/// demo, a missing test hook).
pub async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css} (a missing test hook?): {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// The deck's shared training session, as page script sees it.
pub const SESSION: &str = "window.__rlLiveTraining.session";

/// Runs `body` as the inside of an async function in the page (`args` holds the arguments)
/// and returns what it returns; a throw fails the test with the stack.
pub async fn js_async(c: &Client, body: &str, args: Vec<Value>) -> Value {
    let script = format!(
        "const done = arguments[arguments.length - 1]; const args = arguments; (async () => {{ {body} }})().then(done, (e) => done({{ failed: String(e && e.stack || e) }}));"
    );
    let v = c.execute_async(&script, args).await.unwrap_or_else(|e| panic!("{body}: {e}"));
    assert!(v.get("failed").is_none(), "script failed: {v}");
    v
}

/// Moves the deck to slide `id` through its API and waits until it is shown.
pub async fn go(c: &Client, id: &str) {
    js(c, &format!("window.__rlLiveDeck.go({id:?}); return true;")).await;
    wait_slide(c, id).await;
}

/// Presses `s` in the deck and switches to the speaker-notes window it opens; returns the
/// (main, speaker) window handles.
pub async fn open_speaker_view(c: &Client) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
    let main = c.window().await.expect("the main window");
    press(c, &['s']).await;
    let deadline = Instant::now() + TIMEOUT;
    let speaker = loop {
        let handles = c.windows().await.expect("the windows");
        if let Some(h) = handles.into_iter().find(|h| *h != main) {
            break h;
        }
        assert!(Instant::now() < deadline, "no speaker-notes window opened within {TIMEOUT:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    c.switch_to_window(speaker.clone()).await.expect("switch to the speaker view");
    (main, speaker)
}

/// Counts a PDF's pages (Chromium's PDFs: page objects, not the page tree).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// A file of the test-only npm tools (tests/npm, installed by `cargo xtask test` with `npm ci`);
/// fails clearly when they were not installed.
pub fn npm_file(rel: &str) -> PathBuf {
    let path = root().join("tests/npm/node_modules").join(rel);
    assert!(
        path.is_file(),
        "{} is missing: run `cargo xtask test` (it runs `npm ci` in tests/npm) or `npm ci --prefix tests/npm`",
        path.display()
    );
    path
}

/// The repository served a second time, on another port (another origin), with no CSP header:
/// a presenter's own site (the reveal.js host page in tests/fixtures/reveal/).
pub fn serve_other_origin() -> String {
    rl_live_serve::Server::bind(root(), 0)
        .expect("bind the second static server")
        .without_csp()
        .spawn()
}
