//! Presenting and embedding (issue 6), in a real browser (harness in tests/harness/mod.rs): the
//! deck-wide demo keys (t r x l e), embed mode (`?embed=1`) at 640×360 (compact) and 1920×1080 with keys
//! and no focus trap, the postMessage API driven from examples/embed.html (every message, a
//! malformed one, a non-allowed origin), the speaker view mirroring the live training over
//! BroadcastChannel (sync latency measured) with navigation both ways, the site under a
//! sub-path (/talks/rl/), and the print handout (`?print=1`) with a non-blank curve snapshot.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::Duration;

use fantoccini::Client;
use fantoccini::key::Key;
use harness::*;
use serde_json::{Value, json};

/// These tests train: one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

const SESSION: &str = "window.__rlLiveTraining.session";

async fn session_state(c: &Client) -> Value {
    js(c, &format!("const s = {SESSION}; return {{ state: s.state, speed: s.speed, steps: s.totalTimesteps, agent: s.agentSource }};")).await
}

async fn wait_train_state(c: &Client, want: &'static [&'static str]) -> Value {
    wait_for(
        c,
        &format!("training state in {want:?}"),
        "const s = window.__rlLiveTraining && window.__rlLiveTraining.session; return s ? s.state : null;",
        Duration::from_secs(20),
        |v| want.iter().any(|w| v == *w),
    )
    .await
}

/// t r x l e on the training slide, without clicking into the demo first; a slide's own `r`
/// keeps its meaning; the `?` overlay lists the demo keys; navigation keys still navigate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_hotkeys_act_on_the_shared_session() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;

        // The help overlay lists them.
        press(&c, &['?']).await;
        let demo = wait_for(&c, "the demo keys in the help", "const t = document.querySelector('[data-testid=deck-help-demo-keys]'); return t ? t.textContent : null;", TIMEOUT, |v| v.is_string()).await;
        for k in ["t", "r", "x", "l", "e", "Train", "Evaluate", "Load the bundled"] {
            assert!(demo.as_str().unwrap().contains(k), "help misses {k}: {demo}");
        }
        press(&c, &['?']).await;
        wait_for(&c, "the help to close", "return document.getElementById('deck').classList.contains('deck-help-open');", TIMEOUT, |v| v == false).await;

        // Nothing in the slide has the focus (nothing clicked; closing the help may put it back
        // on the body or on the deck's own ? button).
        let focus = js(&c, "const a = document.activeElement; return a === document.body || !a.closest('.slide') ? 'outside' : a.outerHTML.slice(0, 80);").await;
        assert_eq!(focus, json!("outside"), "focus must not be in the demo");
        press(&c, &['x']).await;
        assert_eq!(session_state(&c).await["speed"], "watch", "x switches to watch");
        press(&c, &['t']).await;
        wait_train_state(&c, &["running"]).await;
        wait_for(&c, "steps", &format!("return {SESSION}.totalTimesteps;"), Duration::from_secs(20), |v| v.as_u64().unwrap_or(0) > 0).await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["paused"]).await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["running"]).await;
        press(&c, &['x']).await;
        assert_eq!(session_state(&c).await["speed"], "fast");
        press(&c, &['r']).await;
        wait_train_state(&c, &["idle"]).await;

        press(&c, &['l']).await;
        wait_for(&c, "the bundled agent", &format!("return {SESSION}.agentSource;"), TIMEOUT, |v| v == "bundled").await;
        press(&c, &['e']).await;
        let ev = wait_for(&c, "an evaluation", &format!("const e = {SESSION}.lastEvaluation; return e ? e.returns : null;"), TIMEOUT, |v| v.is_array()).await;
        assert_eq!(ev.as_array().unwrap().len(), 5);
        assert!(ev.as_array().unwrap().iter().all(|r| r.as_f64().unwrap() >= 400.0), "the bundled agent balances: {ev}");
        let toast = js(&c, "return document.querySelector('.deck-toast').textContent;").await;
        assert!(toast.as_str().unwrap().contains("Evaluation"), "{toast}");

        // A slide's own r (cartpole: restart its episode) wins; the training run is untouched.
        js(&c, "window.__rlLiveDeck.go('cartpole'); return 1;").await;
        wait_slide(&c, "cartpole").await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["running", "starting"]).await;
        press(&c, &['r']).await;
        let s = session_state(&c).await;
        assert!(s["state"] == "running" || s["state"] == "done", "cartpole's r must not reset training: {s}");
        // Navigation keys still navigate.
        press(&c, &[key(Key::Right)]).await;
        wait_slide(&c, "cartpole-random").await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["paused", "done"]).await;
        assert_no_page_errors(&c, "after the demo keys").await;
    })
    .await;
}

/// Embed mode: no chrome, the slide fills a 640×360 and a 1920×1080 iframe without scrollbars,
/// keys work once the iframe has focus, Esc hands the focus back to the host page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embed_mode_fills_the_iframe_and_hands_focus_back() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}examples/embed.html", serve_site());
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        c.goto(&url).await.unwrap();
        wait_for(&c, "the three embeds ready", "return (window.__events || []).filter((e) => e.type === 'rl-live:ready').length;", Duration::from_secs(20), |v| v.as_u64() == Some(3)).await;

        for (w, h, vw, vh) in [(640u32, 360u32, 1280u32, 720u32), (1920, 1080, 2000, 1200)] {
            set_viewport(&c, vw, vh).await;
            js(&c, &format!("const f = document.getElementById('demo-training'); f.style.width = '{w}px'; f.style.height = '{h}px'; f.style.aspectRatio = 'auto'; f.scrollIntoView(); return 1;")).await;
            c.enter_frame(0).await.unwrap();
            wait_for(&c, &format!("a {w}×{h} iframe"), "return [innerWidth, innerHeight];", TIMEOUT, |v| v == &json!([w, h])).await;
            frames(&c).await;
            let m = js(&c, "const d = document.documentElement; const s = document.querySelector('.slide.is-current'); const r = document.querySelector('.deck-stage').getBoundingClientRect(); \
                return { embed: d.classList.contains('deck-embed'), reflow: d.classList.contains('deck-reflow'), sw: d.scrollWidth, sh: d.scrollHeight, iw: innerWidth, ih: innerHeight, \
                  chrome: getComputedStyle(document.querySelector('.deck-chrome')).display, slideOverflow: s.scrollHeight - s.clientHeight, \
                  stage: [r.left, r.top, r.width, r.height], id: s.dataset.slideId };").await;
            assert_eq!(m["embed"], true, "{m}");
            assert_eq!(m["id"], "training", "{m}");
            assert_eq!(m["chrome"], "none", "no deck chrome: {m}");
            assert!(m["sw"].as_u64() <= m["iw"].as_u64(), "a sideways scrollbar at {w}×{h}: {m}");
            if w < 960 {
                // Too small for the scaled stage's text (tests/onstage.rs checks ≥ 12 px): the
                // compact column, scrolling down inside the iframe.
                assert_eq!(m["reflow"], true, "{m}");
            } else {
                assert!(m["sh"].as_u64() <= m["ih"].as_u64(), "scrollbars at {w}×{h}: {m}");
                assert!(m["slideOverflow"].as_i64().unwrap() <= 0, "the slide scrolls at {w}×{h}: {m}");
                let st: Vec<f64> = m["stage"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
                // 16:9 in 16:9: the stage fills the frame (to a pixel).
                assert!((st[2] - w as f64).abs() <= 1.0 && (st[3] - h as f64).abs() <= 1.0, "stage {st:?} in {w}×{h}");
            }
            c.enter_parent_frame().await.unwrap();
            let png = c.find(fantoccini::Locator::Id("demo-training")).await.unwrap().screenshot().await.unwrap();
            let path = root().join(format!("target/screenshots/present-embed-{w}x{h}.png"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, png).unwrap();
            println!("embed screenshot: {}", path.display());
        }
        set_viewport(&c, 1280, 720).await;

        // Keys once the iframe has focus (focused from the host, nothing clicked inside).
        js(&c, "document.getElementById('demo-training').focus(); return 1;").await;
        c.enter_frame(0).await.unwrap();
        wait_for(&c, "the iframe focused", "return document.hasFocus();", TIMEOUT, |v| v == true).await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["running", "done"]).await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["paused", "done"]).await;
        // Esc: no overview (that would trap the keys), the focus goes back to the host.
        press(&c, &[key(Key::Escape)]).await;
        wait_for(&c, "the focus back on the host", "return document.hasFocus();", TIMEOUT, |v| v == false).await;
        assert_eq!(js(&c, "return document.getElementById('deck').classList.contains('deck-overview-open');").await, json!(false));
        // Tab past the last control: the exit sentinel hands the focus back too.
        js(&c, "window.focus(); document.querySelector('[data-testid=embed-exit]').focus(); return 1;").await;
        wait_for(&c, "the focus back on the host after the last control", "return document.hasFocus();", TIMEOUT, |v| v == false).await;
        assert_no_page_errors(&c, "in the embedded deck").await;
        c.enter_parent_frame().await.unwrap();
        assert_eq!(js(&c, "return document.hasFocus();").await, json!(true), "the host has the focus");

        // Autoplay: the bandit (third iframe) ran its testbed on its own.
        c.enter_frame(2).await.unwrap();
        wait_for(&c, "the autoplayed bandit", "return window.__rlLiveDeck && window.__rlLiveDeck.current.id;", TIMEOUT, |v| v == "bandit").await;
        assert_no_page_errors(&c, "in the autoplayed bandit").await;
        c.enter_parent_frame().await.unwrap();
        screenshot(&c, "present-embed-page.png").await;
    })
    .await;
}

/// Posts `msg` (JSON text) to the first iframe from the host page.
async fn post(c: &Client, msg: &str) {
    js(c, &format!("document.getElementById('demo-training').contentWindow.postMessage({msg}, location.origin); return 1;")).await;
}

async fn wait_event(c: &Client, what: &str, pred: &str) -> Value {
    wait_for(
        c,
        what,
        &format!("return (window.__events || []).filter((e) => e.frame === 'demo-training').reverse().find((e) => {pred}) || null;"),
        Duration::from_secs(20),
        |v| v.is_object(),
    )
    .await
}

async fn get_state(c: &Client) -> Value {
    js(c, "for (const e of window.__events) if (e.type === 'rl-live:state') e.type = 'rl-live:state (old)'; return 1;").await;
    post(c, "{ type: 'rl-live:get-state' }").await;
    wait_event(c, "an rl-live:state answer", "e.type === 'rl-live:state'").await
}

/// A slide's position in the talk, as the registry (www/slides/index.js) orders them.
fn slide_index(id: &str) -> usize {
    let registry = std::fs::read_to_string(root().join("www/slides/index.js")).expect("read www/slides/index.js");
    let ids: Vec<&str> = registry.lines().filter_map(|l| l.trim().strip_prefix("['")?.split('\'').next()).collect();
    ids.iter().position(|&s| s == id).unwrap_or_else(|| panic!("no slide {id:?} in www/slides/index.js: {ids:?}"))
}

/// examples/embed.html drives its first iframe through every message and receives the events;
/// malformed messages and a non-allowed origin change nothing and throw nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_message_api_from_the_embed_page() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}examples/embed.html", serve_site());
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        c.goto(&url).await.unwrap();
        wait_for(&c, "the embeds ready", "return (window.__events || []).filter((e) => e.type === 'rl-live:ready').length;", Duration::from_secs(20), |v| v.as_u64() == Some(3)).await;

        let (trained_agent, training) = (slide_index("trained-agent"), slide_index("training"));
        post(&c, "{ type: 'rl-live:goto', slide: 'trained-agent' }").await;
        let e = wait_event(&c, "slide event trained-agent", "e.type === 'rl-live:slide' && e.id === 'trained-agent'").await;
        assert_eq!(e["index"], trained_agent);
        post(&c, "{ type: 'rl-live:next' }").await;
        wait_event(&c, "slide event tensorboard", "e.type === 'rl-live:slide' && e.id === 'tensorboard'").await;
        post(&c, "{ type: 'rl-live:prev' }").await;
        wait_event(&c, "slide event back", &format!("e.type === 'rl-live:slide' && e.id === 'trained-agent' && e.index === {trained_agent}")).await;
        post(&c, &format!("{{ type: 'rl-live:goto', slide: {training} }}")).await;
        wait_event(&c, "slide event training", "e.type === 'rl-live:slide' && e.id === 'training'").await;

        post(&c, "{ type: 'rl-live:demo', action: 'train' }").await;
        let p = wait_event(&c, "progress events", "e.type === 'rl-live:progress' && e.steps > 0").await;
        assert!(p["ep_rew_mean"].is_number(), "{p}");
        post(&c, "{ type: 'rl-live:demo', action: 'pause' }").await;
        let s = get_state(&c).await;
        assert!(s["training"]["state"] == "paused" || s["training"]["state"] == "done", "{s}");
        assert_eq!(s["id"], "training");
        assert!(s["training"]["steps"].as_u64().unwrap() > 0, "{s}");
        post(&c, "{ type: 'rl-live:demo', action: 'load-trained' }").await;
        let mut s = get_state(&c).await;
        for _ in 0..40 {
            if s["training"]["agent"] == "bundled" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            s = get_state(&c).await;
        }
        assert_eq!(s["training"]["agent"], "bundled", "{s}");
        post(&c, "{ type: 'rl-live:demo', action: 'evaluate' }").await;
        let s = get_state(&c).await;
        assert!(s["training"]["evaluation"]["mean"].as_f64().unwrap() >= 400.0, "{s}");
        post(&c, "{ type: 'rl-live:demo', action: 'reset' }").await;
        let s = get_state(&c).await;
        assert_eq!(s["training"]["state"], "idle", "{s}");

        // Malformed and unknown messages: warned about, ignored, nothing thrown, nothing changed.
        c.enter_frame(0).await.unwrap();
        js(&c, "window.__warns = []; const w = console.warn; console.warn = (...a) => { window.__warns.push(a.map(String).join(' ')); w.apply(console, a); }; return 1;").await;
        c.enter_parent_frame().await.unwrap();
        for bad in [
            "'garbage'", "null", "42", "{ type: 5 }", "{ type: 'rl-live:nope' }", "{ type: 'rl-live:goto', slide: 'no-such-slide' }",
            "{ type: 'rl-live:goto', slide: 999 }", "{ type: 'rl-live:goto' }", "{ type: 'rl-live:demo', action: 'explode' }", "{ type: 'rl-live:demo' }",
            "{ type: 'rl-live:goto', slide: { toString: null } }",
        ] {
            // Some are not even cloneable (a function-less object is): the host's own postMessage may throw; the embed must not.
            js(&c, &format!("try {{ document.getElementById('demo-training').contentWindow.postMessage({bad}, location.origin); }} catch (e) {{}} return 1;")).await;
        }
        let s = get_state(&c).await;
        assert_eq!(s["id"], "training", "malformed messages moved the deck: {s}");
        assert_eq!(s["training"]["state"], "idle", "{s}");
        c.enter_frame(0).await.unwrap();
        let warns = js(&c, "return window.__warns;").await;
        assert!(warns.as_array().unwrap().len() >= 10, "each bad message is warned about: {warns}");
        assert_no_page_errors(&c, "after malformed messages").await;
        c.enter_parent_frame().await.unwrap();

        // The ?origin= allow-list: an iframe that only trusts another origin ignores this page;
        // one that trusts this page's origin obeys it.
        js(&c, "for (const [id, origin] of [['deny', 'https://other.example'], ['allow', location.origin]]) { \
                  const f = document.createElement('iframe'); f.id = 'frame-' + id; \
                  f.src = '../index.html?embed=1&origin=' + encodeURIComponent(origin) + '#/training'; document.body.append(f); } return 1;").await;
        for (i, id) in [(3u16, "deny"), (4, "allow")] {
            c.enter_frame(i).await.unwrap();
            wait_for(&c, &format!("the {id} iframe ready"), "return document.body && document.body.dataset.ready || null;", Duration::from_secs(20), |v| v == "1").await;
            c.enter_parent_frame().await.unwrap();
        }
        for id in ["deny", "allow"] {
            js(&c, &format!("const w = document.getElementById('frame-{id}').contentWindow; w.postMessage({{ type: 'rl-live:next' }}, '*'); w.postMessage({{ type: 'rl-live:demo', action: 'train' }}, '*'); w.postMessage({{ type: 'rl-live:get-state' }}, '*'); return 1;")).await;
        }
        wait_for(&c, "the allowed iframe's answer", "return window.__events.filter((e) => e.type === 'rl-live:state' && e.id === 'trained-agent').length;", Duration::from_secs(20), |v| v.as_u64() == Some(1)).await;
        c.enter_frame(3).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let d = js(&c, &format!("return {{ id: window.__rlLiveDeck.current.id, train: window.__rlLiveTraining ? {SESSION}.state : 'idle' }};")).await;
        assert_eq!(d, json!({ "id": "training", "train": "idle" }), "a non-allowed origin drove the deck");
        assert_no_page_errors(&c, "in the iframe that refused a foreign origin").await;
        c.enter_parent_frame().await.unwrap();
        c.enter_frame(4).await.unwrap();
        js(&c, &format!("{SESSION}.pause(); return 1;")).await;
        c.enter_parent_frame().await.unwrap();
        let n = js(&c, "return window.__events.filter((e) => e.frame !== 'demo-training' && e.type === 'rl-live:state').length;").await;
        assert_eq!(n, json!(1), "only the allowed iframe answered get-state");
        println!("events received: {}", js(&c, "return window.__events.map((e) => e.type).join(',').length;").await);
    })
    .await;
}

/// The speaker view (opened with `s`) mirrors the main window's training: the same
/// time/total_timesteps within 500 ms; navigation in either window moves both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speaker_view_mirrors_the_live_training() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        let (main, speaker) = open_speaker_view(&c).await;
        wait_for(&c, "the notes on Training", "const t = document.querySelector('[data-testid=notes-title]'); return t && t.textContent;", TIMEOUT, |v| v == "Training").await;
        wait_for(&c, "the demo panel", "return !!document.querySelector('[data-testid=notes-steps]');", TIMEOUT, |v| v == true).await;

        // Train in the main window (watch mode: a long, steady run), log every progress there.
        c.switch_to_window(main.clone()).await.unwrap();
        js(&c, &format!("window.__mainLog = []; const s = {SESSION}; s.on('progress', () => window.__mainLog.push([Date.now(), s.totalTimesteps])); s.setSpeed('watch'); return 1;")).await;
        press(&c, &['t']).await;
        wait_for(&c, "a few iterations", "return window.__mainLog.length;", Duration::from_secs(30), |v| v.as_u64().unwrap_or(0) >= 12).await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["paused", "done"]).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let main_log = js(&c, &format!("return {{ log: window.__mainLog, steps: {SESSION}.totalTimesteps }};")).await;
        c.switch_to_window(speaker.clone()).await.unwrap();
        let shown = js(&c, "return { steps: document.querySelector('[data-testid=notes-steps]').textContent, log: window.__rlLiveNotesLog, state: document.querySelector('[data-testid=notes-train-state]').dataset.state };").await;
        assert_eq!(shown["steps"].as_str().unwrap(), main_log["steps"].to_string(), "the speaker view shows the same time/total_timesteps: {shown} vs {main_log}");
        assert_eq!(shown["state"], "paused");
        // Latency: for each count the main window reached, when the speaker view first showed it (or more).
        let notes_log: Vec<(f64, f64)> = shown["log"].as_array().unwrap().iter().map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap())).collect();
        let mut worst = 0.0f64;
        let mut sum = 0.0;
        let mut n = 0.0;
        for p in main_log["log"].as_array().unwrap() {
            let (t, s) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            let seen = notes_log.iter().find(|(_, ns)| *ns >= s).map(|(nt, _)| nt - t).unwrap_or_else(|| panic!("the speaker view never showed {s} steps: {notes_log:?}"));
            worst = worst.max(seen);
            sum += seen.max(0.0);
            n += 1.0;
        }
        println!("speaker view sync latency over {n} progress events: worst {worst} ms, mean {:.1} ms", sum / n);
        assert!(worst < 500.0, "the speaker view lagged {worst} ms behind");
        let curve = js(&c, "const cv = document.querySelector('[data-testid=notes-curve]'); const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; let k = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 120 && d[i + 2] < 80) k++; return k;").await;
        assert!(curve.as_u64().unwrap() > 50, "the mini curve is drawn: {curve} orange pixels");
        screenshot(&c, "present-speaker-view.png").await;

        // Navigation both ways: the speaker view's → moves the deck, the deck's ← the speaker view.
        press(&c, &[key(Key::Right)]).await;
        wait_for(&c, "the notes on the trained agent", "return document.querySelector('[data-testid=notes-title]').textContent;", TIMEOUT, |v| v == "The trained agent").await;
        c.switch_to_window(main.clone()).await.unwrap();
        wait_slide(&c, "trained-agent").await;
        // The agent playing on the trained-agent slide is mirrored too: its cart and score.
        c.switch_to_window(speaker.clone()).await.unwrap();
        wait_for(&c, "the mirrored episode", "return document.querySelector('[data-testid=notes-episode]').textContent;", TIMEOUT, |v| v.as_str().is_some_and(|t| t.starts_with("Agent playing"))).await;
        let cart = js(&c, "const cv = document.querySelector('[data-testid=notes-cartpole]'); return !cv.hidden && cv.width > 0;").await;
        assert_eq!(cart, true, "the mirrored cart is shown");
        c.switch_to_window(main.clone()).await.unwrap();
        press(&c, &[key(Key::Left)]).await;
        wait_slide(&c, "training").await;
        c.switch_to_window(speaker.clone()).await.unwrap();
        wait_for(&c, "the notes back on Training", "return document.querySelector('[data-testid=notes-title]').textContent;", TIMEOUT, |v| v == "Training").await;
        // A demo key in the speaker view acts on the main window's session.
        press(&c, &['r']).await;
        c.switch_to_window(main.clone()).await.unwrap();
        wait_train_state(&c, &["idle"]).await;
        assert_no_page_errors(&c, "with the speaker view").await;
    })
    .await;
}

/// Served under /talks/rl/: every slide loads with no console error; the worker, the bundled
/// agent, the notes window and the embed page load too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_works_under_a_sub_path() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = serve_site_at("/talks/rl/");
    assert!(base.ends_with("/talks/rl/"), "{base}");
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &format!("{base}index.html")).await;
        let ids = js(&c, "return window.__rlLiveDeck.ids;").await;
        for id in ids.as_array().unwrap() {
            let id = id.as_str().unwrap();
            js(&c, &format!("window.__rlLiveDeck.go({id:?}); return 1;")).await;
            wait_slide(&c, id).await;
            frames(&c).await;
            assert_no_page_errors(&c, &format!("on slide {id} under /talks/rl/")).await;
        }
        js(&c, "window.__rlLiveDeck.go('training'); return 1;").await;
        wait_slide(&c, "training").await;
        press(&c, &['l']).await;
        wait_for(&c, "the bundled agent under the sub-path", &format!("return {SESSION}.agentSource;"), TIMEOUT, |v| v == "bundled").await;
        press(&c, &['t']).await;
        wait_for(&c, "training under the sub-path", &format!("return {SESSION}.totalTimesteps;"), Duration::from_secs(20), |v| v.as_u64().unwrap_or(0) > 0).await;
        press(&c, &['t']).await;
        assert_no_page_errors(&c, "training under /talks/rl/").await;
        open_ready(&c, &format!("{base}index.html?embed=1#/bandit")).await;
        assert_no_page_errors(&c, "embedded under /talks/rl/").await;
        c.goto(&format!("{base}www/deck/notes.html")).await.unwrap();
        wait_for(&c, "the notes page", "return !!document.querySelector('[data-testid=notes-steps]');", TIMEOUT, |v| v == true).await;
    })
    .await;
}

/// ?print=1: every slide one after the other, canvases replaced by static snapshots; the
/// training slide's curve snapshot is not blank (pixels counted) after a little training.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn print_view_snapshots_the_training_curves() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let site = serve_site();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &format!("{site}index.html#/training")).await;
        wait_slide(&c, "training").await;
        press(&c, &['t']).await;
        wait_for(&c, "a few iterations", &format!("return {SESSION}.history.rows.length;"), Duration::from_secs(30), |v| v.as_u64().unwrap_or(0) >= 10).await;
        press(&c, &['t']).await;
        wait_train_state(&c, &["paused", "done"]).await;
        js(&c, &format!("{SESSION}.saveNow(); return 1;")).await;

        for notes in [false, true] {
            let url = format!("{site}index.html?print=1{}#/training", if notes { "&notes=1" } else { "" });
            open_fresh(&c, &url).await;
            wait_for(&c, "the print view", "return document.documentElement.dataset.printReady || null;", Duration::from_secs(30), |v| v == "1").await;
            let v = js(&c, "const secs = [...document.querySelectorAll('.deck-stage .print-sheet > .slide')]; \
                const shown = secs.filter((s) => getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().height === 720).length; \
                const live = document.querySelectorAll('.deck-stage canvas:not([data-snapshot])').length; \
                const cv = document.querySelector('.slide-training canvas.curves-canvas'); \
                const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; let orange = 0, lit = 0; \
                for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0) lit++; if (d[i] > 200 && d[i + 1] > 120 && d[i + 1] < 200 && d[i + 2] < 80 && d[i + 3] > 200) orange++; } \
                return { slides: window.__rlLiveDeck.length, sections: secs.length, shown, live, snapshot: cv.dataset.snapshot || null, w: cv.width, h: cv.height, orange, lit, notes: document.querySelectorAll('.print-notes').length };").await;
            println!("print view (notes={notes}): {v}");
            assert_eq!(v["sections"], v["slides"], "{v}");
            assert_eq!(v["shown"], v["slides"], "every slide on its own 1280×720 page: {v}");
            assert_eq!(v["live"], 0, "every canvas replaced by a snapshot: {v}");
            assert_eq!(v["snapshot"], "1", "{v}");
            assert!(v["orange"].as_u64().unwrap() > 200, "the curve snapshot has the curve's pixels: {v}");
            assert_eq!(v["notes"], if notes { v["slides"].clone() } else { json!(0) }, "{v}");
            assert_no_page_errors(&c, "in the print view").await;
            js(&c, "document.querySelector('.slide-training').scrollIntoView(); return 1;").await;
            screenshot(&c, if notes { "present-print-notes.png" } else { "present-print.png" }).await;
            if !notes {
                // The browser's own print at the handout's page size (1280×720 CSS px in cm):
                // one page per slide.
                use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
                let config = PrintConfiguration::builder()
                    .size(PrintSize { width: 1280.0 * 2.54 / 96.0, height: 720.0 * 2.54 / 96.0 })
                    .margins(PrintMargins { top: 0.0, bottom: 0.0, left: 0.0, right: 0.0 })
                    .background(true)
                    .shrink_to_fit(false)
                    .build()
                    .unwrap();
                let pdf = c.print(config).await.expect("print to PDF");
                let path = root().join("target/screenshots/present-handout.pdf");
                std::fs::write(&path, &pdf).unwrap();
                let pages = pdf_pages(&pdf);
                println!("handout PDF: {} bytes, {pages} pages, {}", pdf.len(), path.display());
                assert_eq!(json!(pages), v["slides"], "one PDF page per slide");
            }
        }
    })
    .await;
}
