//! WCAG 2.2 AA (issue 13), in real Chromium: axe-core (tests/npm, pinned, test-only) audits every
//! slide of the deck — however many there are — at 1280×720 and 390×844 with the WCAG 2.0, 2.1
//! and 2.2 A and AA rules. A serious or critical violation fails the test; moderate and minor
//! ones are printed. axe runs under the deck's strict CSP: its file is loaded as a same-origin
//! script (the test server serves the repository, tests/npm included).
//!
//! Then the keyboard: Tab from the top of the training slide reaches every control with a
//! visible focus ring, the training state is announced (aria-live), and the canvases carry text
//! alternatives that follow the demo.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::time::Duration;

use fantoccini::Client;
use fantoccini::key::Key;
use harness::*;
use serde_json::Value;

const AXE: &str = "tests/npm/node_modules/axe-core/axe.min.js";

/// Loads axe into the page (once per document) as a same-origin script.
async fn load_axe(c: &Client) {
    npm_file("axe-core/axe.min.js");
    js_async(
        c,
        &format!(
            "if (window.axe) return 1; await new Promise((ok, fail) => {{ const s = document.createElement('script'); \
               s.src = new URL({:?}, document.baseURI).href; s.onload = ok; s.onerror = () => fail(new Error('axe did not load')); \
               document.head.append(s); }}); return 1;",
            format!("/{AXE}")
        ),
        vec![],
    )
    .await;
}

/// axe on the current document: [{ id, impact, help, nodes: [selector …] }], once the slide's
/// entry animations (a fade-in is low contrast half-way) are over.
async fn audit(c: &Client) -> Vec<Value> {
    wait_for(c, "the slide's animations to end",
        "return document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity).length;",
        Duration::from_secs(10), |v| v == 0).await;
    let v = js_async(
        c,
        "const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }); \
         return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.split('\\n').slice(1, 2).join('').trim() : '')) }));",
        vec![],
    )
    .await;
    v.as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_serious_violation_on_any_slide() {
    let url = format!("{}index.html", serve_site());
    with_browser(|c| async move {
        let mut serious = Vec::new();
        let mut moderate = Vec::new();
        for (w, h) in [(1280u32, 720u32), (390, 844)] {
            set_viewport(&c, w, h).await;
            open_fresh(&c, &url).await;
            load_axe(&c).await;
            let ids = js(&c, "return window.__rlLiveDeck.ids;").await;
            for id in ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()) {
                go(&c, &id).await;
                frames(&c).await;
                for v in audit(&c).await {
                    let line = format!("{w}×{h} {id}: {} ({}) {} — {}", v["id"].as_str().unwrap(), v["impact"].as_str().unwrap_or("?"), v["help"].as_str().unwrap_or(""), v["nodes"]);
                    if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
                        serious.push(line);
                    } else {
                        moderate.push(line);
                    }
                }
            }
            assert_no_page_errors(&c, &format!("auditing at {w}×{h}")).await;
        }
        println!("axe: {} moderate or minor violation(s):", moderate.len());
        for m in &moderate {
            println!("  {m}");
        }
        assert!(serious.is_empty(), "axe: {} serious or critical violation(s):\n{}", serious.len(), serious.join("\n"));
    })
    .await;
}

/// What a keyboard user must be able to reach on the current slide.
/// (A tab of a tab list that is not selected has tabindex -1: the arrow keys reach it; the
/// fields of a closed <details> are reached by opening it, its summary is a control.)
const CONTROLS: &str = ".slide.is-current :is(button, input, select, [tabindex='0']):not([tabindex='-1'])";

/// The element that has the focus: its description, and whether a focus ring shows.
async fn focused(c: &Client) -> Value {
    js(
        c,
        "const a = document.activeElement; if (!a || a === document.body) return null; const s = getComputedStyle(a); \
         const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none'); \
         const r = a.getBoundingClientRect(); \
         return { what: (a.getAttribute('aria-label') || a.textContent || a.tagName).trim().slice(0, 40), tag: a.tagName, ring, \
                  inSlide: !!a.closest('.slide.is-current'), visible: r.width > 0 && r.height > 0 };",
    )
    .await
}

/// Keyboard only on the training slide: Tab reaches every control of the slide with a visible
/// focus ring; Enter on Train trains, and the state change is announced in an aria-live region;
/// the curve canvas's text alternative follows the run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_training_slide_works_from_the_keyboard() {
    let url = format!("{}index.html#/training", serve_site());
    with_browser(|c| async move {
        open_slide(&c, &url, "training").await;
        let controls = js(&c, &format!("return [...document.querySelectorAll({CONTROLS:?})].filter((e) => e.checkVisibility({{ visibilityProperty: true }}) && !e.disabled).length;")).await;
        let controls = controls.as_u64().unwrap();
        assert!(controls >= 5, "the training slide has its controls: {controls}");
        let mut reached = std::collections::BTreeSet::new();
        for _ in 0..200 {
            press(&c, &[key(Key::Tab)]).await;
            let f = focused(&c).await;
            if f.is_null() {
                continue;
            }
            assert_eq!(f["ring"], true, "no visible focus on {f}");
            assert_eq!(f["visible"], true, "the focus is on something not shown: {f}");
            if f["inSlide"] == true {
                reached.insert(js(&c, "const a = document.activeElement; a.dataset.tabReached = '1'; return [...document.querySelectorAll('.slide.is-current *')].indexOf(a);").await.as_i64().unwrap());
                if reached.len() as u64 >= controls {
                    break;
                }
            }
        }
        let missed = js(&c, &format!("return [...document.querySelectorAll({CONTROLS:?})].filter((e) => e.checkVisibility({{ visibilityProperty: true }}) && !e.disabled && !e.dataset.tabReached).map((e) => e.outerHTML.slice(0, 120));")).await;
        assert!(reached.len() as u64 >= controls, "Tab reached {} of the slide's {controls} controls; missed {missed}", reached.len());

        // Train from the keyboard; the state is announced.
        js(&c, "document.querySelector('.slide-training [data-action=train]').focus(); return 1;").await;
        press(&c, &[key(Key::Enter)]).await;
        let live = wait_for(&c, "the training state announced", "const o = document.querySelector('.slide-training .train-state'); return o && o.closest('[aria-live]') && /Training|Done/.test(o.textContent) ? o.textContent : null;", Duration::from_secs(20), |v| v.is_string()).await;
        println!("announced: {live}");
        let alt = wait_for(&c, "the curve's text alternative to follow the run",
            "const c = document.querySelector('.slide-training .live-train-curve canvas'); const t = c && (c.getAttribute('aria-label') || ''); return /ep_rew_mean [0-9]/.test(t) ? t : null;",
            Duration::from_secs(30), |v| v.is_string()).await;
        println!("curve: {alt}");
        assert_no_page_errors(&c, "keyboard on the training slide").await;
    })
    .await;
}
