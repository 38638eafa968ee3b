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

use js_sys::{Float64Array, Object};
use wasm_bindgen::prelude::*;

use super::fields::Fields;
use super::{core_err, options, set};
use crate::model_based::{self, LearnConfig, ModelBased, ModelKind};
use crate::planner::{self, PlannerConfig};

const WHAT: &str = "new Planner";

/// Everything `new Planner(options)` reads: the model, both configs and the seed.
struct PlannerOptions {
    kind: ModelKind,
    planner: PlannerConfig,
    learn: LearnConfig,
    seed: u64,
}

impl Default for PlannerOptions {
    fn default() -> PlannerOptions {
        PlannerOptions { kind: ModelKind::True, planner: PlannerConfig::default(), learn: LearnConfig::default(), seed: 0 }
    }
}

/// The option reader, in one place (missing fields take the defaults of the core's configs).
fn planner_options(v: &JsValue) -> Result<PlannerOptions, JsError> {
    options(WHAT, v, |f: &mut Fields, d: PlannerOptions| {
        let kind = f.get("model", Some(d.kind), "\"true\" or \"learned\"", |v| ModelKind::parse(&v.as_string()?).ok())?;
        let planner = PlannerConfig {
            horizon: f.count("horizon", d.planner.horizon)?,
            samples: f.count("samples", d.planner.samples)?,
            iterations: f.count("iterations", d.planner.iterations)?,
            elites: f.count("elites", d.planner.elites)?,
            shaping: f.number("shaping", d.planner.shaping)?,
        };
        let fit = &d.learn.fit;
        let learn = LearnConfig {
            random_steps: f.count("random_steps", d.learn.random_steps)?,
            held_out_steps: f.count("held_out_steps", d.learn.held_out_steps)?,
            fit: crate::model::FitConfig {
                hidden: f.counts("hidden", Some(&fit.hidden))?,
                steps: f.count("fit_steps", fit.steps)?,
                batch_size: f.count("batch_size", fit.batch_size)?,
                learning_rate: f.number("learning_rate", fit.learning_rate)?,
            },
        };
        Ok(PlannerOptions { kind, planner, learn, seed: f.whole("seed", d.seed)? })
    })
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
        let o = planner_options(&options)?;
        let run = ModelBased::new(o.kind, o.planner, o.learn, o.seed).map_err(core_err(WHAT))?;
        Ok(Planner { run })
    }

    /// The defaults and valid ranges of the fields a slide lets people change:
    /// `{ horizon: { min, max, value }, samples: {…}, random_steps: {…} }`.
    pub fn limits() -> Object {
        let out = Object::new();
        let (p, l) = (PlannerConfig::default(), LearnConfig::default());
        for (key, (min, max), value) in [
            ("horizon", planner::HORIZON_RANGE, p.horizon),
            ("samples", planner::SAMPLES_RANGE, p.samples),
            ("iterations", planner::ITERATIONS_RANGE, p.iterations),
            ("random_steps", model_based::RANDOM_STEPS_RANGE, l.random_steps),
        ] {
            let field = Object::new();
            set(&field, "min", &JsValue::from_f64(min as f64));
            set(&field, "max", &JsValue::from_f64(max as f64));
            set(&field, "value", &JsValue::from_f64(value as f64));
            set(&out, key, &field.into());
        }
        out
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
    pub fn fit(&mut self) -> Result<Object, JsError> {
        let r = self.run.fit().map_err(core_err("Planner.fit"))?;
        let out = Object::new();
        set(&out, "transitions", &JsValue::from_f64(r.transitions as f64));
        set(&out, "one_step_error", &JsValue::from_f64(r.error.one_step));
        set(&out, "multi_step_error", &JsValue::from_f64(r.error.multi_step));
        set(&out, "loss", &JsValue::from_f64(r.loss));
        Ok(out)
    }

    /// Starts a planner episode in the real CartPole; returns its state (`Float64Array(4)`).
    pub fn reset(&mut self) -> Vec<f64> {
        self.run.reset().to_vec()
    }

    /// Plans one push and takes it (starting an episode if none is running):
    /// `{ state: Float64Array(4), action, reward, terminated, truncated, score, episode }`.
    pub fn step(&mut self) -> Object {
        let s = self.run.step();
        let out = Object::new();
        set(&out, "state", &Float64Array::from(&s.state[..]).into());
        set(&out, "action", &JsValue::from_f64(s.action as f64));
        set(&out, "reward", &JsValue::from_f64(s.reward));
        set(&out, "terminated", &JsValue::from_bool(s.terminated));
        set(&out, "truncated", &JsValue::from_bool(s.truncated));
        set(&out, "score", &JsValue::from_f64(self.run.score()));
        set(&out, "episode", &JsValue::from_f64(self.run.episode() as f64));
        out
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
