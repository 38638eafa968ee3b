//! `Planner`: model-based RL for JS — MPC over the true CartPole or a learned model, acting
//! in its own real CartPole-v1 (see `crate::model_based`).
//!
//! ```js
//! const p = new Planner({ model: 'learned', horizon: 25, samples: 100, random_steps: 2000, seed: 0 });
//! p.collect_random();        // random real steps → training data; returns the episodes it took
//! p.fit();                   // { transitions, one_step_error, multi_step_error, loss }
//! p.step();                  // { state, action, reward, terminated, truncated, score, episode }
//! p.trails();                // Float32Array: the last plan's imagined (x, θ) rollouts
//! ```

use js_sys::Float64Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{core_err, serde_js, to_js};
use crate::model::FitConfig;
use crate::model_based::{self, LearnConfig, ModelBased, ModelKind};
use crate::planner::{self, PlannerConfig};

const WHAT: &str = "new Planner";

/// Everything `new Planner(options)` reads, flat as the JS object is; missing fields take the
/// defaults of the core's configs (ranges are checked by the core, in `ModelBased::new`).
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PlannerOptions {
    model: String,
    horizon: usize,
    samples: usize,
    iterations: usize,
    elites: usize,
    shaping: f64,
    random_steps: usize,
    held_out_steps: usize,
    hidden: Vec<usize>,
    fit_steps: usize,
    batch_size: usize,
    learning_rate: f64,
    seed: u64,
}

impl Default for PlannerOptions {
    fn default() -> PlannerOptions {
        let (p, l) = (PlannerConfig::default(), LearnConfig::default());
        PlannerOptions {
            model: ModelKind::True.name().to_string(),
            horizon: p.horizon,
            samples: p.samples,
            iterations: p.iterations,
            elites: p.elites,
            shaping: p.shaping,
            random_steps: l.random_steps,
            held_out_steps: l.held_out_steps,
            hidden: l.fit.hidden,
            fit_steps: l.fit.steps,
            batch_size: l.fit.batch_size,
            learning_rate: l.fit.learning_rate,
            seed: 0,
        }
    }
}

/// The option reader, in one place: serde for the types, the core for the values.
fn planner_options(v: &JsValue) -> Result<(ModelKind, PlannerConfig, LearnConfig, u64), JsError> {
    let o: PlannerOptions = serde_js::options(WHAT, v).map_err(|e| JsError::new(&e))?;
    let kind = ModelKind::parse(&o.model).map_err(core_err(WHAT))?;
    let planner = PlannerConfig { horizon: o.horizon, samples: o.samples, iterations: o.iterations, elites: o.elites, shaping: o.shaping };
    let fit = FitConfig { hidden: o.hidden, steps: o.fit_steps, batch_size: o.batch_size, learning_rate: o.learning_rate };
    let learn = LearnConfig { random_steps: o.random_steps, held_out_steps: o.held_out_steps, fit };
    Ok((kind, planner, learn, o.seed))
}

/// One field's range and default, for `Planner.limits()`.
#[derive(Serialize)]
struct Limit {
    min: usize,
    max: usize,
    value: usize,
}

#[derive(Serialize)]
struct Limits {
    horizon: Limit,
    samples: Limit,
    iterations: Limit,
    random_steps: Limit,
}

#[derive(Serialize)]
struct Fit {
    transitions: usize,
    one_step_error: f64,
    multi_step_error: f64,
    loss: f64,
}

#[derive(Serialize)]
struct Step {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    state: Float64Array,
    action: usize,
    reward: f64,
    terminated: bool,
    truncated: bool,
    score: f64,
    episode: u32,
}

/// `new Planner({ model, horizon, samples, iterations, elites, shaping, random_steps,
/// held_out_steps, hidden, fit_steps, batch_size, learning_rate, seed })`; every field optional.
#[wasm_bindgen]
pub struct Planner {
    run: ModelBased,
}

#[wasm_bindgen]
impl Planner {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Planner, JsError> {
        let (kind, planner, learn, seed) = planner_options(&options)?;
        let run = ModelBased::new(kind, planner, learn, seed).map_err(core_err(WHAT))?;
        Ok(Planner { run })
    }

    /// The defaults and valid ranges of the fields a slide lets people change:
    /// `{ horizon: { min, max, value }, samples: {…}, random_steps: {…} }`.
    pub fn limits() -> Result<JsValue, JsError> {
        let (p, l) = (PlannerConfig::default(), LearnConfig::default());
        let limit = |(min, max): (usize, usize), value| Limit { min, max, value };
        to_js(&Limits {
            horizon: limit(planner::HORIZON_RANGE, p.horizon),
            samples: limit(planner::SAMPLES_RANGE, p.samples),
            iterations: limit(planner::ITERATIONS_RANGE, p.iterations),
            random_steps: limit(model_based::RANDOM_STEPS_RANGE, l.random_steps),
        })
    }

    /// "true" or "learned".
    #[wasm_bindgen(getter)]
    pub fn model(&self) -> String {
        self.run.kind().name().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn horizon(&self) -> usize {
        self.run.planner().config().horizon
    }

    #[wasm_bindgen(getter)]
    pub fn samples(&self) -> usize {
        self.run.planner().config().samples
    }

    /// Takes `random_steps` random real steps as training data; returns the episodes they made.
    pub fn collect_random(&mut self) -> usize {
        self.run.collect_random()
    }

    /// Fits the learned model to every real step so far:
    /// `{ transitions, one_step_error, multi_step_error, loss }` (errors in σ units, see the README).
    pub fn fit(&mut self) -> Result<JsValue, JsError> {
        let r = self.run.fit().map_err(core_err("Planner.fit"))?;
        to_js(&Fit { transitions: r.transitions, one_step_error: r.error.one_step, multi_step_error: r.error.multi_step, loss: r.loss })
    }

    /// Starts a planner episode in the real CartPole; returns its state (`Float64Array(4)`).
    pub fn reset(&mut self) -> Vec<f64> {
        self.run.reset().to_vec()
    }

    /// Plans one push and takes it (starting an episode if none is running):
    /// `{ state: Float64Array(4), action, reward, terminated, truncated, score, episode }`.
    pub fn step(&mut self) -> Result<JsValue, JsError> {
        let s = self.run.step();
        to_js(&Step {
            state: Float64Array::from(&s.state[..]),
            action: s.action,
            reward: s.reward,
            terminated: s.terminated,
            truncated: s.truncated,
            score: self.run.score(),
            episode: self.run.episode(),
        })
    }

    /// The real environment's state (`Float64Array(4)`).
    pub fn state(&self) -> Vec<f64> {
        self.run.state().to_vec()
    }

    /// The last plan's imagined rollouts: `samples × (horizon + 1)` pairs (x, θ), sequence
    /// after sequence, NaN after the model ended a sequence.
    pub fn trails(&self) -> Vec<f32> {
        self.run.planner().trails().to_vec()
    }

    /// The sequence whose first push was taken.
    #[wasm_bindgen(getter)]
    pub fn best(&self) -> usize {
        self.run.planner().best()
    }

    /// Real environment steps used so far (random play and planner).
    pub fn env_steps(&self) -> f64 {
        self.run.env_steps() as f64
    }

    /// Planner episodes started so far.
    pub fn episode(&self) -> u32 {
        self.run.episode()
    }

    /// The current (or last) planner episode's score.
    pub fn score(&self) -> f64 {
        self.run.score()
    }

    /// Training transitions collected so far.
    pub fn transitions(&self) -> usize {
        self.run.transitions()
    }

    /// True when no planner episode is running.
    pub fn episode_over(&self) -> bool {
        self.run.episode_over()
    }
}
