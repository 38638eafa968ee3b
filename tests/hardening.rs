//! Hardening (issue 7): what people and other pages can throw at the deck.
//!
//! - every typed number field on every slide (found by walking the slides, so a new field is
//!   covered without touching this file) refuses empty, NaN, ±Infinity, negative, 0, huge,
//!   non-numeric and "with units" text with a message next to it naming the valid range, keeps
//!   its last good value (and training its last good config), then takes a good value again;
//!   every slider stays finite and in range whatever value it is handed;
//! - weight-file import through the real `<input type=file>`: truncated, not JSON, wrong magic,
//!   newer version, wrong shapes, non-finite weights, 100 MB, another env … each refused with a
//!   message next to the import control, the current agent untouched (behaviour fingerprint);
//! - hostile URLs (markup in ?embed= and ?origin=, 100 KB query and hash) inject nothing;
//! - a flood of 10,000 postMessages (commands and junk, a 10 MB string) leaves the embedded
//!   deck responsive, error-free and answering;
//! - no HTML/JS-from-string sinks in www/ (innerHTML, eval, new Function, …).
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::Duration;

use fantoccini::{Client, Locator};
use harness::*;
use serde_json::{Value, json};

/// Browser tests here measure responsiveness: one at a time (2-core machines).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

// WebDriver key codes.
const CTRL: char = '\u{E009}';
const NULL: char = '\u{E000}';
const BACKSPACE: char = '\u{E003}';
const TAB: char = '\u{E004}';

/// What a person might type into a number field.
const BAD: &[&str] = &["", "NaN", "Infinity", "-Infinity", "-1", "0", "1e308", "1e999", "abc", "0x10", "3e-4 lr", "10 %"];

/// The test's own idea of a valid entry (digits, point, exponent; finite; in range).
fn valid_number(text: &str, f: &Value) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|ch| ch.is_ascii_digit() || ".eE+-".contains(ch)) {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    let (min, max) = (f["min"].as_f64().unwrap(), f["max"].as_f64().unwrap());
    let above_min = if f["minExclusive"] == true { v > min } else { v >= min };
    let whole = f["integer"] != true || v.fract() == 0.0;
    (v.is_finite() && above_min && v <= max && whole).then_some(v)
}

/// Marks every input of the current slide with data-hx=<n> (opening <details> and switching
/// to the tab that holds it, so each can be typed into) and describes them.
const FIELDS: &str = r#"
    const s = document.querySelector('.slide.is-current');
    const out = [];
    s.querySelectorAll('input').forEach((el, i) => {
        el.dataset.hx = String(i);
        const label = el.labels && el.labels[0] ? el.labels[0].textContent.trim() : (el.getAttribute('aria-label') || '');
        out.push({ i, type: el.type, label, value: el.value, dataValue: el.dataset.value ?? null,
                   min: el.dataset.min !== undefined ? Number(el.dataset.min) : (el.min === '' ? null : Number(el.min)),
                   max: el.dataset.max !== undefined ? Number(el.dataset.max) : (el.max === '' ? null : Number(el.max)),
                   minExclusive: el.dataset.minExclusive === 'true', integer: el.inputMode === 'numeric', disabled: el.disabled });
    });
    return out;
"#;

/// Makes input data-hx=<args[0]> visible: opens its <details>, selects its tab.
const REVEAL: &str = r#"
    const el = document.querySelector(`.slide.is-current [data-hx="${args[0]}"]`);
    for (let p = el.parentElement; p; p = p.parentElement) {
        if (p.tagName === 'DETAILS') p.open = true;
        if (p.getAttribute('role') === 'tabpanel' && p.hidden) document.querySelector(`[aria-controls="${p.id}"]`)?.click();
    }
    el.scrollIntoView({ block: 'nearest' });
    return el.getClientRects().length > 0;
"#;

/// The state a typed value may or may not change: the field, its message (and where it is),
/// the deck, the training session's config.
const FIELD_STATE: &str = r#"
    const el = document.querySelector(`.slide.is-current [data-hx="${args[0]}"]`);
    const msg = document.getElementById(el.getAttribute('aria-describedby') || '');
    const slide = document.querySelector('.slide.is-current');
    const r = (e) => { const b = e.getBoundingClientRect(); return { l: b.left, t: b.top, r: b.right, b: b.bottom, w: b.width, h: b.height }; };
    const t = window.__rlLiveTraining;
    const out = { value: el.value, dataValue: el.dataset.value ?? null, invalid: el.getAttribute('aria-invalid'),
        msg: msg ? msg.textContent : null, error: !!msg && msg.classList.contains('error'),
        deck: window.__rlLiveDeck.current.id,
        config: t ? JSON.stringify({ config: t.session.config, env: t.session.env, seed: t.session.seed }) : null };
    if (msg) {
        const m = r(msg), f = r(el), s = r(slide);
        // Gap between the message's box and the field's box (0 when they touch or overlap).
        const gap = Math.max(0, m.l - f.r, f.l - m.r) + Math.max(0, m.t - f.b, f.t - m.b);
        const others = [...slide.querySelectorAll('input, button, select, label, canvas, output')]
            .filter((o) => o !== el && !msg.contains(o) && o.getClientRects().length)
            .map((o) => [o.tagName + (o.id ? '#' + o.id : '') + ' ' + (o.textContent || '').slice(0, 20), r(o)])
            .filter(([, o]) => o.w > 0 && o.h > 0 && o.l < m.r - 1 && m.l < o.r - 1 && o.t < m.b - 1 && m.t < o.b - 1)
            .map(([n]) => n);
        // Anything pushed out of its card, or the slide grown past the stage, by the message.
        const spill = [...slide.querySelectorAll('*')].filter((e) => e.getClientRects().length).flatMap((e) => {
            const card = e.parentElement && e.parentElement.closest('.pr-card, .live-panel, .agent-side, .training-controls');
            if (!card || (e.closest('details:not([open])') && !e.closest('summary'))) return [];
            for (let p = e.parentElement; p && p !== card; p = p.parentElement) {
                const o = getComputedStyle(p);
                if (o.overflowX !== 'visible' || o.overflowY !== 'visible') return []; // scrolls or clips inside the card
            }
            const a = r(e), b = r(card);
            return a.w && a.h && (a.b > b.b + 1 || a.r > b.r + 1) ? [(e.className || e.tagName) + ' ' + (e.textContent || '').slice(0, 30)] : [];
        });
        out.where = { spill: spill.slice(0, 5), overflow: slide.scrollHeight - slide.clientHeight, gap, inside: m.l >= s.l - 1 && m.r <= s.r + 1 && m.t >= s.t - 1 && m.b <= s.b + 1, visible: m.w > 0 && m.h > 0,
            clipped: msg.scrollWidth > msg.clientWidth + 1 || msg.scrollHeight > msg.clientHeight + 1, overlaps: others };
    }
    return out;
"#;

/// Selects everything in the field, replaces it with `text` as typed keys, then Tab (done).
async fn type_into(c: &Client, i: u64, text: &str) {
    let el = c
        .find(Locator::Css(&format!(".slide.is-current [data-hx=\"{i}\"]")))
        .await
        .unwrap_or_else(|e| panic!("field {i}: {e}"));
    el.send_keys(&format!("{CTRL}a{NULL}{BACKSPACE}{text}{TAB}"))
        .await
        .unwrap_or_else(|e| panic!("type {text:?} into field {i}: {e}"));
}

/// Numbers a message should name for a range bound (how people write them).
fn spellings(x: f64) -> Vec<String> {
    let mut v = vec![format!("{x}")];
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let s = format!("{}", x.abs() as u64);
        let mut grouped = String::new();
        for (k, ch) in s.chars().enumerate() {
            if k > 0 && (s.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        v.push(if x < 0.0 { format!("-{grouped}") } else { grouped });
    } else {
        v.push(format!("{x:e}"));
    }
    v
}

/// Every typed field on every slide: each bad entry gets a message next to the field that
/// names the valid range and quotes what was typed; nothing else changes (the field's value
/// in force, the training config, the slide); no page error. Then the original value is taken
/// again and the message goes. Sliders: any value handed to them ends up finite and in range.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_number_field_refuses_bad_input_next_to_it_and_keeps_the_last_good_value() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = serve_site();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &format!("{base}index.html")).await;
        let ids = js(&c, "return window.__rlLiveDeck.ids;").await;
        let (mut typed, mut sliders) = (0, 0);
        for id in ids.as_array().unwrap() {
            let id = id.as_str().unwrap();
            go(&c, id).await;
            let fields = js(&c, FIELDS).await;
            for f in fields.as_array().unwrap() {
                let i = f["i"].as_u64().unwrap();
                let what = format!("{id} / {} ({})", f["label"], f["type"]);
                match f["type"].as_str().unwrap() {
                    "text" | "number" | "search" | "tel" | "" => {}
                    "range" => {
                        sliders += 1;
                        check_slider(&c, i, f, &what).await;
                        continue;
                    }
                    _ => continue, // checkboxes, radios, files (import: its own test)
                }
                typed += 1;
                assert!(js_async(&c, REVEAL, vec![json!(i)]).await == true, "{what}: cannot be shown to type into");
                assert!(f["min"].is_number() && f["max"].is_number(), "{what}: a number field must say its range (data-min / data-max): {f}");
                let original = f["value"].as_str().unwrap().to_string();
                let before = js_async(&c, FIELD_STATE, vec![json!(i)]).await;
                assert_eq!(before["error"], false, "{what} starts with an error: {before}");
                // What is in force: a valid entry (say "0" where 0 is allowed) is taken and stays.
                let mut in_force = before.clone();
                for &bad in BAD {
                    type_into(&c, i, bad).await;
                    let s = js_async(&c, FIELD_STATE, vec![json!(i)]).await;
                    let ctx = format!("{what} after typing {bad:?}: {s}");
                    assert_eq!(s["value"], bad, "{ctx} (the test typed something else)");
                    assert_eq!(s["deck"], id, "typing moved the deck: {ctx}");
                    assert_no_page_errors(&c, &ctx).await;
                    if let Some(v) = valid_number(bad, f) {
                        assert_eq!(s["error"], false, "a valid entry was refused: {ctx}");
                        assert_eq!(s["dataValue"].as_str().and_then(|d| d.parse::<f64>().ok()), Some(v), "{ctx}");
                        in_force = s;
                        continue;
                    }
                    let msg = s["msg"].as_str().unwrap_or("");
                    assert_eq!(s["error"], true, "no error message: {ctx}");
                    assert_eq!(s["invalid"], "true", "not marked aria-invalid: {ctx}");
                    for bound in ["min", "max"] {
                        let x = f[bound].as_f64().unwrap();
                        assert!(spellings(x).iter().any(|sp| msg.contains(sp)), "the message does not name the {bound} {x}: {ctx}");
                    }
                    if !bad.is_empty() {
                        assert!(msg.contains(&format!("\"{bad}\"")) || msg.contains(&format!("= {bad},")), "the message does not quote what was typed: {ctx}");
                    }
                    assert_eq!(s["dataValue"], in_force["dataValue"], "the field's value in force changed: {ctx}");
                    assert_eq!(s["config"], in_force["config"], "the training config changed: {ctx}");
                    let w = &s["where"];
                    // What spilled out of its box before the message (the layout's own business) is not the message's doing.
                    let spilled: Vec<&Value> = w["spill"].as_array().unwrap().iter().filter(|x| !before["where"]["spill"].as_array().unwrap().contains(x)).collect();
                    let placed = w["visible"] == true && w["inside"] == true && w["clipped"] == false && w["gap"].as_f64().unwrap() <= 16.0 && w["overlaps"] == json!([])
                        && spilled.is_empty() && w["overflow"].as_f64().unwrap() <= 0.0;
                    if !placed {
                        let png = screenshot(&c, &format!("hardening/misplaced-message-{id}-{i}.png")).await;
                        eprintln!("misplaced message: {}", png.display());
                    }
                    assert!(w["visible"] == true && w["inside"] == true && w["clipped"] == false, "message not fully shown: {ctx}");
                    assert!(w["gap"].as_f64().unwrap() <= 16.0, "message not next to the field: {ctx}");
                    assert_eq!(w["overlaps"], json!([]), "message overlaps other controls: {ctx}");
                    assert!(spilled.is_empty(), "the message pushed {spilled:?} out of their box: {ctx}");
                    assert!(w["overflow"].as_f64().unwrap() <= 0.0, "the slide no longer fits the stage: {ctx}");
                }
                // Pasted: 100,000 digits ending in a letter (a pattern that backtracks would
                // freeze the page on it), and a 1 MB line of text. Refused at once.
                for (paste, what_) in [("'1'.repeat(100000) + 'x'", "100,000 digits"), ("'lr '.repeat(350000)", "1 MB of text")] {
                    let ms = js(&c, &format!("const el = document.querySelector('.slide.is-current [data-hx=\"{i}\"]'); el.value = {paste}; const t0 = performance.now(); \
                        el.dispatchEvent(new InputEvent('input', {{ bubbles: true, inputType: 'insertFromPaste' }})); el.dispatchEvent(new Event('change', {{ bubbles: true }})); return performance.now() - t0;")).await;
                    let s = js_async(&c, FIELD_STATE, vec![json!(i)]).await;
                    assert!(ms.as_f64().unwrap() < 100.0, "{what}: checking {what_} took {ms} ms");
                    assert!(s["error"] == true && s["msg"].as_str().unwrap().len() < 300 && s["dataValue"] == in_force["dataValue"] && s["config"] == in_force["config"], "{what}: pasted {what_}: {s:.600}");
                }
                // A good value is taken again and the message goes.
                type_into(&c, i, &original).await;
                let s = js_async(&c, FIELD_STATE, vec![json!(i)]).await;
                assert_eq!(s["error"], false, "{what}: the original {original:?} is refused: {s}");
                assert_eq!(s["invalid"], "false", "{what}: {s}");
                assert_eq!(s["dataValue"], before["dataValue"], "{what}: {s}");
                assert_eq!(s["config"], before["config"], "{what}: {s}");
                println!("{what}: {} bad entries refused, {original:?} taken again", BAD.len());
            }
            assert_no_page_errors(&c, &format!("on {id}")).await;
        }
        println!("{typed} typed fields and {sliders} sliders checked");
        assert!(typed >= 12 && sliders >= 9, "fewer fields than the deck has: {typed} typed, {sliders} sliders");

        // Training takes a good value when the person is done typing — and only then: "3e-4"
        // on the way to "3e-4 lr" never reaches the config; the run uses what is shown.
        go(&c, "training").await;
        let lr = js(&c, "const el = document.querySelector('.slide.is-current [data-knob=learning_rate]'); return el.dataset.hx;").await;
        let lr: u64 = lr.as_str().unwrap().parse().unwrap();
        js_async(&c, REVEAL, vec![json!(lr)]).await;
        type_into(&c, lr, "0.0005").await;
        assert_eq!(js(&c, &format!("return {SESSION}.config.learning_rate;")).await, json!(0.0005), "a good learning rate is taken");
        type_into(&c, lr, "3e-4 lr").await;
        assert_eq!(js(&c, &format!("return {SESSION}.config.learning_rate;")).await, json!(0.0005), "3e-4 was taken on the way to \"3e-4 lr\"");
        let s = js_async(&c, FIELD_STATE, vec![json!(lr)]).await;
        println!("learning_rate message: {}", s["msg"]);
        assert!(s["msg"].as_str().unwrap().contains("0.0005"), "the message says what training still uses: {s}");
        screenshot(&c, "hardening/input-error-training-1280x720.png").await;
        // On a phone (the slides reflow into a column) the message still sits beside the field, readable.
        set_viewport(&c, 390, 844).await;
        js_async(&c, REVEAL, vec![json!(lr)]).await;
        type_into(&c, lr, "abc").await;
        let s = js_async(&c, FIELD_STATE, vec![json!(lr)]).await;
        let w = js(&c, &format!("return document.getElementById(document.querySelector('.slide.is-current [data-hx=\"{lr}\"]').getAttribute('aria-describedby')).getBoundingClientRect().width;")).await;
        js(&c, &format!("document.querySelector('.slide.is-current [data-hx=\"{lr}\"]').scrollIntoView({{ block: 'center' }}); return 1;")).await;
        screenshot(&c, "hardening/input-error-training-390x844.png").await;
        assert!(s["error"] == true && s["where"]["clipped"] == false && s["where"]["overlaps"] == json!([]) && w.as_f64().unwrap() >= 120.0, "on a phone: {s}, {w} px wide");
        set_viewport(&c, 1280, 720).await;
        type_into(&c, lr, "0.0005").await;
        // A value inside the field's range that the core refuses with the others (batch_size
        // over n_envs × n_steps = 256): the core's message next to it, the config unchanged.
        let bs: u64 = js(&c, "return document.querySelector('.slide.is-current [data-knob=batch_size]').dataset.hx;").await.as_str().unwrap().parse().unwrap();
        let config = js(&c, &format!("return JSON.stringify({SESSION}.config);")).await;
        type_into(&c, bs, "4096").await;
        let s = js_async(&c, FIELD_STATE, vec![json!(bs)]).await;
        assert_eq!(s["error"], true, "{s}");
        assert!(s["msg"].as_str().unwrap().contains("batch_size"), "{s}");
        assert_eq!(js(&c, &format!("return JSON.stringify({SESSION}.config);")).await, config);
        type_into(&c, bs, "64").await;
        type_into(&c, lr, "0.002").await;
        assert_eq!(js(&c, &format!("return JSON.stringify({SESSION}.config);")).await, json!("{\"preset\":\"deck\"}"));

        // Fibonacci: a bad n does not run; a good one does.
        go(&c, "fibonacci").await;
        js(&c, FIELDS).await;
        let n: u64 = js(&c, "return document.querySelector('[data-testid=fib-naive-n]').dataset.hx;").await.as_str().unwrap().parse().unwrap();
        type_into(&c, n, "0").await;
        let s = js_async(&c, FIELD_STATE, vec![json!(n)]).await;
        assert!(s["msg"].as_str().unwrap().contains("Incorrect input"), "the talk's message for n ≤ 0: {s}");
        screenshot(&c, "hardening/input-error-fibonacci-1280x720.png").await;
        click(&c, "[data-testid=fib-naive-run]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(js(&c, "return document.querySelector('[data-testid=fib-naive-value]').textContent;").await, "—", "fib ran with a bad n");
        type_into(&c, n, "10").await;
        click(&c, "[data-testid=fib-naive-run]").await;
        wait_for(&c, "fib(10)", "return document.querySelector('[data-testid=fib-naive-value]').textContent;", TIMEOUT, |v| v == "34").await;

        // The trained agent: Evaluate with a bad episode count does not run (the field says
        // why and gets the focus); with a good one it runs that many.
        go(&c, "trained-agent").await;
        click(&c, ".slide-trained-agent [data-action=load-bundled]").await;
        wait_for(&c, "the bundled agent", &format!("return {SESSION}.agentSource;"), TIMEOUT, |v| v == "bundled").await;
        js(&c, "document.querySelector('.slide-trained-agent .agent-physics').open = false; return 1;").await; // it takes the evaluation's place
        js(&c, FIELDS).await;
        let ep: u64 = js(&c, "return document.querySelector('.slide-trained-agent .agent-eval input').dataset.hx;").await.as_str().unwrap().parse().unwrap();
        type_into(&c, ep, "1e999").await;
        click(&c, ".slide-trained-agent [data-action=evaluate]").await;
        let s = js(&c, "const r = document.querySelector('.slide-trained-agent'); return { out: r.querySelector('.eval-out').textContent, focused: document.activeElement === r.querySelector('.agent-eval input') };").await;
        assert_eq!(s, json!({ "out": "", "focused": true }), "Evaluate ran with a bad episode count");
        screenshot(&c, "hardening/input-error-trained-agent-1280x720.png").await;
        type_into(&c, ep, "3").await;
        click(&c, ".slide-trained-agent [data-action=evaluate]").await;
        let out = js(&c, "return document.querySelector('.slide-trained-agent .eval-out').textContent;").await;
        assert!(out.as_str().unwrap().contains("over 3 episodes"), "{out}");
        assert_no_page_errors(&c, "at the end").await;
    })
    .await;
}

/// A slider handed any value by script (a person cannot type into one) sanitises it: finite,
/// in [min, max], its readout a number; Home/End move it, not the deck.
async fn check_slider(c: &Client, i: u64, f: &Value, what: &str) {
    // (A slider the slide hides on purpose — the curve smoothing while the hyperparameters are
    // open — still gets the values; only the keys need it on screen.)
    let shown = js_async(c, REVEAL, vec![json!(i)]).await == true;
    let original = f["value"].as_str().unwrap().to_string();
    let (min, max) = (f["min"].as_f64().unwrap(), f["max"].as_f64().unwrap());
    for &bad in BAD.iter().chain(&["-1e308", "5e-324"]) {
        let s = js(c, &format!(
            "const el = document.querySelector('.slide.is-current [data-hx=\"{i}\"]'); el.value = {bad:?}; \
             el.dispatchEvent(new Event('input', {{ bubbles: true }})); el.dispatchEvent(new Event('change', {{ bubbles: true }})); \
             const out = el.parentElement.querySelector('output'); return {{ value: Number(el.value), out: out ? out.textContent : null }};"
        )).await;
        let v = s["value"].as_f64().unwrap_or(f64::NAN);
        assert!(v.is_finite() && v >= min && v <= max, "{what} holds {v} after {bad:?}: {s}");
        if let Some(out) = s["out"].as_str() {
            assert!(!out.contains("NaN") && !out.contains("Infinity"), "{what} shows {out:?} after {bad:?}");
        }
        assert_no_page_errors(c, &format!("{what} after {bad:?}")).await;
    }
    let deck = js(c, "return window.__rlLiveDeck.index;").await;
    if f["disabled"] == true || !shown {
        println!("{what}: disabled or hidden (no keys)");
    } else {
    js(c, &format!("document.querySelector('.slide.is-current [data-hx=\"{i}\"]').focus(); return 1;")).await;
    press(c, &[key(fantoccini::key::Key::End)]).await;
    let at_end = js(c, &format!("return Number(document.querySelector('.slide.is-current [data-hx=\"{i}\"]').value);")).await;
    assert!((at_end.as_f64().unwrap() - max).abs() < 1e-9, "{what}: End gave {at_end}, not {max}");
    assert_eq!(js(c, "return window.__rlLiveDeck.index;").await, deck, "{what}: End on a slider moved the deck");
    }
    js(c, &format!(
        "const el = document.querySelector('.slide.is-current [data-hx=\"{i}\"]'); el.value = {original:?}; el.dispatchEvent(new Event('input', {{ bubbles: true }})); return 1;"
    )).await;
    println!("{what}: {} values handed in, stayed in [{min}, {max}]", BAD.len() + 2);
}

/// The agent as the page has it: a fingerprint of its greedy actions and values on a grid of
/// observations (a fresh Agent from the session's JSON), and of the view's own agent playing
/// (its evaluation hashes every V(s) and action bit for bit), with the source and env.
const AGENT_PRINT: &str = r#"
    const s = window.__rlLiveTraining.session;
    if (!s.agentJson) return null;
    const a = new s.wasm.Agent(s.agentJson);
    const bits = new Uint32Array(1), f = new Float32Array(bits.buffer);
    let hash = 0x811c9dc5;
    const mix = (u) => { hash = Math.imul(hash ^ u, 0x01000193) >>> 0; };
    for (const x of [-2, 0, 2]) for (const v of [-1, 0, 1]) for (const th of [-0.15, -0.05, 0, 0.05, 0.15]) for (const w of [-1, 0, 1]) {
        const obs = Float32Array.of(x, v, th, w);
        mix(a.act_greedy(obs)); f[0] = a.value(obs); mix(bits[0]);
    }
    const env = a.env;
    a.free();
    const view = window.__rlLiveTraining.components['trained-agent'].agent.evaluate({ episodes: 2, seed: 11 });
    return { grid: hash.toString(16), view: view.fingerprint, returns: view.returns, source: s.agentSource, env, bytes: s.agentJson.length };
"#;

/// The import control's state: its message (and where it is), whether the last import worked.
const IMPORT_STATE: &str = r#"
    const root = document.querySelector('.slide-trained-agent .training-files');
    const msg = root.querySelector('.field-msg');
    const label = root.querySelector('label');
    const a = msg.getBoundingClientRect(), b = label.getBoundingClientRect(), s = document.querySelector('.slide.is-current').getBoundingClientRect();
    const gap = Math.max(0, a.left - b.right, b.left - a.right) + Math.max(0, a.top - b.bottom, b.top - a.bottom);
    return { result: root.dataset.importResult || null, msg: msg.textContent, error: msg.classList.contains('error'),
             gap, inside: a.left >= s.left - 1 && a.right <= s.right + 1 && a.top >= s.top - 1 && a.bottom <= s.bottom + 1,
             shown: a.width > 0 && a.height > 0, clipped: msg.scrollWidth > msg.clientWidth + 1 || msg.scrollHeight > msg.clientHeight + 1,
             scripts: document.scripts.length, imgs: document.images.length, pwned: window.__pwned || null,
             // The slide still fits, and its boxes still hold their content (the agent view).
             overflow: document.querySelector('.slide.is-current').scrollHeight - document.querySelector('.slide.is-current').clientHeight,
             spill: [...document.querySelectorAll('.slide.is-current .live-agent *, .slide.is-current .live-agent-files *')].filter((e) => e.getClientRects().length && !e.closest('details:not([open])')).filter((e) => {
                 const b = e.parentElement.closest('.live-agent, .training-files, .training-bundled');
                 if (!b) return false;
                 const box = b.getBoundingClientRect(), q = e.getBoundingClientRect();
                 return q.width && q.height && (q.bottom > box.bottom + 1 || q.right > box.right + 1);
             }).map((e) => (e.className || e.tagName) + '').slice(0, 5) };
"#;

/// Chooses `path` in the trained-agent slide's `<input type=file>` (as a person would, through
/// WebDriver) and waits for the import to finish.
async fn import_file(c: &Client, path: &std::path::Path) -> Value {
    js(c, "delete document.querySelector('.slide-trained-agent .training-files').dataset.importResult; return 1;").await;
    let input = c
        .find(Locator::Css(".slide-trained-agent .training-files input[type=file]"))
        .await
        .expect("the import control's file input");
    input.send_keys(&path.display().to_string()).await.unwrap_or_else(|e| panic!("choose {}: {e}", path.display()));
    wait_for(c, &format!("the import of {}", path.display()), "return document.querySelector('.slide-trained-agent .training-files').dataset.importResult || null;", Duration::from_secs(20), |v| v.is_string()).await;
    js(c, IMPORT_STATE).await
}

/// Bad weight files chosen in the real file input: each refused with a message next to the
/// import control that names the file and what is wrong; the agent in play is untouched
/// (same JSON, same greedy actions and values, same play). A CartPole-v0 agent is a good file
/// (the deck plays it on v0) and says so; then the original imports again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weight_file_import_refuses_bad_files_and_keeps_the_agent() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = std::fs::read_to_string(root().join("www/agents/cartpole-v1.json")).unwrap();
    let good: Value = serde_json::from_str(&text).unwrap();
    let dir = std::env::temp_dir().join(format!("rl-live-hardening-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        serde_json::to_string(&v).unwrap()
    };
    // A weight that JSON can carry but f32 cannot, put in as text.
    let first_weight = format!("{}", good["actor"]["layers"][0]["w"][0]);
    assert!(text.contains(&first_weight));
    let mut files: Vec<(&str, String, &str)> = vec![
        ("truncated.json", text[..text.len() / 2].to_string(), "cut short"),
        ("<img src=x onerror=window.__pwned=1>.json", "This is a note, not an agent file.\n".into(), "invalid JSON"),
        ("empty.json", String::new(), "the file is empty"),
        ("null.json", "null".into(), "\"format\": \"rl-live-agent\""),
        ("array.json", "[1, 2, 3]".into(), "\"format\": \"rl-live-agent\""),
        ("keras.json", with(&|v| v["format"] = json!("keras-model")), "\"format\": \"rl-live-agent\""),
        ("newer.json", with(&|v| v["version"] = json!(3)), "newer than this build reads"),
        ("version-text.json", with(&|v| v["version"] = json!("1")), "version"),
        ("short-layer.json", with(&|v| { v["actor"]["layers"][0]["w"].as_array_mut().unwrap().pop(); }), "actor: layer 0 has 127 weights"),
        ("wrong-sizes.json", with(&|v| v["actor"]["sizes"] = json!([5, 32, 32, 2])), "do not fit CartPole"),
        ("huge-width.json", with(&|v| v["critic"]["sizes"] = json!([4, 100000, 1])), "outside 1..=1024"),
        ("no-critic.json", with(&|v| { v.as_object_mut().unwrap().remove("critic"); }), "critic"),
        ("inf.json", text.replacen(&first_weight, "1e999", 1), "too large for a weight"),
        ("f32-overflow.json", text.replacen(&first_weight, "1e39", 1), "too large for a weight"),
        ("mountaincar.json", with(&|v| v["env"] = json!("MountainCar-v0")), "MountainCar-v0"),
        // 100,000 levels deep, balanced: parsed without a stack overflow, then refused.
        ("deep.json", "[".repeat(100_000) + &"]".repeat(100_000), "\"format\": \"rl-live-agent\""),
    ];
    // 100 MB: refused by its size before it is read.
    let big = dir.join("big.json");
    std::fs::File::create(&big).unwrap().set_len(100_000_000).unwrap();
    files.push(("big.json", String::new(), "at most 16 MB"));
    let paths: Vec<_> = files
        .iter()
        .map(|(name, body, _)| {
            let p = dir.join(name);
            if *name != "big.json" {
                std::fs::write(&p, body).unwrap();
            }
            p
        })
        .collect();
    let v0 = dir.join("cartpole-v0-agent.json");
    std::fs::write(&v0, with(&|v| v["env"] = json!("CartPole-v0"))).unwrap();
    let original = dir.join("cartpole-v1-again.json");
    std::fs::write(&original, &text).unwrap();
    // Agents of the other algorithms (format version 2), a few iterations into training.
    let other_algos: Vec<(&str, std::path::PathBuf)> = ["dqn", "a2c"]
        .into_iter()
        .map(|name| {
            use rl_live::learner::{Algo, Config};
            let algo = Algo::parse(name).unwrap();
            let mut l = Config::preset(algo, "deck").unwrap().learner(rl_live::cartpole::Version::V1, 1).unwrap();
            for _ in 0..8 {
                l.train_iteration(&|| 1.0);
            }
            let p = dir.join(format!("{name}-agent.json"));
            std::fs::write(&p, l.agent().to_json()).unwrap();
            (name, p)
        })
        .collect();

    let base = serve_site();
    let cases: Vec<(String, std::path::PathBuf, String)> = files.iter().zip(&paths).map(|((n, _, want), p)| (n.to_string(), p.clone(), want.to_string())).collect();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        open_ready(&c, &format!("{base}index.html#/trained-agent")).await;
        wait_slide(&c, "trained-agent").await;
        click(&c, ".slide-trained-agent [data-action=load-bundled]").await;
        wait_for(&c, "the bundled agent", &format!("return {SESSION}.agentSource;"), TIMEOUT, |v| v == "bundled").await;
        let before = js(&c, AGENT_PRINT).await;
        let json_before = js(&c, &format!("return {SESSION}.agentJson;")).await;
        let base_state = js(&c, IMPORT_STATE).await;
        println!("agent before: {before}");
        for (name, path, want) in &cases {
            let s = import_file(&c, path).await;
            let ctx = format!("{name}: {s}");
            println!("{name}: {}", s["msg"]);
            assert_eq!(s["result"], "error", "{ctx}");
            assert_eq!(s["error"], true, "{ctx}");
            let msg = s["msg"].as_str().unwrap();
            assert!(msg.contains(&format!("\"{name}\"")), "the message names the file: {ctx}");
            assert!(msg.contains(want.as_str()), "the message says what is wrong ({want:?}): {ctx}");
            assert!(s["shown"] == true && s["inside"] == true && s["clipped"] == false, "the message is not fully shown: {ctx}");
            assert!(s["gap"].as_f64().unwrap() <= 16.0, "the message is not next to the import control: {ctx}");
            if s["overflow"].as_f64().unwrap() > 0.0 || s["spill"] != json!([]) {
                screenshot(&c, "hardening/import-misplaced.png").await;
            }
            assert!(s["overflow"].as_f64().unwrap() <= 0.0 && s["spill"] == json!([]), "the message pushed the slide out of shape: {ctx}");
            assert_eq!((&s["scripts"], &s["imgs"], &s["pwned"]), (&base_state["scripts"], &base_state["imgs"], &Value::Null), "markup from the file: {ctx}");
            assert_eq!(js(&c, AGENT_PRINT).await, before, "the agent changed: {ctx}");
            assert_eq!(js(&c, &format!("return {SESSION}.agentJson;")).await, json_before, "{ctx}");
            assert_no_page_errors(&c, &ctx).await;
            if name == "newer.json" {
                screenshot(&c, "hardening/import-error-1280x720.png").await;
            }
        }
        // On a phone the message gets a line of its own width under the buttons.
        set_viewport(&c, 390, 844).await;
        let s = import_file(&c, &cases.iter().find(|(n, ..)| n == "newer.json").unwrap().1).await;
        let w = js(&c, "return document.querySelector('.slide-trained-agent .training-files .field-msg').getBoundingClientRect().width;").await;
        js(&c, "document.querySelector('.slide-trained-agent .training-files').scrollIntoView(); return 1;").await;
        screenshot(&c, "hardening/import-error-390x844.png").await;
        assert!(s["error"] == true && s["clipped"] == false && w.as_f64().unwrap() >= 250.0, "on a phone: {s}, {w} px wide");
        set_viewport(&c, 1280, 720).await;

        // A CartPole-v0 agent is a good file: it plays, on v0, and the message says so.
        let s = import_file(&c, &v0).await;
        println!("v0 agent: {}", s["msg"]);
        assert_eq!(s["result"], "ok", "{s}");
        assert!(s["msg"].as_str().unwrap().contains("CartPole-v0"), "the message names the env: {s}");
        let now = js(&c, AGENT_PRINT).await;
        assert_eq!((&now["source"], &now["env"], &now["grid"]), (&json!("imported"), &json!("CartPole-v0"), &before["grid"]), "{now}");
        // A DQN agent (a Q-network: one-hot policy, value max Q) and an A2C agent play too.
        for (name, path) in &other_algos {
            let s = import_file(&c, path).await;
            println!("{name} agent: {}", s["msg"]);
            assert_eq!(s["result"], "ok", "{name}: {s}");
            let now = js(&c, AGENT_PRINT).await;
            assert_eq!(now["source"], json!("imported"), "{name}: {now}");
            assert_ne!(now["grid"], before["grid"], "{name}: another policy: {now}");
            let algo = js(&c, &format!("return new {SESSION}.wasm.Agent({SESSION}.agentJson).algo;")).await;
            assert_eq!(algo, json!(name));
            frames(&c).await;
            screenshot(&c, &format!("hardening/import-{name}-agent-1280x720.png")).await;
            assert_no_page_errors(&c, &format!("after importing the {name} agent")).await;
        }
        // Then the original again: the same agent as before, bit for bit.
        let s = import_file(&c, &original).await;
        assert_eq!(s["result"], "ok", "{s}");
        let now = js(&c, AGENT_PRINT).await;
        assert_eq!((&now["grid"], &now["view"], &now["env"]), (&before["grid"], &before["view"], &before["env"]), "{now}");
        assert_no_page_errors(&c, "after the imports").await;

        // The agent saved in this browser is an input too: a record with settings the core
        // refuses (another build's, or edited by hand) restores the agent, not the settings.
        js(&c, &format!("{SESSION}.saveNow(); const r = JSON.parse(localStorage.getItem('rl-live.training.v1')); \
            r.config = {{ preset: 'nope', learning_rate: 'fast' }}; r.seed = -5; r.env = '<img src=x>'; \
            localStorage.setItem('rl-live.training.v1', JSON.stringify(r)); {SESSION}.storage = null; return 1;")).await;
        open_fresh(&c, &format!("{base}index.html#/training")).await;
        wait_slide(&c, "training").await;
        let s = js(&c, &format!("const s = {SESSION}; return {{ restored: s.restored, config: s.config, seed: s.seed, env: s.env, fields: [...document.querySelectorAll('.slide-training .knob-grid input')].map((i) => i.value) }};")).await;
        println!("restored from a damaged record: {s}");
        assert_eq!((&s["restored"], &s["config"], &s["seed"], &s["env"]), (&json!(true), &json!({ "preset": "deck" }), &json!(0), &json!("v1")), "{s}");
        assert_no_page_errors(&c, "after restoring a damaged record").await;
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// What a hostile URL could have injected: markup made from the URL, a script run, page errors
/// (a blocked inline script is a CSP violation, which the page records).
const INJECTED: &str = r#"
    const html = document.documentElement.outerHTML;
    return { pwned: window.__pwned || null,
             scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '') || 'inline'),
             imgs: document.images.length, onerror: document.querySelectorAll('[onerror]').length,
             markup: ['<script>window.__pwned', '<img src="x"', '<img src=x'].filter((m) => html.includes(m)),
             ready: document.body.dataset.ready || null, embed: document.documentElement.classList.contains('deck-embed'),
             id: window.__rlLiveDeck && window.__rlLiveDeck.current.id, hash: location.hash.length,
             toast: (() => { const t = document.querySelector('.deck-toast'); return t && !t.hidden ? t.textContent : null; })() };
"#;

/// Hostile URLs: markup in ?embed= and ?origin= (raw and percent-encoded), markup in the hash
/// (shown as text in the notice, never as markup), a 100 KB hash, the longest query the static
/// server takes, and a 100 KB ?origin= list through the page's own parser. The deck loads each
/// time with nothing injected and no page error; a bad ?origin= entry neither opens the
/// allow-list to everyone nor keeps events from the good entries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_urls_inject_nothing() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = serve_site();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        let img = "<img src=x onerror=window.__pwned=1>";
        let script = "<script>window.__pwned=1</script>";
        let enc = |s: &str| s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect::<String>();
        let junk_origins = vec!["https://x.example"; 600].join(",");
        let cases = [
            (format!("?embed={script}#/bandit"), true, "bandit"),
            (format!("?embed={}#/bandit", enc(script)), true, "bandit"),
            (format!("?embed=1&origin={img}#/training"), true, "training"),
            (format!("?embed=1&origin={}&autoplay={}#/training", enc(img), enc(script)), true, "training"),
            (format!("#/{}", enc(img)), false, "title"),
            (format!("#/{img}"), false, "title"),
            (format!("?print={}&notes={}#/title", enc(img), enc(script)), false, "title"),
            (format!("#/{}", "a".repeat(100_000)), false, "title"),
            (format!("#/{}", enc(&img.repeat(2000))), false, "title"),
            // ≈ 11 KB: under the static server's 16 KB request limit (a 100 KB query gets its 431).
            (format!("?embed=1&origin={junk_origins},{}&x={}#/bandit", enc(img), "q".repeat(500)), true, "bandit"),
        ];
        for (query, embed, id) in &cases {
            let url = format!("{base}index.html{query}");
            open_fresh(&c, &url).await;
            wait_for(&c, "the deck", "return window.__rlLiveDeck && window.__rlLiveDeck.current ? window.__rlLiveDeck.current.id : null;", TIMEOUT, |v| v.is_string()).await;
            if query.starts_with("?print=") {
                // The handout lays itself out after the page is ready (it visits every slide).
                wait_for(&c, "the handout", "return document.documentElement.dataset.printReady || null;", Duration::from_secs(180), |v| v == "1").await;
            }
            frames(&c).await;
            let s = js(&c, INJECTED).await;
            let ctx = format!("{:.120}… ({} bytes): {s}", query, query.len());
            println!("{ctx}");
            assert_eq!(s["pwned"], Value::Null, "{ctx}");
            assert_eq!(s["scripts"], json!(["/www/main.js"]), "{ctx}");
            assert_eq!((&s["imgs"], &s["onerror"], &s["markup"]), (&json!(0), &json!(0), &json!([])), "markup from the URL: {ctx}");
            assert_eq!(s["embed"], *embed, "{ctx}");
            assert_eq!(s["id"], *id, "{ctx}");
            if query.starts_with("#/") && query.contains('%') && query.len() < 200 {
                // The decoded markup is quoted in the notice as text.
                assert!(s["toast"].as_str().unwrap_or("").contains("<img src=x"), "the notice shows the link as text: {ctx}");
            }
            if let Some(t) = s["toast"].as_str() {
                assert!(t.len() < 200, "the notice quotes a short part only: {ctx}");
            }
            assert_no_page_errors(&c, &ctx).await;
        }

        // A 100 KB query: the static server refuses it (431), like most hosts; the page's parser
        // handles it anyway, fast, keeping a bounded allow-list.
        let long = format!("{base}index.html?embed=1&origin={}#/bandit", "https://y.example,".repeat(6000));
        let status = std::process::Command::new("curl").args(["-s", "-o", "/dev/null", "-w", "%{http_code}", &long]).output();
        if let Ok(out) = status {
            println!("a {} byte URL: HTTP {}", long.len(), String::from_utf8_lossy(&out.stdout));
        }
        open_fresh(&c, &format!("{base}index.html#/bandit")).await;
        let parsed = js_async(&c, r#"
            const { parseOptions } = await import('./www/present/embed.js');
            const many = Array.from({ length: 5000 }, (_, i) => `https://h${i}.example`).join(',');
            const q = '?embed=1&origin=' + encodeURIComponent(many + ',<img src=x onerror=window.__pwned=1>,' + location.origin) + '&x=' + 'z'.repeat(100000);
            const t0 = performance.now();
            const o = parseOptions(q);
            const bad = parseOptions('?embed=1&origin=' + encodeURIComponent('<img src=x onerror=window.__pwned=1>,javascript:alert(1),*'));
            return { ms: performance.now() - t0, bytes: q.length, n: o.origins.length, restricted: o.restricted, last: o.origins[o.origins.length - 1],
                     bad: bad.origins, badRestricted: bad.restricted, none: parseOptions('?embed=1').restricted };
        "#, vec![]).await;
        println!("parseOptions on a 100 KB query: {parsed}");
        assert!(parsed["ms"].as_f64().unwrap() < 200.0, "{parsed}");
        assert!(parsed["n"].as_u64().unwrap() <= 16, "the allow-list is bounded: {parsed}");
        assert_eq!(parsed["restricted"], true, "{parsed}");
        assert_eq!(parsed["bad"], json!([]), "invalid origins are dropped: {parsed}");
        assert_eq!(parsed["badRestricted"], true, "an allow-list of only bad entries allows no one (not everyone): {parsed}");
        assert_eq!(parsed["none"], false, "{parsed}");

        // In an iframe: ?origin=<markup>,<this origin> still sends events to this origin and obeys
        // it; ?origin=<markup> alone obeys no one.
        open_fresh(&c, &format!("{base}index.html#/title")).await;
        js(&c, &format!("window.__events = []; window.addEventListener('message', (e) => {{ const f = [...document.querySelectorAll('iframe')].find((x) => x.contentWindow === e.source); if (e.data && e.data.type) window.__events.push({{ frame: f && f.id, type: e.data.type, id: e.data.id }}); }}); \
            for (const [id, origin] of [['mixed', {img:?} + ',' + location.origin], ['bad', {img:?}]]) {{ \
              const f = document.createElement('iframe'); f.id = id; f.src = 'index.html?embed=1&origin=' + encodeURIComponent(origin) + '#/bandit'; document.body.append(f); }} return 1;")).await;
        wait_for(&c, "rl-live:ready from the mixed allow-list", "return window.__events.filter((e) => e.frame === 'mixed' && e.type === 'rl-live:ready').length;", Duration::from_secs(20), |v| v == 1).await;
        c.enter_frame(1).await.unwrap();
        wait_for(&c, "the second iframe ready", "return document.body.dataset.ready || null;", Duration::from_secs(20), |v| v == "1").await;
        c.enter_parent_frame().await.unwrap();
        js(&c, "for (const id of ['mixed', 'bad']) document.getElementById(id).contentWindow.postMessage({ type: 'rl-live:goto', slide: 'fibonacci' }, '*'); return 1;").await;
        wait_for(&c, "the mixed iframe obeying", "return window.__events.filter((e) => e.frame === 'mixed' && e.type === 'rl-live:slide' && e.id === 'fibonacci').length;", Duration::from_secs(20), |v| v == 1).await;
        for (i, id, want) in [(0u16, "mixed", "fibonacci"), (1, "bad", "bandit")] {
            c.enter_frame(i).await.unwrap();
            let s = js(&c, INJECTED).await;
            assert_eq!(s["id"], want, "{id}: {s}");
            assert_eq!((&s["pwned"], &s["imgs"]), (&Value::Null, &json!(0)), "{id}: {s}");
            assert_no_page_errors(&c, &format!("in the {id} iframe")).await;
            c.enter_parent_frame().await.unwrap();
        }
        assert_eq!(js(&c, "return window.__events.filter((e) => e.frame === 'bad').length;").await, json!(0), "the iframe whose allow-list is only markup sent events to someone");
    })
    .await;
}

/// 10,000 postMessages in one go from a host page to an embedded deck: next / prev / goto /
/// get-state mixed with junk (null, numbers, arrays, wrong types, unknown types and actions,
/// a 500-deep object, typed arrays, maps) and three 10 MB strings. The deck keeps drawing
/// (no frame gap of a second or more), answers every get-state, obeys a goto sent afterwards
/// (hash included), logs a bounded number of short warnings, records no page error, and keeps
/// no more DOM than one visit to every slide made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_post_messages_leaves_the_embed_responsive() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = serve_site();
    with_browser(|c| async move {
        set_viewport(&c, 1280, 720).await;
        // The host: the embed example page, emptied, with the deck in one iframe.
        c.goto(&format!("{base}examples/embed.html")).await.unwrap();
        js(&c, &format!("document.body.replaceChildren(); window.__events = []; window.addEventListener('message', (e) => {{ const d = e.data; window.__events.push({{ type: d && d.type, id: d && d.id, at: Date.now() }}); }}); \
            const f = document.createElement('iframe'); f.id = 'deck'; f.style.cssText = 'width:1280px;height:720px;border:0'; f.src = {:?}; document.body.append(f); return 1;", format!("{base}index.html?embed=1#/bandit"))).await;
        wait_for(&c, "rl-live:ready", "return window.__events.filter((e) => e.type === 'rl-live:ready').length;", Duration::from_secs(20), |v| v == 1).await;

        // Inside: count warnings (and their size), record every frame; visit every slide once
        // so that the DOM measured before the flood has every slide built.
        c.enter_frame(0).await.unwrap();
        let ids = js(&c, "window.__warn = { n: 0, chars: 0 }; const w = console.warn; console.warn = (...a) => { window.__warn.n += 1; window.__warn.chars += a.map(String).join(' ').length; w.apply(console, a); }; \
            window.__frames = []; const tick = () => { window.__frames.push(Date.now()); if (window.__frames.length > 20000) window.__frames.splice(0, 10000); requestAnimationFrame(tick); }; requestAnimationFrame(tick); \
            const d = window.__rlLiveDeck; const go = d.go.bind(d); window.__go = { n: 0, ms: 0, worst: 0 }; d.go = (t) => { const t0 = performance.now(); go(t); const ms = performance.now() - t0; window.__go.n++; window.__go.ms += ms; window.__go.worst = Math.max(window.__go.worst, ms); }; \
            return window.__rlLiveDeck.ids;").await;
        c.enter_parent_frame().await.unwrap();
        let n_slides = ids.as_array().unwrap().len();
        for i in 0..n_slides {
            js(&c, &format!("document.getElementById('deck').contentWindow.postMessage({{ type: 'rl-live:goto', slide: {i} }}, '*'); return 1;")).await;
            wait_for(&c, &format!("slide {i}"), &format!("return window.__events.filter((e) => e.type === 'rl-live:slide').map((e) => e.id).pop() === {:?};", ids[i].as_str().unwrap()), Duration::from_secs(20), |v| v == true).await;
        }
        js(&c, "document.getElementById('deck').contentWindow.postMessage({ type: 'rl-live:goto', slide: 'bandit' }, '*'); return 1;").await;
        wait_for(&c, "back on bandit", "return window.__events.filter((e) => e.type === 'rl-live:slide').map((e) => e.id).pop();", TIMEOUT, |v| v == "bandit").await;
        c.enter_frame(0).await.unwrap();
        wait_slide(&c, "bandit").await;
        tokio::time::sleep(Duration::from_millis(700)).await; // entry animations over
        let dom_before = js(&c, "return { nodes: document.getElementsByTagName('*').length, heap: performance.memory ? performance.memory.usedJSHeapSize : null };").await;
        c.enter_parent_frame().await.unwrap();

        let flood = c.execute(r#"
            const w = document.getElementById('deck').contentWindow;
            const ids = arguments[0];
            let seed = 12345;
            const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
            const nest = (n) => { const o = {}; let cur = o; for (let i = 0; i < n; i++) { cur.a = {}; cur = cur.a; } return o; };
            const deep = nest(500), deeper = nest(5000); // the host's own postMessage refuses the second (too deep to clone)
            const big = 'x'.repeat(10 * 1024 * 1024);
            const junk = [null, undefined, 0, 42, -1, NaN, Infinity, true, 'garbage', '', [], [1, 2, 3], {}, { type: 5 }, { type: null },
                { type: ['rl-live:next'] }, { type: 'rl-live:' }, { type: 'rl-live:nope' }, { type: 'RL-LIVE:NEXT' }, { type: 'rl-live:goto' },
                { type: 'rl-live:goto', slide: -1 }, { type: 'rl-live:goto', slide: 1e308 }, { type: 'rl-live:goto', slide: NaN }, { type: 'rl-live:goto', slide: 2.5 },
                { type: 'rl-live:goto', slide: '__proto__' }, { type: 'rl-live:goto', slide: 'constructor' }, { type: 'rl-live:goto', slide: {} }, { type: 'rl-live:goto', slide: [3] },
                { type: 'rl-live:demo', action: 'explode' }, { type: 'rl-live:demo', action: ['train'] }, { type: 'rl-live:demo' }, { type: 'rl-live:demo', action: 'pause' },
                { type: 'rl-live:next', extra: deep }, deep, deeper, new Date(0), /re/g, new Map([[1, 2]]), new Set([1]), new ArrayBuffer(64), new Float64Array(8),
                { type: 'rl-live:get-state', slide: 'x'.repeat(1000) }, Object.create(null), { type: 'rl-live:goto', slide: 'x'.repeat(100000) }];
            let sent = 0, refused = 0, states = 0, moves = 0;
            const post = (m) => { try { w.postMessage(m, '*'); sent++; } catch (e) { refused++; } };
            const t0 = Date.now();
            for (let i = 0; sent < 10000; i++) {
                const r = rnd();
                if (i === 2500) post(big);
                if (i === 5000) post({ type: big });
                if (i === 7500) post({ type: 'rl-live:goto', slide: big });
                if (r < 0.55) moves++;
                if (r < 0.2) post({ type: 'rl-live:next' });
                else if (r < 0.4) post({ type: 'rl-live:prev' });
                else if (r < 0.5) post({ type: 'rl-live:goto', slide: ids[Math.floor(rnd() * ids.length)] });
                else if (r < 0.55) post({ type: 'rl-live:goto', slide: Math.floor(rnd() * ids.length) });
                else if (r < 0.6) { post({ type: 'rl-live:get-state' }); states++; }
                else post(junk[Math.floor(rnd() * junk.length)]);
            }
            post({ type: 'rl-live:get-state' }); states++;
            return { sent, refused, states, moves, ms: Date.now() - t0, t0, before: window.__events.filter((e) => e.type === 'rl-live:state').length };
        "#, vec![ids.clone()]).await.expect("post the flood");
        println!("flood posted: {flood}");
        assert!(flood["sent"].as_u64().unwrap() >= 10_000, "{flood}");
        // Every get-state answered: the last one marks the end of the flood in the deck.
        let want = flood["before"].as_u64().unwrap() + flood["states"].as_u64().unwrap();
        let answered = wait_for(&c, "every get-state answered", &format!("const s = window.__events.filter((e) => e.type === 'rl-live:state'); return s.length >= {want} ? s[s.length - 1].at : null;"), Duration::from_secs(60), |v| v.is_number()).await;
        let t0 = flood["t0"].as_f64().unwrap();
        let done = answered.as_f64().unwrap();
        println!("the deck worked through the flood in {} ms", done - t0);

        // A goto now is obeyed and answered at once.
        let sent_at = js(&c, "document.getElementById('deck').contentWindow.postMessage({ type: 'rl-live:goto', slide: 'fibonacci' }, '*'); document.getElementById('deck').contentWindow.postMessage({ type: 'rl-live:get-state' }, '*'); return Date.now();").await;
        let reply = wait_for(&c, "the goto after the flood", &format!("return window.__events.find((e) => e.type === 'rl-live:state' && e.at >= {sent_at} && e.id === 'fibonacci') || null;"), TIMEOUT, |v| v.is_object()).await;
        println!("goto answered {} ms after it was sent", reply["at"].as_f64().unwrap() - sent_at.as_f64().unwrap());
        assert!(reply["at"].as_f64().unwrap() - sent_at.as_f64().unwrap() < 1000.0, "{reply}");

        c.enter_frame(0).await.unwrap();
        let inside = js(&c, &format!(r#"
            const f = window.__frames.filter((t) => t >= {t0} - 100);
            let gap = 0; for (let i = 1; i < f.length; i++) gap = Math.max(gap, f[i] - f[i - 1]);
            return {{ frames: f.length, maxGap: gap, frameAfter: f.some((t) => t > {done} && t <= {done} + 1000), warn: window.__warn,
                     nodes: document.getElementsByTagName('*').length, heap: performance.memory ? performance.memory.usedJSHeapSize : null,
                     id: window.__rlLiveDeck.current.id, hash: location.hash, history: history.length, go: window.__go }};
        "#)).await;
        println!("inside the embed after the flood: {inside}; before: {dom_before}");
        assert!(inside["frameAfter"] == true, "no animation frame within 1 s after the flood: {inside}");
        assert!(inside["maxGap"].as_f64().unwrap() < 1000.0, "the page froze for {} ms during the flood", inside["maxGap"]);
        assert_eq!(inside["id"], "fibonacci", "{inside}");
        wait_slide(&c, "fibonacci").await; // the address follows the deck, even after thousands of moves
        let secs = (done - t0) / 1000.0 + 2.0;
        assert!(inside["warn"]["n"].as_f64().unwrap() <= 21.0 * secs.ceil() + 5.0, "warnings not rate-limited: {inside}");
        assert!(inside["warn"]["chars"].as_u64().unwrap() < 100_000, "warnings carry what was sent (10 MB strings?): {inside}");
        // Moves are coalesced (one pending target, at most every 50 ms), not queued and replayed.
        let navs = inside["go"]["n"].as_f64().unwrap() - (n_slides + 1) as f64;
        assert!(navs < flood["moves"].as_f64().unwrap() / 5.0, "{navs} slide changes for {} moves posted: {inside}", flood["moves"]);
        let (before, after) = (dom_before["nodes"].as_f64().unwrap(), inside["nodes"].as_f64().unwrap());
        assert!(after <= before * 1.1 + 50.0, "the DOM grew from {before} to {after} elements");
        assert_no_page_errors(&c, "after the flood").await;
    })
    .await;
}

/// Nothing in the page's code turns a string into markup or code: the DOM builder
/// (www/ui/dom.js) only makes elements and text nodes, and no file uses innerHTML & co., eval,
/// new Function or string timers (the CSP would block the last three anyway; innerHTML it
/// would not). Inline scripts and handlers in the HTML files are refused too.
#[test]
fn no_html_or_code_from_strings_in_the_page() {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().unwrap() != "pkg" {
                    files(&p, out);
                }
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("js" | "html")) {
                out.push(p);
            }
        }
    }
    let mut all = vec![root().join("index.html")];
    files(&root().join("www"), &mut all);
    files(&root().join("examples"), &mut all);
    assert!(all.len() > 40, "found only {} files", all.len());
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '$' || ch == '.';
    let mut found = Vec::new();
    for path in &all {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || code.starts_with('*') || code.starts_with("/*") {
                continue;
            }
            for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment", "DOMParser", "srcdoc", "javascript:", "new Function", "setTimeout('", "setTimeout(\"", "setTimeout(`", "setInterval('", "setInterval(\"", "setInterval(`"] {
                if line.contains(sink) {
                    found.push(format!("{name}:{}: {sink}: {}", n + 1, line.trim()));
                }
            }
            for call in ["eval(", "Function("] {
                for (i, _) in line.match_indices(call) {
                    if !line[..i].chars().next_back().is_some_and(ident) {
                        found.push(format!("{name}:{}: {call}: {}", n + 1, line.trim()));
                    }
                }
            }
            if name.ends_with(".html") {
                let lower = line.to_ascii_lowercase();
                if lower.contains("<script") && !lower.contains(" src=") {
                    found.push(format!("{name}:{}: inline <script>: {}", n + 1, line.trim()));
                }
                for (i, _) in lower.match_indices(" on") {
                    let rest = &lower[i + 3..];
                    let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                    if !word.is_empty() && rest[word.len()..].starts_with('=') {
                        found.push(format!("{name}:{}: inline handler on{word}=: {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    println!("{} files checked", all.len());
    assert!(found.is_empty(), "strings that become markup or code:\n  {}", found.join("\n  "));
    // And the builder itself never parses: it makes elements and text nodes, nothing else.
    let dom = std::fs::read_to_string(root().join("www/ui/dom.js")).unwrap();
    assert!(dom.contains("document.createElement(tag)") && dom.contains("document.createTextNode("), "www/ui/dom.js changed how it builds nodes");
}
