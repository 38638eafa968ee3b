//! SB3's `evaluate_policy` for JS: the greedy policy of an `Agent` or the random policy, on
//! Gymnasium's physics or changed ones, with a fingerprint (see `crate::evaluation`).
//!
//! ```js
//! agent.evaluate({ episodes: 5, seed: 0, physics: { gravity: 20 } });
//! Agent.evaluate_random({ episodes: 5, seed: 0, version: 'v1' });
//! // → { returns: Float64Array, mean, std, fingerprint: "1f2e3d4c" }
//! ```
//!
//! Two entry points to the one core loop because a wasm-bindgen function cannot take an
//! optional borrowed `Agent` (`Option<&Agent>`), and the random policy needs no agent.

use js_sys::Float64Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{Agent, core_err, quoted, serde_js, to_js};
use crate::cartpole::{Physics, Version};
use crate::evaluation::{self, Policy};

/// Everything `evaluate` reads; missing fields take the defaults.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Options {
    /// 1 ..= 1000 (default 5).
    episodes: usize,
    seed: u64,
    /// "v0" or "v1" (default: the agent's env, or v1 for the random policy).
    version: Option<String>,
    /// Some physical constants, over Gymnasium's (read on its own, so errors name the field).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    physics: JsValue,
}

impl Default for Options {
    fn default() -> Options {
        Options { episodes: 5, seed: 0, version: None, physics: JsValue::UNDEFINED }
    }
}

#[derive(Serialize)]
struct Evaluation {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    returns: Float64Array,
    mean: f64,
    std: f64,
    fingerprint: String,
}

/// Reads the options, then plays: `agent` greedy, or the random policy when `None`.
fn evaluate(what: &str, agent: Option<&Agent>, options: &JsValue) -> Result<JsValue, JsError> {
    let o: Options = serde_js::options(what, options).map_err(|e| JsError::new(&e))?;
    let version = o.version.as_deref().map(Version::parse).transpose().map_err(core_err(what))?;
    let policy = match (agent, version) {
        (Some(a), Some(v)) if v != a.agent.env => {
            return Err(JsError::new(&format!("{what}: version must be the agent's env ({}), got {}", a.agent.env.id(), quoted(v.id()))));
        }
        (Some(a), _) => Policy::Greedy(&a.agent),
        (None, v) => Policy::Random(v.unwrap_or(Version::V1)),
    };
    let physics: Physics = if o.physics.is_undefined() || o.physics.is_null() {
        Physics::default()
    } else {
        let what = format!("{what}: physics");
        let physics: Physics = serde_js::options_over(&what, &Physics::default(), &o.physics).map_err(|e| JsError::new(&e))?;
        physics.check().map_err(core_err(&what))?;
        physics
    };
    evaluation::check(o.episodes, &physics).map_err(core_err(what))?;
    let e = evaluation::evaluate(policy, o.episodes, o.seed, physics);
    to_js(&Evaluation {
        returns: Float64Array::from(&e.returns[..]),
        mean: e.mean(),
        std: e.std(),
        fingerprint: format!("{:08x}", e.fingerprint),
    })
}

#[wasm_bindgen]
impl Agent {
    /// `agent.evaluate({ episodes, seed, version, physics })` →
    /// `{ returns: Float64Array, mean, std, fingerprint }`: `episodes` (1..=1000, default 5)
    /// greedy episodes on one CartPole of the agent's env seeded with `seed` (default 0), under
    /// `physics` (some constants over Gymnasium's). `fingerprint` (8 hex digits) hashes every
    /// action and V(s) bit for bit.
    pub fn evaluate(&self, options: JsValue) -> Result<JsValue, JsError> {
        evaluate("Agent.evaluate", Some(self), &options)
    }

    /// `Agent.evaluate_random({ episodes, seed, version, physics })`: the same with uniformly
    /// random actions (seeded by `seed`), on `version` ("v1" by default); no agent needed.
    pub fn evaluate_random(options: JsValue) -> Result<JsValue, JsError> {
        evaluate("Agent.evaluate_random", None, &options)
    }
}
