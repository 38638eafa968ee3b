//! rl-live inside a real reveal.js presentation (issue 13), in real Chromium: reveal.js from npm
//! (tests/npm, pinned by its lockfile, installed by `cargo xtask test`), the host page
//! tests/fixtures/reveal/ served from a second origin (another port, no CSP header), the deck's
//! slides in its iframes, and the plugin www/integrations/reveal.js added in two lines.
//!
//! A click into the embedded training slide, then PageDown and →: each moves reveal.js (never
//! the embedded deck); leaving the slide pauses the training, coming back resumes it; a
//! fragment's data-rl-live-action="train" trains the demo of a data-background-iframe slide,
//! whose keys move reveal too, and which pauses and resumes the same way.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use harness::*;
use serde_json::Value;

const SLOW: Duration = Duration::from_secs(30);

/// reveal.js's horizontal slide index, once it settles on `want`.
async fn wait_reveal(c: &Client, want: u64) {
    wait_for(c, &format!("reveal.js on slide {want}"), "return window.__reveal && window.__reveal.isReady() ? window.__reveal.getIndices().h : null;", SLOW, |v| v.as_u64() == Some(want)).await;
}

/// Calls `Reveal.<call>` in the host page and waits for reveal to show slide `to`.
async fn reveal(c: &Client, call: &str, to: u64) {
    c.enter_parent_frame().await.ok();
    js(c, &format!("window.__reveal.{call}; return 1;")).await;
    wait_reveal(c, to).await;
}

/// Enters the iframe matching `css` (in the host page) and waits for its deck to be ready.
async fn enter(c: &Client, css: &str) {
    c.enter_parent_frame().await.ok();
    let frame = wait_frame(c, css).await;
    frame.enter_frame().await.unwrap_or_else(|e| panic!("enter {css}: {e}"));
    wait_for(c, &format!("the embedded deck in {css}"), "return document.body && document.body.dataset.ready === '1' && window.__rlLiveTraining ? 1 : null;", SLOW, |v| v == 1).await;
}

async fn wait_frame(c: &Client, css: &str) -> fantoccini::elements::Element {
    wait_for(c, &format!("{css} loaded"), &format!("const f = document.querySelector({css:?}); return f && f.getAttribute('src') ? 1 : null;"), SLOW, |v| v == 1).await;
    c.find(Locator::Css(css)).await.unwrap()
}

async fn training_state(c: &Client) -> Value {
    js(c, &format!("const s = {SESSION}; return s.state;")).await
}

/// In the current frame: waits for the training session's state to be one of `want`.
async fn wait_training(c: &Client, what: &str, want: &'static [&'static str]) -> Value {
    wait_for(c, what, &format!("const s = window.__rlLiveTraining && {SESSION}; return s ? s.state : null;"), SLOW, |v| want.iter().any(|w| v == *w)).await
}

/// The embedded deck never moved: still on `id`, and no page error.
async fn still_on(c: &Client, id: &str) {
    let s = deck_state(c).await;
    assert_eq!(s["id"], id, "the embedded deck moved: {s}");
    assert_no_page_errors(c, &format!("in the embedded {id}")).await;
}

/// `k` pressed in the focused iframe `frame` moves reveal.js to slide `to`; the iframe's run is
/// paused (its slide was left) and its own deck never moved.
async fn key_moves_on_and_pauses(c: &Client, k: Key, to: u64, frame: &str) {
    press(c, &[key(k)]).await;
    c.enter_parent_frame().await.unwrap();
    wait_reveal(c, to).await;
    enter(c, frame).await;
    wait_training(c, &format!("the run in {frame} paused on leaving its slide"), &["paused"]).await;
    still_on(c, "training").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reveal_js_host_moves_with_the_clicker_and_pauses_what_it_leaves() {
    npm_file("reveal.js/dist/reveal.mjs");
    let deck = serve_site();
    let host = format!("{}tests/fixtures/reveal/index.html?deck={deck}", serve_other_origin());
    assert_ne!(deck[..22], host[..22], "two origins");
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        c.goto(&host).await.unwrap();
        wait_reveal(&c, 0).await;
        reveal(&c, "slide(1)", 1).await;

        // 1. Click Train inside the embedded training slide; the focus is now in the iframe.
        //    Watch (slow) training, so that the run is still going when the slide is left.
        enter(&c, "#live-training iframe").await;
        click(&c, ".slide-training [data-speed=watch]").await;
        click(&c, ".slide-training [data-action=train]").await;
        wait_training(&c, "training in the iframe", &["running"]).await;
        assert_eq!(js(&c, "return document.hasFocus();").await, true, "the click put the focus in the iframe");
        //    PageDown, as a clicker sends it: reveal moves on; leaving paused the run.
        key_moves_on_and_pauses(&c, Key::PageDown, 2, "#live-training iframe").await;
        let paused_at = js(&c, &format!("return {SESSION}.totalTimesteps;")).await;

        // 2. ← (reveal made the left slide inert, so the focus may be back on the host page):
        //    back to the slide, the run resumes.
        press(&c, &[key(Key::Left)]).await;
        c.enter_parent_frame().await.unwrap();
        wait_reveal(&c, 1).await;
        enter(&c, "#live-training iframe").await;
        wait_training(&c, "the run resumed on return", &["running"]).await;
        wait_for(&c, "steps after resuming", &format!("return {SESSION}.totalTimesteps;"), SLOW, |v| v.as_u64() > paused_at.as_u64()).await;
        screenshot(&c, "reveal/embedded-training.png").await;

        // 3. A click on the slide (not a control), then →: reveal moves on again.
        click(&c, ".slide-training h2").await;
        key_moves_on_and_pauses(&c, Key::Right, 2, "#live-training iframe").await;

        // 4. The background iframe: a fragment's data-rl-live-action="train" trains it.
        reveal(&c, "slide(3)", 3).await;
        js(&c, "window.__reveal.getSlideBackground(3).querySelector('iframe').id = 'background-frame'; return 1;").await;
        enter(&c, "#background-frame").await;
        assert_eq!(training_state(&c).await, "idle", "nothing trains before the fragment");
        click(&c, ".slide-training [data-speed=watch]").await;
        reveal(&c, "next()", 3).await; // shows the fragment
        wait_for(&c, "the fragment shown", "return document.querySelector('#background .fragment').classList.contains('visible');", SLOW, |v| v == true).await;
        enter(&c, "#background-frame").await;
        wait_training(&c, "the fragment's action trained the background demo", &["running"]).await;
        // Its keys move reveal too (data-background-interactive: it takes clicks).
        click(&c, ".slide-training h2").await;
        key_moves_on_and_pauses(&c, Key::PageDown, 4, "#background-frame").await;
        reveal(&c, "prev()", 3).await;
        enter(&c, "#background-frame").await;
        wait_training(&c, "the background run resumed on return", &["running"]).await;

        // The first slide's run stayed paused meanwhile (each iframe is its own deck).
        enter(&c, "#live-training iframe").await;
        assert_eq!(training_state(&c).await, "paused");
        c.enter_parent_frame().await.unwrap();
        screenshot(&c, "reveal/background-iframe.png").await;
    })
    .await;
}

/// Any host page (examples/embed.html, no reveal.js): the clicker keys pressed in a focused
/// embed arrive as rl-live:key events, Shift+Space as a step back; the embedded deck stays on
/// its slide.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_host_gets_the_clicker_keys_as_events() {
    let url = format!("{}examples/embed.html", serve_site());
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        c.goto(&url).await.unwrap();
        wait_for(&c, "the embeds ready", "return (window.__events || []).filter((e) => e.type === 'rl-live:ready').length;", SLOW, |v| v.as_u64() == Some(3)).await;
        js(&c, "document.getElementById('demo-training').focus(); return 1;").await;
        c.enter_frame(0).await.unwrap();
        wait_for(&c, "the iframe focused", "return document.hasFocus();", TIMEOUT, |v| v == true).await;
        press(&c, &[key(Key::PageDown), key(Key::Right), key(Key::Left), key(Key::Home), key(Key::End)]).await;
        press_with(&c, Key::Shift, ' ').await;
        still_on(&c, "training").await;
        c.enter_parent_frame().await.unwrap();
        let keys = wait_for(&c, "six rl-live:key events",
            "const k = window.__events.filter((e) => e.type === 'rl-live:key' && e.frame === 'demo-training').map((e) => e.key + (e.shiftKey ? '+shift' : '')); return k.length >= 6 ? k : null;",
            SLOW, |v| v.is_array()).await;
        assert_eq!(keys, serde_json::json!(["PageDown", "ArrowRight", "ArrowLeft", "Home", "End", " +shift"]));
    })
    .await;
}
