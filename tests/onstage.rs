//! On stage (issue 17), in real Chromium (harness in tests/harness/mod.rs): the training slide
//! holds still from Train to Done; the default "Talk" speed spreads a default run over 30–60 s
//! with the curve on screen from the first iteration; Watch shows the curve and the cart
//! together; Enter on Train moves the focus to Pause; the metric explanations are one Tab stop;
//! the trained-agent slide tells the truth (agent-only controls unavailable without an agent,
//! with their reason on hover and focus; no stale "No agent yet"); the printed handout has one
//! page per slide with and without notes, and a fresh browser prints real figures; the speaker
//! view at 960×640 cuts nothing off and shows the current and next slide; a phone (390×844,
//! touch) gets a help overlay that fits and touch instructions; a 640×360 embed keeps text
//! ≥ 12 px. Screenshots go to target/screenshots/onstage/.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use harness::*;
use serde_json::{Value, json};

/// The tests here train and measure timing: one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Records, on every animation frame, the boxes of the Train button, the curve and the log
/// table, and the largest distance any edge moved from the first box seen.
const RECORD_BOXES: &str = r#"
    const sel = { train: '.slide-training [data-action=train]', curve: '.slide-training .curves-canvas', table: '.slide-training .sb3-table' };
    const first = {}; const worst = {}; let frames = 0;
    window.__boxes = { worst, frames: 0, stop: false };
    const tick = () => {
      for (const [k, css] of Object.entries(sel)) {
        const e = document.querySelector(css); if (!e) continue;
        const r = e.getBoundingClientRect(); const b = [r.left, r.top, r.right, r.bottom];
        if (!first[k]) { first[k] = b; worst[k] = 0; continue; }
        worst[k] = Math.max(worst[k], ...b.map((v, i) => Math.abs(v - first[k][i])));
      }
      window.__boxes.frames += 1;
      if (!window.__boxes.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
"#;

/// The default run, as a presenter makes it: Talk speed, Enter on a focused Train. The Train
/// button, the curve and the table move by ≤ 2 px until Done; the run takes 30–60 s; the curve
/// is on screen and has its first point within a second of the first iteration, and it climbs;
/// the focus goes Train → Pause → (Done) Train again, always visible.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn talk_pace_run_holds_still_and_takes_30_to_60_s() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        let speed = js(&c, &format!("return [{SESSION}.speed, document.querySelector('.slide-training [data-speed=talk]').getAttribute('aria-pressed')];")).await;
        assert_eq!(speed, json!(["talk", "true"]), "Talk is the default speed");
        screenshot(&c, "onstage/training-before-1280x720.png").await;
        js(&c, RECORD_BOXES).await;
        // The session's own clock: when the run started, its first progress, and Done.
        js(&c, &format!("const s = {SESSION}; window.__run = {{ rows: [] }}; s.on('state', (st) => {{ if (st === 'starting') window.__run.start = performance.now(); if (st === 'done') window.__run.done = performance.now(); }}); s.on('progress', () => {{ const r = s.history.rows; window.__run.rows.push([performance.now(), r.length, r.length ? r[r.length - 1]['rollout/ep_rew_mean'] : null]); }}); return 1;")).await;

        js(&c, "document.querySelector('.slide-training [data-action=train]').focus(); return 1;").await;
        press(&c, &[key(Key::Enter)]).await;
        let focus = wait_for(&c, "the focus on Pause", "const a = document.activeElement; return a && a.dataset.action === 'pause' ? { visible: a.matches(':focus-visible'), outline: getComputedStyle(a).outlineStyle, w: parseFloat(getComputedStyle(a).outlineWidth) } : null;", TIMEOUT, |v| !v.is_null()).await;
        eprintln!("after Enter on Train: focus {focus}");
        assert_eq!(focus["visible"], json!(true), "{focus}");
        assert!(focus["outline"] != "none" && focus["w"].as_f64().unwrap() >= 2.0, "the focused Pause has a visible ring: {focus}");

        // The first iteration puts a point on the visible curve.
        let first = wait_for(&c, "the first iteration", "const r = window.__run.rows[0]; return r ? r : null;", Duration::from_secs(10), |v| !v.is_null()).await;
        frames(&c).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        let curve = js(&c, "const cv = document.querySelector('.slide-training .curves-canvas'); const r = cv.getBoundingClientRect(); const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; let orange = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 120 && d[i + 1] < 200 && d[i + 2] < 80 && d[i + 3] > 200) orange++; \
            return { w: r.width, h: r.height, inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth, orange, caption: document.querySelector('.slide-training .curves-caption').textContent, start: window.__run.start };").await;
        eprintln!("first iteration at +{:.0} ms: {curve}", first[0].as_f64().unwrap() - curve["start"].as_f64().unwrap());
        assert!(curve["w"].as_f64().unwrap() > 300.0 && curve["h"].as_f64().unwrap() > 150.0 && curve["inView"] == true, "the curve is on screen: {curve}");
        assert!(curve["caption"].as_str().unwrap().contains("points"), "{curve}");
        assert!(curve["orange"].as_u64().unwrap() > 0, "the curve has its first point(s) drawn: {curve}");
        tokio::time::sleep(Duration::from_secs(8)).await;
        screenshot(&c, "onstage/training-talk-running-1280x720.png").await;

        let t0 = Instant::now();
        let run = wait_for(&c, "Done", "return window.__run.done ? window.__run : null;", Duration::from_secs(75), |v| !v.is_null()).await;
        frames(&c).await;
        js(&c, "window.__boxes.stop = true; return 1;").await;
        let boxes = js(&c, "return window.__boxes;").await;
        let secs = (run["done"].as_f64().unwrap() - run["start"].as_f64().unwrap()) / 1000.0;
        let rows = run["rows"].as_array().unwrap();
        let rew: Vec<f64> = rows.iter().filter_map(|r| r[2].as_f64()).collect();
        eprintln!("talk pace: Train → Done in {secs:.1} s (waited {:.1?} for the tail), {} progress events, ep_rew_mean {:.1} → {:.1}; box movement {boxes}", t0.elapsed(), rows.len(), rew.first().unwrap_or(&0.0), rew.last().unwrap_or(&0.0));
        assert!((30.0..=60.0).contains(&secs), "a default run at Talk speed took {secs:.1} s");
        assert!(rew.last().unwrap() - rew.first().unwrap() > 100.0, "the curve climbs: {rew:?}");
        assert!(boxes["frames"].as_u64().unwrap() > 300, "{boxes}");
        for k in ["train", "curve", "table"] {
            let moved = boxes["worst"][k].as_f64().unwrap_or(f64::NAN);
            assert!(moved <= 2.0, "{k} moved by {moved} px between Train and Done: {boxes}");
        }
        let after = wait_for(&c, "the focus on Train again", "const a = document.activeElement; return a && a.dataset.action === 'train' ? [a.textContent, a.matches(':focus-visible')] : null;", TIMEOUT, |v| !v.is_null()).await;
        assert_eq!(after, json!(["Train again", true]), "Done: the focus is on Train again");
        screenshot(&c, "onstage/training-done-1280x720.png").await;
        assert_no_page_errors(&c, "after a talk-pace run").await;
    })
    .await;
}

/// The speed is a control and a hotkey: x cycles Talk → Watch → Fast-forward. Watch shows the
/// curve and the current policy playing side by side; at Talk pace the progress rate is
/// measured over a few seconds (it would spread the default run over 30–60 s). The metric
/// explanations are one disclosure, one Tab stop (no tabbable keys), and ep_len_mean's
/// underscores are not hidden by an underline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speeds_watch_shows_curve_and_cart_and_metric_help_is_one_tab_stop() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        // Keyboard: no key of the table is a Tab stop; one disclosure explains them all.
        let help = js(&c, "const keys = [...document.querySelectorAll('.slide-training .sb3-key')]; const d = document.querySelector('.slide-training .sb3-help'); \
            return { tabbable: keys.filter((k) => k.tabIndex >= 0).length, described: keys.filter((k) => document.getElementById(k.getAttribute('aria-describedby'))).length, summary: d && d.querySelector('summary').textContent, items: d ? d.querySelectorAll('dd').length : 0 };").await;
        assert_eq!(help, json!({ "tabbable": 0, "described": 16, "summary": "What the keys mean", "items": 16 }));
        js(&c, "document.querySelector('.slide-training .sb3-help summary').focus(); return 1;").await;
        press(&c, &[key(Key::Enter)]).await;
        let open = wait_for(&c, "the explanations open", "const d = document.querySelector('.slide-training .sb3-help'); const l = d.querySelector('.sb3-help-list'); const r = l.getBoundingClientRect(); return d.open ? { top: r.top, bottom: r.bottom, h: innerHeight, text: l.textContent.length } : null;", TIMEOUT, |v| !v.is_null()).await;
        assert!(open["top"].as_f64().unwrap() >= 0.0 && open["bottom"].as_f64().unwrap() <= open["h"].as_f64().unwrap(), "the explanations fit on screen: {open}");
        screenshot(&c, "onstage/training-key-help-1280x720.png").await;
        press(&c, &[key(Key::Enter)]).await;
        // The underline sits below the underscores (text-underline-offset), not on them.
        let ul = js(&c, "const k = document.querySelector('.slide-training .sb3-row[data-key=\"rollout/ep_len_mean\"] .sb3-key'); const s = getComputedStyle(k); return [s.borderBottomStyle, s.textDecorationLine, parseFloat(s.textUnderlineOffset) / parseFloat(s.fontSize)];").await;
        assert_eq!(ul[0], "none", "{ul}");
        assert!(ul[2].as_f64().unwrap() >= 0.3, "underline offset {ul}");

        // The hotkey cycles the speeds; the buttons follow.
        js(&c, "document.activeElement.blur(); return 1;").await;
        let pressed = "return [...document.querySelectorAll('.slide-training [data-speed]')].filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.speed);";
        for want in ["watch", "fast", "talk"] {
            press(&c, &['x']).await;
            assert_eq!(js(&c, &format!("return {SESSION}.speed;")).await, json!(want));
            assert_eq!(js(&c, pressed).await, json!([want]));
        }

        // Talk pace, measured: steps per second over ~4 s × the budget → the run's length.
        // Started with `t`: its toast stays clear of the slide's tabs.
        press(&c, &['t']).await;
        let toast = wait_for(&c, "the training toast", "const t = document.querySelector('.deck-toast'); if (t.hidden) return null; const a = t.getBoundingClientRect(); const b = document.querySelector('.slide-training [data-tab=live]').getBoundingClientRect(); return { text: t.textContent, overlap: a.right > b.left && b.right > a.left && a.bottom > b.top && b.bottom > a.top };", TIMEOUT, |v| !v.is_null()).await;
        assert!(toast["text"].as_str().unwrap().starts_with("Training started"), "{toast}");
        assert_eq!(toast["overlap"], json!(false), "the toast covers the 'Train it here' tab: {toast}");
        wait_for(&c, "the first iteration", &format!("return {SESSION}.totalTimesteps;"), Duration::from_secs(10), |v| v.as_u64().unwrap_or(0) > 0).await;
        let a = js(&c, &format!("return [performance.now(), {SESSION}.totalTimesteps, {SESSION}.effectiveConfig.total_timesteps];")).await;
        tokio::time::sleep(Duration::from_secs(4)).await;
        let b = js(&c, &format!("return [performance.now(), {SESSION}.totalTimesteps];")).await;
        let rate = (b[1].as_f64().unwrap() - a[1].as_f64().unwrap()) / ((b[0].as_f64().unwrap() - a[0].as_f64().unwrap()) / 1000.0);
        let whole = a[2].as_f64().unwrap() / rate;
        eprintln!("talk pace: {rate:.0} steps/s → the {} step run in {whole:.1} s", a[2]);
        assert!((30.0..=60.0).contains(&whole), "talk pace would take {whole:.1} s for the whole run");

        // Watch: the curve and the cart, both on screen, side by side.
        click(&c, ".slide-training [data-speed=watch]").await;
        let both = wait_for(&c, "the policy playing beside the curve", "const cv = document.querySelector('.slide-training .curves-canvas').getBoundingClientRect(); const pv = document.querySelector('.slide-training .policy-preview-canvas').getBoundingClientRect(); const cap = document.querySelector('.slide-training [data-testid=policy-preview-caption]').textContent; \
            const on = (r) => r.width > 150 && r.height > 100 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; \
            return on(cv) && on(pv) && cap.startsWith('The current policy') ? { curve: [cv.left, cv.right], cart: [pv.left, pv.right], overlap: cv.right > pv.left && pv.right > cv.left && cv.bottom > pv.top && pv.bottom > cv.top } : null;", TIMEOUT, |v| !v.is_null()).await;
        eprintln!("watch: {both}");
        assert_eq!(both["overlap"], json!(false), "{both}");
        tokio::time::sleep(Duration::from_secs(2)).await;
        screenshot(&c, "onstage/training-watch-1280x720.png").await;
        click(&c, ".slide-training [data-speed=fast]").await;
        wait_for(&c, "a fast-forward run to finish", &format!("return {SESSION}.state;"), Duration::from_secs(60), |v| v == "done").await;
        // Its cause gone, the "Training started" toast goes too (if another has not replaced it).
        let after = js(&c, "const t = document.querySelector('.deck-toast'); return t.hidden || !t.textContent.startsWith('Training started');").await;
        assert_eq!(after, json!(true), "the training toast outlived the run");
        assert_no_page_errors(&c, "speeds").await;
    })
    .await;
}

/// The trained-agent slide without an agent: Play 5, Nudge, Evaluate (trained), Random vs
/// trained and Download are unavailable, saying why on hover and on keyboard focus, and do
/// nothing; with the bundled agent loaded they work and no "No agent yet" is left anywhere;
/// the speaker view never says "Agent playing" while nothing plays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trained_agent_slide_tells_the_truth() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/trained-agent", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "trained-agent").await;
        const CONTROLS: &str = "const root = document.querySelector('.slide-trained-agent'); return ['play5', 'evaluate', 'duel', 'download'].map((a) => root.querySelector(`[data-action=${a}]`)).concat([...root.querySelectorAll('.agent-buttons .btn')].filter((b) => b.textContent.startsWith('Nudge'))).map((b) => ({ text: b.textContent, off: b.getAttribute('aria-disabled') === 'true', reason: b.dataset.reason || null, title: b.title }));";
        let before = js(&c, CONTROLS).await;
        eprintln!("no agent: {before}");
        assert_eq!(before.as_array().unwrap().len(), 6);
        for b in before.as_array().unwrap() {
            assert_eq!(b["off"], json!(true), "{b}");
            assert!(b["reason"].as_str().is_some_and(|r| r.contains("No agent yet")) && b["title"] == b["reason"], "{b}");
        }
        // The reason on keyboard focus: Tab to Play 5 episodes.
        js(&c, "const b = document.querySelector('.slide-trained-agent [data-action=play5]'); b.previousElementSibling; document.querySelector('.slide-trained-agent .agent-who').setAttribute('tabindex', '-1'); document.querySelector('.slide-trained-agent .agent-who').focus(); return 1;").await;
        press(&c, &[key(Key::Tab)]).await;
        let shown = js(&c, "const a = document.activeElement; const after = getComputedStyle(a, '::after'); return { action: a.dataset.action, visible: a.matches(':focus-visible'), content: after.content, display: after.display };").await;
        eprintln!("focused: {shown}");
        assert_eq!(shown["action"], "play5", "{shown}");
        assert!(shown["content"].as_str().unwrap().contains("No agent yet") && shown["display"] != "none", "the reason shows on focus: {shown}");
        screenshot(&c, "onstage/trained-agent-no-agent-focus-1280x720.png").await;
        // Clicking does nothing (no message, no log).
        for a in ["play5", "download", "evaluate", "duel"] {
            js(&c, &format!("document.querySelector('.slide-trained-agent [data-action={a}]').click(); return 1;")).await;
        }
        let quiet = js(&c, "const r = document.querySelector('.slide-trained-agent'); return { log: r.querySelectorAll('.score-log li').length, files: r.querySelector('.training-files .field-msg').textContent, eval: r.querySelector('.eval-out').textContent };").await;
        assert_eq!(quiet, json!({ "log": 0, "files": "", "eval": "" }));
        // Random evaluation needs no agent.
        let random = js(&c, "const r = document.querySelector('.slide-trained-agent'); const s = r.querySelector('.agent-eval select'); s.value = 'random'; s.dispatchEvent(new Event('change')); return r.querySelector('[data-action=evaluate]').getAttribute('aria-disabled');").await;
        assert_eq!(random, Value::Null, "random evaluation is available without an agent");
        js(&c, "const s = document.querySelector('.slide-trained-agent .agent-eval select'); s.value = 'trained'; s.dispatchEvent(new Event('change')); return 1;").await;

        click(&c, ".slide-trained-agent [data-action=load-bundled]").await;
        wait_for(&c, "the bundled agent", &format!("return {SESSION}.agentSource;"), TIMEOUT, |v| v == "bundled").await;
        frames(&c).await;
        let after = js(&c, CONTROLS).await;
        for b in after.as_array().unwrap() {
            assert_eq!(b["off"], json!(false), "{b}");
        }
        click(&c, ".slide-trained-agent [data-action=play5]").await;
        wait_for(&c, "episodes playing", "return document.querySelector('.slide-trained-agent .agent-readout').textContent;", TIMEOUT, |v| v.as_str().is_some_and(|t| t.contains("score"))).await;
        for tab in ["agent", "duel"] {
            click(&c, &format!(".slide-trained-agent [data-tab={tab}]")).await;
            frames(&c).await;
            let text = js(&c, "return document.querySelector('.slide-trained-agent').innerText;").await;
            assert!(!text.as_str().unwrap().contains("No agent yet"), "stale 'No agent yet' on the {tab} tab: {text}");
        }
        click(&c, ".slide-trained-agent [data-tab=agent]").await;
        js(&c, "document.querySelector('.slide-trained-agent .agent-physics').open = true; return 1;").await;
        let text = js(&c, "return document.querySelector('.slide-trained-agent').innerText;").await;
        assert!(!text.as_str().unwrap().contains("No agent yet"), "{text}");
        // "Import agent…" within the slide's margins, "Loaded: …" not cut.
        let files = js(&c, "const s = document.querySelector('.slide-trained-agent').getBoundingClientRect(); const imp = [...document.querySelectorAll('.slide-trained-agent .training-files label.btn')][0].getBoundingClientRect(); const out = document.querySelector('.slide-trained-agent .training-bundled .field-msg'); \
            return { slideRight: s.right, importRight: imp.right, loaded: out.textContent, cut: out.scrollWidth > out.clientWidth + 1 || out.scrollHeight > out.clientHeight + 1 };").await;
        eprintln!("files: {files}");
        assert!(files["importRight"].as_f64().unwrap() <= files["slideRight"].as_f64().unwrap() - 32.0, "Import agent… sticks out: {files}");
        assert_eq!(files["cut"], json!(false), "{files}");
        screenshot(&c, "onstage/trained-agent-loaded-1280x720.png").await;
        assert_no_page_errors(&c, "trained agent").await;
    })
    .await;
}

/// The handout from a FRESH browser (nothing trained, nothing saved): `?print=1&notes=1` and
/// `?print=1`, printed to PDF by Chromium, give one page per slide; the bandit, training and
/// TensorBoard slides print real figures (the testbed run and the talk's default training run
/// made at print time, saving nothing); notes are readable (≥ 13 px), their markdown rendered;
/// the colours print without "Background graphics".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handout_one_page_per_slide_with_real_figures() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let site = serve_site();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        for notes in [true, false] {
            let url = format!("{site}index.html?print=1{}#/title", if notes { "&notes=1" } else { "" });
            open_fresh(&c, &url).await;
            wait_for(&c, "the print view", "return document.documentElement.dataset.printReady || null;", Duration::from_secs(180), |v| v == "1").await;
            let v = js(&c, r#"
                const orange = (cv) => { const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; let k = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 120 && d[i + 1] < 200 && d[i + 2] < 80 && d[i + 3] > 200) k++; return k; };
                const lit = (cv) => { const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; let k = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] > 60 || d[i + 1] > 60 || d[i + 2] > 60)) k++; return k; };
                const notes = [...document.querySelectorAll('.print-notes')];
                const text = [...document.querySelectorAll('.print-sheet > .slide')].map((s) => s.innerText).join('\n');
                return {
                  slides: window.__rlLiveDeck.length,
                  sheets: document.querySelectorAll('.print-sheet').length,
                  notes: notes.length,
                  notesMinPx: Math.min(...notes.map((n) => parseFloat(getComputedStyle(n).fontSize))),
                  notesOverflow: notes.filter((n) => n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1).map((n) => n.previousElementSibling.dataset.slideId),
                  rawMarkdown: /~~|\*\*/.test(notes.map((n) => n.textContent).join('')),
                  struck: document.querySelectorAll('.print-notes del').length,
                  bandit: document.querySelector('.slide-bandit [data-testid=bandit-status]').textContent,
                  banditLit: Math.max(...[...document.querySelectorAll('.slide-bandit canvas')].map(lit)),
                  training: orange(document.querySelector('.slide-training canvas.curves-canvas')),
                  tensorboard: orange(document.querySelector('.slide-tensorboard canvas.curves-canvas')),
                  pressTrain: /No curve yet|press Train|Press Run/.test(text),
                  saved: localStorage.getItem('rl-live.training.v1'),
                  colorAdjust: getComputedStyle(document.documentElement).printColorAdjust,
                };"#).await;
            eprintln!("handout (notes={notes}): {v}");
            assert_eq!(v["sheets"], v["slides"], "{v}");
            assert_eq!(v["notes"], if notes { v["slides"].clone() } else { json!(0) }, "{v}");
            assert!(v["bandit"].as_str().unwrap().contains("done") && v["banditLit"].as_u64().unwrap() > 500, "the bandit prints its testbed: {v}");
            assert!(v["training"].as_u64().unwrap() > 200 && v["tensorboard"].as_u64().unwrap() > 200, "the training curves print: {v}");
            assert_eq!(v["pressTrain"], json!(false), "an empty demo prints: {v}");
            assert_eq!(v["saved"], Value::Null, "printing saved an agent in this browser: {v}");
            assert_eq!(v["colorAdjust"], "exact", "{v}");
            if notes {
                assert!(v["notesMinPx"].as_f64().unwrap() >= 13.0, "{v}");
                assert_eq!(v["notesOverflow"], json!([]), "notes cut off: {v}");
                assert_eq!(v["rawMarkdown"], json!(false), "{v}");
                assert!(v["struck"].as_u64().unwrap() >= 1, "~~probably~~ is struck through: {v}");
                for id in ["disclaimer", "definitions", "training"] {
                    js(&c, &format!("document.querySelector('.slide-{id}').closest('.print-sheet').scrollIntoView(); return 1;")).await;
                    set_viewport(&c, 1280, 1060).await;
                    screenshot(&c, &format!("onstage/handout-notes-{id}.png")).await;
                }
                set_viewport(&c, 1280, 720).await;
            }
            // Chromium's own print, at the handout's page size, backgrounds off (the default).
            use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
            let h = if notes { 1060.0 } else { 720.0 };
            let config = PrintConfiguration::builder()
                .size(PrintSize { width: 1280.0 * 2.54 / 96.0, height: h * 2.54 / 96.0 })
                .margins(PrintMargins { top: 0.0, bottom: 0.0, left: 0.0, right: 0.0 })
                .background(false)
                .shrink_to_fit(false)
                .build()
                .unwrap();
            let pdf = c.print(config).await.expect("print to PDF");
            let name = if notes { "handout-notes.pdf" } else { "handout.pdf" };
            let path = root().join("target/screenshots/onstage").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &pdf).unwrap();
            let pages = pdf_pages(&pdf);
            eprintln!("{name}: {} bytes, {pages} pages for {} slides", pdf.len(), v["slides"]);
            assert_eq!(json!(pages), v["slides"], "one PDF page per slide (notes={notes})");
            assert_no_page_errors(&c, "in the print view").await;
        }
    })
    .await;
}

/// Elements of the page that stick out of the window (or of a clipping ancestor's box) —
/// buttons, outputs, headings, notes — as [text, right, bottom].
const CUT_OFF: &str = r#"
    const out = [];
    for (const e of document.querySelectorAll('button, output, h1, h2, p, dt, dd, canvas, iframe, figcaption, kbd')) {
      if (!e.getClientRects().length || e.closest('[hidden]')) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let clip = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
      let scrolls = false; // inside a box that scrolls (the notes): reachable, not cut off
      for (let a = e.parentElement; a && !scrolls; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflow === 'visible') continue;
        if (/auto|scroll/.test(s.overflow) && (a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1)) scrolls = true;
        else {
          const b = a.getBoundingClientRect();
          clip = { left: Math.max(clip.left, b.left), top: Math.max(clip.top, b.top), right: Math.min(clip.right, b.right), bottom: Math.min(clip.bottom, b.bottom) };
        }
      }
      if (scrolls) continue;
      if (r.left < clip.left - 1 || r.top < clip.top - 1 || r.right > clip.right + 1 || r.bottom > clip.bottom + 1) out.push([e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40), Math.round(r.right), Math.round(r.bottom)]);
    }
    return out;
"#;

/// The speaker view at its default 960×640: nothing cut off (the demo panel's buttons, the
/// notes), pictures of the current and the next slide, notes that fit or shrink (with an
/// A−/A+ size control), markdown rendered, the speed mirrored, and no "Agent playing" while
/// no agent plays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speaker_view_at_960x640_shows_now_and_next_and_cuts_nothing() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/disclaimer", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "disclaimer").await;
        let (main, speaker) = open_speaker_view(&c).await;
        set_viewport(&c, 960, 640).await;
        wait_for(&c, "the notes on the disclaimer", "const t = document.querySelector('[data-testid=notes-title]'); return t && t.textContent;", TIMEOUT, |v| v == "Disclaimer").await;
        // Markdown: ~~probably~~ struck through, no raw markup.
        let md = js(&c, "const n = document.querySelector('[data-testid=notes-text]'); return { del: [...n.querySelectorAll('del')].map((d) => d.textContent), raw: n.textContent.includes('~~') };").await;
        assert_eq!(md, json!({ "del": ["probably"], "raw": false }));

        for (slide, next) in [("disclaimer", ""), ("definitions", ""), ("training", "trained-agent"), ("trained-agent", "")] {
            c.switch_to_window(main.clone()).await.unwrap();
            go(&c, slide).await;
            let next_id = if next.is_empty() { js(&c, "const d = window.__rlLiveDeck; return d.slides[d.index + 1].id;").await.as_str().unwrap().to_string() } else { next.to_string() };
            c.switch_to_window(speaker.clone()).await.unwrap();
            // Both pictures show their slide (the deck inside, at its own stage size).
            let pics = wait_for(&c, &format!("the previews of {slide} and {next_id}"), &format!(r#"
                const f = (id) => {{ const fr = document.querySelector(`[data-testid=notes-preview-${{id}}]`); try {{ const d = fr.contentWindow.__rlLiveDeck; const s = fr.contentDocument.querySelector('.slide.is-current'); const r = fr.getBoundingClientRect(); return d && s && fr.contentDocument.body.dataset.ready === '1' ? {{ id: d.current.id, w: r.width, h: r.height, bottom: r.bottom }} : null; }} catch (e) {{ return null; }} }};
                const now = f('now'), next = f('next');
                return now && next && now.id === {slide:?} && next.id === {next_id:?} ? {{ now, next }} : null;"#), Duration::from_secs(20), |v| !v.is_null()).await;
            assert!(pics["now"]["w"].as_f64().unwrap() >= 220.0 && pics["next"]["w"].as_f64().unwrap() >= 160.0, "{pics}");
            frames(&c).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let fit = js(&c, "const n = document.querySelector('[data-testid=notes-text]'); const slot = document.getElementById('demo-slot'); return { px: parseFloat(n.style.fontSize), overflow: n.scrollHeight - n.clientHeight, shown: document.querySelector('[data-testid=notes-font-size]').textContent, demoScrolls: slot.scrollHeight > slot.clientHeight + 1 || slot.scrollWidth > slot.clientWidth + 1 };").await;
            let cut = js(&c, CUT_OFF).await;
            eprintln!("speaker view on {slide}: previews {pics}, notes {fit}, cut off {cut}");
            assert_eq!(cut, json!([]), "cut off in the speaker view on {slide}");
            assert!(fit["px"].as_f64().unwrap() >= 13.0, "{fit}");
            assert_eq!(fit["demoScrolls"], json!(false), "the live-demo panel needs scrolling: {fit}");
            assert!(fit["overflow"].as_i64().unwrap() <= 0 || fit["px"].as_f64().unwrap() == 13.0, "notes neither fit nor shrank to 13 px: {fit}");
            screenshot(&c, &format!("onstage/speaker-{slide}-960x640.png")).await;
        }
        // With no agent on the trained-agent slide, nothing says an agent plays.
        let ep = js(&c, "const e = document.querySelector('[data-testid=notes-episode]'); return [e.textContent, document.querySelector('[data-testid=notes-cartpole]').hidden];").await;
        assert_eq!(ep, json!(["", true]), "no agent, yet the speaker view says {ep}");
        // The font-size control.
        let before = js(&c, "return document.querySelector('[data-testid=notes-font-size]').textContent;").await;
        click(&c, "#font-down").await;
        let after = js(&c, "return document.querySelector('[data-testid=notes-font-size]').textContent;").await;
        assert_ne!(before, after);
        // The speed is mirrored.
        c.switch_to_window(main.clone()).await.unwrap();
        press(&c, &['x']).await;
        c.switch_to_window(speaker.clone()).await.unwrap();
        wait_for(&c, "the speed mirrored", "return document.querySelector('[data-testid=notes-speed]').textContent;", TIMEOUT, |v| v == "Speed: Watch (x)").await;
        c.switch_to_window(main.clone()).await.unwrap();
        assert_no_page_errors(&c, "with the speaker view").await;
    })
    .await;
}

/// A phone (390×844, touch emulated): the help overlay fits the screen and explains touch (no
/// key tables), the bottom bar is opaque, #/cartpole's live values are on screen, and the game
/// speaks of tapping, not of keys.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_help_fits_touch_words_and_live_values_on_screen() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("{}index.html#/cartpole", serve_site());
    let mobile = json!({ "mobileEmulation": { "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true } } });
    with_browser_options(mobile, |c| async move {
        open_ready(&c, &url).await;
        wait_slide(&c, "cartpole").await;
        let env = js(&c, "return [innerWidth, matchMedia('(pointer: coarse)').matches, document.documentElement.classList.contains('deck-reflow')];").await;
        assert_eq!(env, json!([390, true, true]), "a touch phone in the reflowed column");
        // The live values: the "Now" column inside the screen.
        let now = js(&c, "const cells = [...document.querySelectorAll('[data-testid^=obs-live-]')]; return cells.map((e) => { const r = e.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; });").await;
        eprintln!("cartpole live cells at 390: {now}");
        for cell in now.as_array().unwrap() {
            assert!(cell[0].as_i64().unwrap() >= 0 && cell[1].as_i64().unwrap() <= 390, "a live value off screen: {now}");
        }
        js(&c, "document.querySelector('[data-testid=obs-table]').scrollIntoView({ block: 'center' }); return 1;").await;
        screenshot(&c, "onstage/phone-cartpole-table-390x844.png").await;
        // Touch words, no key badges.
        let words = js(&c, "const root = document.querySelector('.slide-cartpole'); return { status: root.querySelector('[data-testid=play-status]').textContent, badges: [...root.querySelectorAll('kbd')].filter((k) => k.getClientRects().length).length };").await;
        assert!(words["status"].as_str().unwrap().contains("Tap"), "{words}");
        assert_eq!(words["badges"], json!(0), "{words}");
        js(&c, "document.querySelector('[data-testid=play-left]').scrollIntoView({ block: 'center' }); return 1;").await;
        screenshot(&c, "onstage/phone-cartpole-game-390x844.png").await;
        // The bottom bar is opaque.
        let bar = js(&c, "return getComputedStyle(document.querySelector('.deck-chrome')).backgroundColor;").await;
        assert!(!bar.as_str().unwrap().starts_with("rgba"), "the bottom bar is see-through: {bar}");
        // The help overlay.
        click(&c, ".deck-help-btn").await;
        let help = wait_for(&c, "the help", "const d = document.querySelector('.deck-help'); if (!d.open) return null; const r = d.getBoundingClientRect(); const over = [...d.querySelectorAll('*')].filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > r.right + 1).map((e) => e.textContent.slice(0, 30)); \
            return { left: r.left, right: r.right, w: innerWidth, sw: d.scrollWidth, cw: d.clientWidth, over, touch: getComputedStyle(d.querySelector('[data-testid=deck-help-touch]')).display, keys: getComputedStyle(d.querySelector('[data-testid=deck-help-keys]')).display !== 'none' && d.querySelector('[data-testid=deck-help-keys]').getClientRects().length > 0 };", TIMEOUT, |v| !v.is_null()).await;
        eprintln!("help at 390: {help}");
        assert!(help["left"].as_f64().unwrap() >= 0.0 && help["right"].as_f64().unwrap() <= 390.0, "{help}");
        assert!(help["sw"].as_u64() <= help["cw"].as_u64(), "the help scrolls sideways: {help}");
        assert_eq!(help["over"], json!([]), "{help}");
        assert_eq!(help["touch"], "block", "{help}");
        assert_eq!(help["keys"], json!(false), "key tables shown to a touch user: {help}");
        screenshot(&c, "onstage/phone-help-390x844.png").await;
        assert_no_page_errors(&c, "on a phone").await;
    })
    .await;
}

/// A 640×360 embed gets the compact layout: every visible text is at least 12 px on screen;
/// blocked storage inside it is a note, not an error. At 1920×1080 the help and the overview
/// grow with the slides.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compact_embed_text_and_big_screen_overlays() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let site = serve_site();
    // Site data blocked, as browsers do for third-party iframes.
    let prefs = json!({ "prefs": { "profile.default_content_setting_values.cookies": 2 } });
    with_browser_options(prefs, |c| async move {
        for id in ["training", "bandit", "cartpole"] {
            set_viewport(&c, 640, 360).await;
            open_fresh(&c, &format!("{site}index.html?embed=1#/{id}")).await;
            wait_slide(&c, id).await;
            frames(&c).await;
            let small = js(&c, r#"
                const scale = window.__rlLiveDeck.reflow ? 1 : window.__rlLiveDeck.scale;
                const bad = [];
                const walker = document.createTreeWalker(document.querySelector('.slide.is-current'), NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const e = n.parentElement; if (!n.textContent.trim() || !e.getClientRects().length || e.closest('.visually-hidden')) continue;
                  const px = parseFloat(getComputedStyle(e).fontSize) * scale;
                  if (px < 12) bad.push([n.textContent.trim().slice(0, 30), px]);
                }
                return { reflow: window.__rlLiveDeck.reflow, bad: bad.slice(0, 10), count: bad.length };"#).await;
            eprintln!("embed 640×360 #/{id}: {small}");
            assert_eq!(small["count"], json!(0), "text under 12 px in a 640×360 embed of {id}: {small}");
            screenshot(&c, &format!("onstage/embed-{id}-640x360.png")).await;
        }
        // Blocked storage: a note in the muted colour, not the error colour.
        let note = js(&c, "return null;").await;
        let _ = note;
        open_fresh(&c, &format!("{site}index.html?embed=1#/training")).await;
        wait_slide(&c, "training").await;
        let saving = js(&c, "const e = document.querySelector('.slide-training .train-saving'); return { text: e.textContent, info: e.classList.contains('info'), color: getComputedStyle(e).color };").await;
        eprintln!("blocked storage: {saving}");
        assert!(saving["text"].as_str().unwrap().starts_with("Saving is off"), "{saving}");
        assert_eq!(saving["info"], json!(true), "{saving}");
        assert_ne!(saving["color"], "rgb(239, 71, 111)", "shown in the error colour: {saving}");

        // 1920×1080: the overlays scale like the stage (1.5×).
        set_viewport(&c, 1920, 1080).await;
        open_fresh(&c, &format!("{site}index.html#/training")).await;
        wait_slide(&c, "training").await;
        press(&c, &['?']).await;
        let help = wait_for(&c, "the help", "const d = document.querySelector('.deck-help'); return d.open ? { w: d.getBoundingClientRect().width, zoom: getComputedStyle(d).zoom, font: parseFloat(getComputedStyle(d.querySelector('td')).fontSize) } : null;", TIMEOUT, |v| !v.is_null()).await;
        eprintln!("help at 1920×1080: {help}");
        assert!(help["w"].as_f64().unwrap() > 1500.0, "{help}");
        screenshot(&c, "onstage/help-1920x1080.png").await;
        press(&c, &['?']).await;
        press(&c, &['o']).await;
        let ov = wait_for(&c, "the overview", "const d = document.querySelector('.deck-overview'); return d && d.open ? d.getBoundingClientRect().width : null;", TIMEOUT, |v| !v.is_null()).await;
        assert!(ov.as_f64().unwrap() > 1500.0, "overview width {ov}");
        screenshot(&c, "onstage/overview-1920x1080.png").await;
        assert_no_page_errors(&c, "embeds and big screens").await;
    })
    .await;
}
