//! The ε-greedy testbed (see `crate::bandit`): `bandit_testbed` runs it whole, and `Bandit`
//! advances it a few steps at a time so a slide can draw the curves as they grow without
//! freezing the page.
//!
//! ```js
//! const b = new Bandit({ arms: 10, epsilon: 0.1, steps: 1000, runs: 2000, seed: 0 });
//! while (!b.done) { b.advance(20); draw(b.curves()); }   // { avg_reward, optimal }
//! ```
//! However the steps are chunked, the curves equal `bandit_testbed` with the same options.

use js_sys::Float64Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{core_err, describe, serde_js, to_js};
use crate::bandit;

/// The curves as JS gets them.
#[derive(Serialize)]
struct Curves {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    avg_reward: Float64Array,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    optimal: Float64Array,
}

impl Curves {
    fn of(c: &bandit::Curves) -> Curves {
        Curves { avg_reward: Float64Array::from(&c.avg_reward[..]), optimal: Float64Array::from(&c.optimal[..]) }
    }
}

/// `bandit_testbed({ arms, epsilon, steps, runs, seed })` → `{ avg_reward, optimal }` (both
/// `Float64Array`, one entry per step). Defaults: 10 arms, ε 0.1, 1000 steps, 2000 runs, seed 0.
#[wasm_bindgen]
pub fn bandit_testbed(options: JsValue) -> Result<JsValue, JsError> {
    const WHAT: &str = "bandit_testbed";
    let config: bandit::Config = serde_js::options(WHAT, &options).map_err(|e| JsError::new(&e))?;
    to_js(&Curves::of(&bandit::bandit_testbed(&config).map_err(core_err(WHAT))?))
}

/// `new Bandit({ arms, epsilon, steps, runs, seed })`; every field optional (10 arms, ε 0.1,
/// 1000 steps, 2000 runs, seed 0).
#[wasm_bindgen(js_name = Bandit)]
pub struct JsBandit {
    testbed: bandit::Testbed,
}

#[wasm_bindgen(js_class = Bandit)]
impl JsBandit {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsBandit, JsError> {
        const WHAT: &str = "new Bandit";
        let config: bandit::Config = serde_js::options(WHAT, &options).map_err(|e| JsError::new(&e))?;
        let testbed = bandit::Testbed::new(&config).map_err(core_err(WHAT))?;
        Ok(JsBandit { testbed })
    }

    /// Moves every run forward by up to `steps` steps (fewer at the end); returns how many
    /// were taken.
    pub fn advance(&mut self, steps: JsValue) -> Result<usize, JsError> {
        let max = bandit::MAX_STEPS;
        match steps.as_f64() {
            Some(k) if k.fract() == 0.0 && (0.0..=max as f64).contains(&k) => Ok(self.testbed.advance(k as usize)),
            _ => Err(JsError::new(&format!(
                "Bandit.advance: steps must be a whole number from 0 to {max}, got {}",
                describe(&steps)
            ))),
        }
    }

    /// The curves over the steps done so far, averaged over the runs:
    /// `{ avg_reward: Float64Array, optimal: Float64Array }` (optimal as a fraction of runs).
    pub fn curves(&self) -> Result<JsValue, JsError> {
        to_js(&Curves::of(&self.testbed.curves()))
    }

    /// The options in use, defaults filled in.
    pub fn config(&self) -> Result<JsValue, JsError> {
        to_js(self.testbed.config())
    }

    /// Steps done so far (the length of the curves).
    #[wasm_bindgen(getter)]
    pub fn steps_done(&self) -> usize {
        self.testbed.steps_done()
    }

    /// Whether every step of the experiment is done.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.testbed.is_done()
    }
}
