//! `cargo xtask dist` and offline use (issue 13), in real Chromium: the dist folder served by a
//! static server that sends no CSP header (the policy travels in a <meta> tag, and
//! 'wasm-unsafe-eval' works from it); one online visit, the server stopped, a reload: every
//! slide shows and Train trains. A new build served on the same origin: the next load runs it,
//! and offline it is the new build that comes back. A site changed half-way through a deploy
//! is never cached. A checkout served as in development registers no service worker and
//! removes one a dist left behind.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Client;
use harness::*;
use rl_live_serve::{Running, Server, dist};
use serde_json::{Value, json};

const SLOW: Duration = Duration::from_secs(40);

/// These tests train and hold ports: one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rl-live-offline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// The deck as `cargo xtask dist` writes it, from the checkout (www/pkg built).
fn dist_of_checkout(name: &str) -> (PathBuf, dist::Dist) {
    serve_site(); // fails clearly when www/pkg is not built
    let out = scratch(name);
    let d = dist::write(&root(), &out).expect("write the dist folder");
    (out, d)
}

/// Another build: the checkout with one stylesheet changed.
fn dist_of_changed_checkout(name: &str) -> (PathBuf, dist::Dist) {
    let src = scratch(&format!("{name}-src"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(root().join("index.html"), src.join("index.html")).unwrap();
    copy_dir(&root().join("www"), &src.join("www"));
    let css = src.join("www/css/base.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* the next build */\n");
    std::fs::write(css, text).unwrap();
    let out = scratch(name);
    let d = dist::write(&src, &out).expect("write the second dist folder");
    (out, d)
}

/// A static host with no CSP header, on `port` (0: a free one).
fn host(dir: &Path, port: u16) -> Running {
    Server::bind(dir, port).expect("bind the static host").without_csp().spawn_stoppable()
}

fn port_of(url: &str) -> u16 {
    url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap()
}

/// Waits until the service worker controls the page and this build's cache is complete.
async fn wait_offline_ready(c: &Client, build: &str) {
    let r = js_async(c, "return await window.__rlLiveOffline;", vec![]).await;
    assert_eq!(r["state"], "registered", "the dist page registers its service worker: {r}");
    wait_for(
        c,
        &format!("build {build} cached and the page controlled"),
        &format!(
            "return (async () => {{ if (!navigator.serviceWorker.controller) return null; \
               if (!(await caches.has('rl-live-build-' + {build:?}))) return null; \
               const c = await caches.open('rl-live-build-' + {build:?}); \
               return (await c.match('__rl-live-complete__')) ? (await c.keys()).length : null; }})();"
        ),
        SLOW,
        |v| v.as_u64().unwrap_or(0) > 10,
    )
    .await;
}

async fn page_build(c: &Client) -> Value {
    js(c, "const m = document.querySelector('meta[name=\"rl-live-build\"]'); return m ? m.content : null;").await
}

/// Every slide of the deck, one after the other, then Train on the training slide trains.
async fn every_slide_and_train(c: &Client, when: &str) {
    let ids = js(c, "return window.__rlLiveDeck.ids;").await;
    let ids: Vec<String> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert!(ids.len() >= 20, "the whole deck: {ids:?}");
    for id in &ids {
        go(c, id).await;
        frames(c).await;
        let shown = js(c, "const s = document.querySelector('.slide.is-current'); return s ? s.textContent.trim().length : 0;").await;
        assert!(shown.as_u64().unwrap_or(0) > 0, "slide {id} is empty {when}");
    }
    assert_no_page_errors(c, &format!("on every slide {when}")).await;
    go(c, "training").await;
    click(c, ".slide-training [data-action=train]").await;
    wait_for(c, &format!("Train trains {when}"), &format!("return {SESSION}.totalTimesteps;"), SLOW, |v| v.as_u64().unwrap_or(0) > 0).await;
    assert_no_page_errors(c, &format!("after training {when}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dist_works_offline_and_the_next_build_replaces_it() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (a_dir, a) = dist_of_checkout("a");
    let (b_dir, b) = dist_of_changed_checkout("b");
    assert_ne!(a.build, b.build, "a changed file makes a new build");
    // Nothing but the deck: index.html, sw.js and www/ (the wasm and the bundled agent in it).
    assert!(a.files.iter().all(|f| f == "index.html" || f == "sw.js" || f.starts_with("www/")), "{:?}", a.files);
    for f in ["www/pkg/rl_live_bg.wasm", "www/pkg/rl_live.js", "www/agents/cartpole-v1.json", "www/main.js"] {
        assert!(a.files.iter().any(|x| x == f), "{f} is in the dist");
    }
    assert!(!a.files.iter().any(|f| f.ends_with(".md") || f.ends_with(".d.ts") || f.contains("/.")), "{:?}", a.files);
    // Writing it again over itself is allowed; over anything else it is not.
    assert_eq!(dist::write(&root(), &a_dir).unwrap().build, a.build, "the same sources, the same build");
    assert!(dist::write(&root(), &root().join("tests")).is_err(), "a folder that is not a dist is never emptied");

    let server = host(&a_dir, 0);
    let url = server.url().to_string();
    let port = port_of(&url);
    let (a_build, b_build) = (a.build.clone(), b.build.clone());
    with_browser(|c| async move {
        // 1. Online, the first visit. The CSP comes from the <meta> (the host sends none):
        //    the wasm runs ('wasm-unsafe-eval'), eval does not.
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &format!("{url}index.html#/training")).await;
        assert_eq!(page_build(&c).await, json!(a_build));
        assert_no_page_errors(&c, "on the dist, online").await;
        wait_offline_ready(&c, &a_build).await;
        // An inline script (as an injection would add one) does not run.
        js(&c, "const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true;'; document.head.append(s); return 1;").await;
        let csp = wait_for(&c, "the CSP report", "const e = window.__rlLiveErrors.filter((e) => e.kind === 'csp'); return e.length ? e.map((x) => x.message) : null;", TIMEOUT, |v| v.is_array()).await;
        assert!(csp.to_string().contains("script-src"), "the inline script was blocked by script-src: {csp}");
        assert_eq!(js(&c, "return window.__inlineRan === true;").await, false, "the meta CSP is in force");

        // 2. The network goes away; the presenter reloads: every slide, and Train trains.
        server.stop();
        open_fresh(&c, &format!("{url}index.html#/training")).await;
        assert_eq!(page_build(&c).await, json!(a_build), "offline: the cached build");
        every_slide_and_train(&c, "offline").await;
        screenshot(&c, "offline/training-offline.png").await;

        // 3. A new build on the same origin: the next load runs it.
        let server = host(&b_dir, port);
        open_fresh(&c, &format!("{url}index.html#/training")).await;
        assert_eq!(page_build(&c).await, json!(b_build), "online: the latest build");
        assert_no_page_errors(&c, "on the new build").await;
        let css = js_async(&c, "return (await (await fetch('www/css/base.css')).text()).includes('the next build');", vec![]).await;
        assert_eq!(css, true, "its files are the new build's");
        wait_offline_ready(&c, &b_build).await;
        // Offline again: now the new build comes back, and the old one's cache is gone.
        server.stop();
        open_fresh(&c, &format!("{url}index.html#/title")).await;
        assert_eq!(page_build(&c).await, json!(b_build), "offline: the last complete build");
        every_slide_and_train(&c, "offline, second build").await;
        // The old build's cache goes at a load after no page has run it for 10 s (a page that is
        // still loading is not yet among the clients: the grace keeps its files).
        open_fresh(&c, &format!("{url}index.html#/title")).await;
        wait_for(&c, "the old build's cache deleted", &format!("return caches.has('rl-live-build-' + {a_build:?});"), TIMEOUT, |v| v == false).await;
        assert_eq!(js_async(&c, &format!("return await caches.has('rl-live-build-' + {b_build:?});"), vec![]).await, true);
    })
    .await;
}

/// A site changed half-way through a deploy (a file that is not the one sw.js lists): the
/// install fails and nothing is cached, so no mix of two builds can ever come back offline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_deployed_site_is_never_cached() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, d) = dist_of_checkout("half");
    let css = dir.join("www/css/base.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* a file of the next deploy */\n");
    std::fs::write(&css, text).unwrap();
    let server = host(&dir, 0);
    let url = server.url().to_string();
    let build = d.build.clone();
    with_browser(|c| async move {
        open_slide(&c, &format!("{url}index.html#/title"), "title").await;
        let r = js_async(&c, "return await window.__rlLiveOffline;", vec![]).await;
        assert_eq!(r["state"], "registered", "{r}");
        // The install runs and fails: the registration goes away with no active worker.
        let after = wait_for(&c, "the failed install to settle",
            "return (async () => { const r = await navigator.serviceWorker.getRegistration(); const keys = await caches.keys(); \
               return !r || (!r.installing && !r.waiting && !r.active) ? keys : null; })();",
            SLOW, |v| v.is_array()).await;
        assert!(!after.to_string().contains(&build), "no cache of a mixed build: {after}");
        assert_no_page_errors(&c, "online, with the failed install").await;
        drop(server);
    })
    .await;
}

/// Development: the checkout (no build version) registers nothing, and a service worker a dist
/// left on the same origin is removed, its caches too; the page itself came from the network.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkout_is_never_hidden_behind_a_cache() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, d) = dist_of_checkout("dev");
    let server = host(&dir, 0);
    let url = server.url().to_string();
    let port = port_of(&url);
    let build = d.build.clone();
    with_browser(|c| async move {
        open_slide(&c, &format!("{url}index.html#/title"), "title").await;
        wait_offline_ready(&c, &build).await;
        server.stop();
        // `cargo xtask serve` on the same port, serving the checkout.
        let _dev = Server::bind(root(), port).expect("rebind the port").spawn_stoppable();
        open_fresh(&c, &format!("{url}index.html#/title")).await;
        assert_eq!(page_build(&c).await, Value::Null, "the checkout's own index.html");
        let r = js_async(&c, "return await window.__rlLiveOffline;", vec![]).await;
        assert_eq!(r["state"], "checkout", "{r}");
        assert_eq!(r["removed"], 1, "the dist's worker is removed: {r}");
        let left = js_async(&c, "return { regs: (await navigator.serviceWorker.getRegistrations()).length, caches: (await caches.keys()).filter((k) => k.startsWith('rl-live')) };", vec![]).await;
        assert_eq!(left, json!({ "regs": 0, "caches": [] }));
        assert_no_page_errors(&c, "on the checkout").await;
    })
    .await;
}
