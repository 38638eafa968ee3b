//! The JS-facing layer (wasm32 only): converts types and exposes handles, nothing more.
//!
//! The public JS API is a contract (see the README's "JS API"): add, don't rename. Every
//! invalid input becomes a thrown JS `Error` with a message that names the argument; a Rust
//! panic becomes a thrown `Error` carrying the panic message (see [`start`]). Structured
//! values cross through serde-wasm-bindgen ([`serde_js`]).

use js_sys::{Array, BigInt, Float32Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod bandit_testbed;
mod evaluation;
mod planner;
mod random_walk;
mod serde_js;

use crate::agent::AgentFile;
use crate::cartpole::{self, Version};
use crate::fib;
use crate::learner::{Algo, Config, Learner};
use crate::ppo::PpoConfig;
use crate::sb3_log::{self, LogValue};
use crate::solved::GreedyEvaluations;
use crate::shortest::Shortest;

/// Runs once per wasm instance (page or worker): installs a panic hook that throws a JS
/// `Error` carrying the panic message, instead of an opaque `RuntimeError: unreachable`.
///
/// After a panic the instance should be treated as broken (Rust destructors did not run);
/// panics are bugs, bad input is reported through ordinary `Error`s.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!("rl-live (Rust) {info}"));
    }));
}

/// Test hook: panics with `message` (default "test panic") so tests can check that a panic
/// surfaces as a JS `Error`. Not part of the deck's API.
#[wasm_bindgen(js_name = "__test_panic")]
pub fn test_panic(message: Option<String>) {
    panic!("{}", message.unwrap_or_else(|| "test panic".to_string()));
}

// ---------------------------------------------------------------------------------------------
// Small conversion helpers.

/// A short description of a JS value for error messages: `2`, `"1"`, `undefined`, `an object`.
fn describe(v: &JsValue) -> String {
    if let Some(n) = v.as_f64() {
        Shortest(n).to_string()
    } else if let Some(s) = v.as_string() {
        quoted(&s)
    } else if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if let Some(b) = v.as_bool() {
        format!("{b}")
    } else if v.is_bigint() {
        "a BigInt".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else if v.is_object() {
        "an object".into()
    } else {
        format!(
            "a value of type {}",
            v.js_typeof().as_string().unwrap_or_default()
        )
    }
}

/// `abc` → `"abc"`, escaped as JSON escapes it.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A seed: a non-negative integer Number up to 2^53 - 1, or a BigInt up to 2^64 - 1.
fn seed_from(what: &str, v: &JsValue) -> Result<u64, JsError> {
    if v.is_bigint() {
        return u64::try_from(v.clone())
            .map_err(|_| JsError::new(&format!("{what}: seed must be a BigInt in 0..2^64")));
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=9007199254740991.0).contains(&n) => Ok(n as u64),
        _ => Err(JsError::new(&format!(
            "{what}: seed must be a non-negative integer (a Number up to 2^53 - 1 or a BigInt), got {}",
            describe(v)
        ))),
    }
}

/// An optional CartPole version string ("v1" when undefined or null).
fn version_from(what: &str, v: &JsValue) -> Result<Version, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Version::V1);
    }
    match v.as_string() {
        Some(s) => Version::parse(&s).map_err(|e| JsError::new(&format!("{what}: {e}"))),
        None => Err(JsError::new(&format!(
            "{what}: version must be a string (\"v0\" or \"v1\"), got {}",
            describe(v)
        ))),
    }
}

/// An observation for the policy: 4 finite-or-not f32 values (array or typed array).
fn obs_from(what: &str, obs: &[f32]) -> Result<[f32; 4], JsError> {
    <[f32; 4]>::try_from(obs).map_err(|_| {
        JsError::new(&format!(
            "{what}: observation must have 4 numbers, got {}",
            obs.len()
        ))
    })
}

fn big(value: &fib::Natural) -> JsValue {
    match value.to_u64() {
        Some(v) => JsValue::from(v), // u64 → BigInt
        None => BigInt::new(&JsValue::from_str(&value.to_string()))
            .map(JsValue::from)
            .unwrap_or(JsValue::UNDEFINED),
    }
}

/// `value` as a plain JS object ([`serde_js::to_js`]).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    serde_js::to_js(value).map_err(|e| JsError::new(&e))
}

fn core_err(what: &str) -> impl Fn(String) -> JsError + '_ {
    move |e| JsError::new(&format!("{what}: {e}"))
}

/// A JS `Error` with a `kind` a caller can test without reading the message
/// (`err.kind === "diverged"`): "invalid_config", "invalid_argument", "diverged".
fn typed_error(kind: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    // Setting a data property on a fresh Error cannot fail.
    let _ = Reflect::set(&e, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    e.into()
}

/// A `JsError` (an `Error` made by wasm-bindgen) given a `kind`.
fn with_kind(kind: &'static str) -> impl Fn(JsError) -> JsValue {
    move |e| {
        let e = JsValue::from(e);
        let _ = Reflect::set(&e, &JsValue::from_str("kind"), &JsValue::from_str(kind));
        e
    }
}

// ---------------------------------------------------------------------------------------------
// CartPole.

/// `new CartPole(seed, version = "v1")`: Gymnasium's CartPole with its TimeLimit.
#[wasm_bindgen(js_name = CartPole)]
pub struct JsCartPole {
    env: cartpole::CartPole,
    version: Version,
    /// `step` before the first `reset` (or `set_state`) is an error, not a panic.
    reset_done: bool,
}

#[wasm_bindgen(js_class = CartPole)]
impl JsCartPole {
    #[wasm_bindgen(constructor)]
    pub fn new(seed: JsValue, version: JsValue) -> Result<JsCartPole, JsError> {
        let seed = seed_from("new CartPole", &seed)?;
        let version = version_from("new CartPole", &version)?;
        Ok(JsCartPole {
            env: cartpole::CartPole::new(version, seed),
            version,
            reset_done: false,
        })
    }

    /// New episode; returns the observation as a `Float32Array(4)`.
    pub fn reset(&mut self) -> Vec<f32> {
        self.reset_done = true;
        self.env.reset().to_vec()
    }

    /// The exact f64 state `(x, x_dot, theta, theta_dot)` as a `Float64Array(4)`.
    pub fn state(&self) -> Vec<f64> {
        self.env.state().to_vec()
    }

    /// Overwrites the physics state (a `Float64Array(4)` or an array of 4 numbers).
    pub fn set_state(&mut self, state: &[f64]) -> Result<(), JsError> {
        let s = <[f64; 4]>::try_from(state).map_err(|_| {
            JsError::new(&format!(
                "CartPole.set_state: state must have 4 numbers, got {}",
                state.len()
            ))
        })?;
        self.env.set_state(s);
        self.reset_done = true; // the core makes a never-reset env steppable after set_state
        Ok(())
    }

    /// One step; returns `{ obs: Float32Array(4), reward, terminated, truncated }`.
    /// `action` must be the Number 0 (push left) or 1 (push right).
    pub fn step(&mut self, action: JsValue) -> Result<JsValue, JsError> {
        let action = match action.as_f64() {
            Some(0.0) => 0,
            Some(1.0) => 1,
            _ => {
                return Err(JsError::new(&format!(
                    "CartPole.step: action must be 0 (push left) or 1 (push right), got {}",
                    describe(&action)
                )));
            }
        };
        if !self.reset_done {
            return Err(JsError::new(
                "CartPole.step: call reset() (or set_state()) before the first step()",
            ));
        }
        let s = self.env.step(action);
        #[derive(Serialize)]
        struct Step {
            #[serde(with = "serde_wasm_bindgen::preserve")]
            obs: Float32Array,
            reward: f64,
            terminated: bool,
            truncated: bool,
        }
        to_js(&Step {
            obs: Float32Array::from(&s.obs[..]),
            reward: s.reward,
            terminated: s.terminated,
            truncated: s.truncated,
        })
    }

    /// The physical constants as `{ gravity, masscart, masspole, length, force_mag, tau }`
    /// (`length` is half the pole's length, as in Gymnasium).
    pub fn physics(&self) -> Result<JsValue, JsError> {
        to_js(&self.env.physics())
    }

    /// Changes some physical constants, e.g. `{ gravity: 20, length: 1 }` (missing fields keep
    /// their value). Each must be a number in [`cartpole::Physics::RANGES`]; an error names the
    /// field and changes nothing. `set_physics({})` after `reset_physics()` is Gymnasium's.
    pub fn set_physics(&mut self, physics: JsValue) -> Result<(), JsError> {
        const WHAT: &str = "CartPole.set_physics";
        // The given fields over the current ones, read as a whole `Physics`.
        let given: cartpole::Physics = serde_js::options_over(WHAT, &self.env.physics(), &physics).map_err(|e| JsError::new(&e))?;
        given.check().map_err(core_err(WHAT))?;
        self.env.set_physics(given);
        Ok(())
    }

    /// Back to Gymnasium's constants.
    pub fn reset_physics(&mut self) {
        self.env.set_physics(cartpole::Physics::default());
    }

    /// "CartPole-v1" or "CartPole-v0".
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.version.id().to_string()
    }

    /// Steps since the last reset (the TimeLimit's count).
    #[wasm_bindgen(getter)]
    pub fn elapsed_steps(&self) -> u32 {
        self.env.elapsed_steps()
    }

    /// 500 for v1, 200 for v0.
    #[wasm_bindgen(getter)]
    pub fn max_episode_steps(&self) -> u32 {
        self.version.max_episode_steps()
    }
}

// ---------------------------------------------------------------------------------------------
// Fibonacci.

fn fib_n(what: &str, n: &JsValue) -> Result<i64, JsError> {
    match n.as_f64() {
        Some(v) if v.fract() == 0.0 && v.abs() <= 9007199254740991.0 => Ok(v as i64),
        _ => Err(JsError::new(&format!(
            "{what}: Incorrect input: n must be an integer, got {}",
            describe(n)
        ))),
    }
}

/// `fib_naive(n)` → `{ value: BigInt, calls: number }` (1-indexed: fib(1) = 0, fib(2) = 1).
#[wasm_bindgen]
pub fn fib_naive(n: JsValue) -> Result<JsValue, JsError> {
    let r = fib::fib_naive(fib_n("fib_naive", &n)?).map_err(core_err("fib_naive"))?;
    #[derive(Serialize)]
    struct FibNaive {
        #[serde(with = "serde_wasm_bindgen::preserve")]
        value: JsValue,
        calls: f64,
    }
    to_js(&FibNaive { value: big(&r.value), calls: r.calls as f64 })
}

/// `fib_dp(n)` → `{ value: BigInt, table: BigInt[] }` (the talk's `FibArray` after the call).
#[wasm_bindgen]
pub fn fib_dp(n: JsValue) -> Result<JsValue, JsError> {
    let r = fib::fib_dp(fib_n("fib_dp", &n)?).map_err(core_err("fib_dp"))?;
    #[derive(Serialize)]
    struct FibDp {
        #[serde(with = "serde_wasm_bindgen::preserve")]
        value: JsValue,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        table: Array,
    }
    to_js(&FibDp { value: big(&r.value), table: r.table.iter().map(big).collect() })
}

// ---------------------------------------------------------------------------------------------
// Fresh seeds (the TD and bandit exports are in `random_walk` and `bandit_testbed`).

/// `reward_threshold("v1")` → 475 (`"v0"` → 195): the return at which CartPole counts as
/// solved (Gymnasium's), for pages that judge a run (the bench).
#[wasm_bindgen]
pub fn reward_threshold(version: JsValue) -> Result<f64, JsError> {
    Ok(version_from("reward_threshold", &version)?.reward_threshold())
}

/// `fresh_seed()` → a seed in 0..2^32 from the browser's random source (`crypto.getRandomValues`),
/// for "new seed" buttons: show it, and the run it seeds can be replayed.
#[wasm_bindgen]
pub fn fresh_seed() -> Result<u32, JsError> {
    crate::seed::fresh().map_err(|e| JsError::new(&format!("fresh_seed: {e}")))
}

// ---------------------------------------------------------------------------------------------
// PPO.

/// Milliseconds from `performance.now()`, of the window or of the worker's global scope,
/// else `Date.now()` (a host without the Performance API, such as an old Node).
fn now_ms() -> f64 {
    let global = js_sys::global();
    let performance = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => window.performance(),
        None => global.dyn_ref::<web_sys::WorkerGlobalScope>().and_then(|w| w.performance()),
    };
    performance.map_or_else(js_sys::Date::now, |p| p.now())
}

/// An `algo` argument: "ppo" (when undefined or null), "a2c" or "dqn".
fn algo_from(what: &str, v: &JsValue) -> Result<Algo, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(Algo::Ppo);
    }
    match v.as_string() {
        Some(name) => Algo::parse(&name),
        None => Algo::parse("").map_err(|e| e.replace("got \"\"", &format!("got {}", describe(v)))),
    }
    .map_err(|e| format!("{what}: {e}"))
}

/// A static's optional `algo` argument; a bad one throws with `kind: "invalid_argument"`.
fn algo_arg(what: &str, v: &JsValue) -> Result<Algo, JsValue> {
    algo_from(what, v).map_err(|e| typed_error("invalid_argument", &e))
}

/// `base` with an options object's fields over it (unknown fields and wrong types refused).
fn config_over<T: Serialize + serde::de::DeserializeOwned>(what: &str, base: &T, overrides: &JsValue) -> Result<T, JsError> {
    serde_js::options_over(what, base, overrides).map_err(|e| JsError::new(&e))
}

/// Builds a config from a preset name (PPO's), or from an object
/// `{ algo?: "ppo", preset?: "deck", ...overrides }` whose other keys are that algorithm's
/// config fields (`PpoConfig`, `A2cConfig`, `DqnConfig`).
fn trainer_config(config: &JsValue) -> Result<Config, JsError> {
    const WHAT: &str = "new Trainer";
    let ppo_preset = |name: &str| Config::preset(Algo::Ppo, name).map_err(core_err(WHAT));
    if config.is_undefined() || config.is_null() {
        return ppo_preset("deck");
    }
    if let Some(name) = config.as_string() {
        return ppo_preset(&name);
    }
    if !config.is_object() || Array::is_array(config) {
        return Err(JsError::new(&format!(
            "{WHAT}: config must be a preset name ({}) or an object, got {}",
            PpoConfig::PRESETS.join(", "),
            describe(config)
        )));
    }
    let field = |k: &str| Reflect::get(config, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let algo = algo_from(WHAT, &field("algo")).map_err(|e| JsError::new(&e))?;
    // PPO's messages stay as they were; the others name the algorithm.
    let what = match algo {
        Algo::Ppo => WHAT.to_string(),
        other => format!("{WHAT} (algo {})", quoted(other.name())),
    };
    // The object's own `preset` (default "deck") gives the values its other fields override.
    let preset = field("preset");
    let base = match preset.as_string() {
        Some(name) => Config::preset(algo, &name).map_err(core_err(&what))?,
        None if preset.is_undefined() || preset.is_null() => Config::preset(algo, algo.presets()[0]).map_err(core_err(&what))?,
        None => {
            return Err(JsError::new(&format!(
                "{what}: preset must be a string ({}), got {}",
                algo.presets().join(", "),
                describe(&preset)
            )));
        }
    };
    let overrides = Object::assign(&Object::new(), config.unchecked_ref::<Object>());
    for key in ["preset", "algo"] {
        Reflect::delete_property(&overrides, &JsValue::from_str(key)).ok();
    }
    let config = match &base {
        Config::Ppo(b) => Config::Ppo(config_over(&what, b, &overrides)?),
        Config::A2c(b) => Config::A2c(config_over(&what, b, &overrides)?),
        Config::Dqn(b) => Config::Dqn(config_over(&what, b, &overrides)?),
    };
    config.validate().map_err(core_err(&what))?;
    Ok(config)
}

/// An SB3 log as a plain object, in SB3's key order.
fn log_object(values: &[(&'static str, LogValue)]) -> JsValue {
    struct Log(Vec<(&'static str, f64)>);
    impl Serialize for Log {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().copied())
        }
    }
    // Numbers and names only: serialising cannot fail.
    serde_js::to_js(&Log(sb3_log::entries(values))).unwrap_or(JsValue::UNDEFINED)
}

/// `new Trainer(config = "deck", env = "v1", seed = 0)`: PPO, A2C or DQN on vectorised
/// CartPoles.
///
/// `config` is a PPO preset name (see `Trainer.presets()`) or `{ algo?, preset?, ...fields }`
/// (`algo`: "ppo" by default, "a2c" or "dqn"; fields: `Trainer.schema(algo)`). Time in the
/// metrics (`time/fps`, `time/time_elapsed`) counts only time spent inside `train_iteration()`,
/// `step_phase()` and `evaluate_if_due()`, so pausing between iterations (a slide change)
/// does not skew fps.
#[wasm_bindgen]
pub struct Trainer {
    learner: Box<dyn Learner>,
    config: Config,
    /// Seconds spent inside `train_iteration`, `step_phase` and `evaluate_if_due` so far.
    busy_s: f64,
    /// Iterations finished so far.
    iterations: u64,
    /// The race's greedy evaluations (`evaluate_if_due`).
    evaluations: GreedyEvaluations,
    /// `__test_diverge`'s (mode, iteration).
    fault: Option<(String, u64)>,
}

/// `evaluate_if_due()`'s result.
#[derive(Serialize)]
struct EvaluationResult {
    total_timesteps: u64,
    mean: f64,
    std: f64,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    returns: js_sys::Float64Array,
    solved: bool,
}

#[wasm_bindgen]
impl Trainer {
    /// Errors have a `kind`: "invalid_config" (the message names the field, the value and
    /// its range, or the unknown `algo`) or "invalid_argument" (env or seed).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, env: JsValue, seed: JsValue) -> Result<Trainer, JsValue> {
        let config = trainer_config(&config).map_err(with_kind("invalid_config"))?;
        let env = version_from("new Trainer", &env).map_err(with_kind("invalid_argument"))?;
        let seed = if seed.is_undefined() || seed.is_null() {
            0
        } else {
            seed_from("new Trainer", &seed).map_err(with_kind("invalid_argument"))?
        };
        let learner = config.learner(env, seed).map_err(|e| typed_error("invalid_config", &format!("new Trainer: {e}")))?;
        Ok(Trainer {
            learner,
            config,
            busy_s: 0.0,
            iterations: 0,
            evaluations: GreedyEvaluations::new(seed),
            fault: None,
        })
    }

    /// `Trainer.algos()` → `["ppo", "a2c", "dqn"]`: the values of the config's `algo`.
    pub fn algos() -> Vec<String> {
        Algo::ALL.iter().map(|a| a.name().to_string()).collect()
    }

    /// The preset names of `algo` (default "ppo") accepted by the constructor.
    pub fn presets(algo: JsValue) -> Result<Vec<String>, JsValue> {
        let algo = algo_arg("Trainer.presets", &algo)?;
        Ok(algo.presets().iter().map(|s| s.to_string()).collect())
    }

    /// The full config of `algo`'s (default "ppo") preset `name` as a plain object (to show or
    /// edit before training).
    pub fn preset_config(name: &str, algo: JsValue) -> Result<JsValue, JsValue> {
        const WHAT: &str = "Trainer.preset_config";
        let algo = algo_arg(WHAT, &algo)?;
        let c = Config::preset(algo, name).map_err(|e| typed_error("invalid_argument", &format!("{WHAT}: {e}")))?;
        to_js(&c).map_err(JsValue::from)
    }

    /// Every config field of `algo` (default "ppo"), as declared in the core
    /// (src/ppo/config.rs, src/a2c/config.rs, src/dqn/config.rs): `[{ name, doc, kind ("int"
    /// | "float" | "bool" | "layers"), min, max, min_exclusive, min_len, max_len, default,
    /// presets: { deck, zoo, sb3 } }]`. The training panel builds its fields from it.
    pub fn schema(algo: JsValue) -> Result<JsValue, JsValue> {
        let algo = algo_arg("Trainer.schema", &algo)?;
        to_js(&algo.schema()).map_err(JsValue::from)
    }

    /// SB3's log keys of `algo` (default "ppo"), in the order SB3 prints them (the metrics
    /// objects carry these).
    pub fn log_keys(algo: JsValue) -> Result<Vec<String>, JsValue> {
        let algo = algo_arg("Trainer.log_keys", &algo)?;
        Ok(algo.log_keys().iter().map(|s| s.to_string()).collect())
    }

    /// The phases of an iteration of `algo` (default "ppo"), in order: the names `phase()`
    /// returns (PPO: rollout, advantages, update; A2C: rollout, update; DQN: collect, train).
    pub fn phases(algo: JsValue) -> Result<Vec<String>, JsValue> {
        let algo = algo_arg("Trainer.phases", &algo)?;
        Ok(algo.phases().iter().map(|p| p.0.to_string()).collect())
    }

    /// Each phase as a line of the algorithm's pseudocode, in the order of `phases(algo)`.
    pub fn phase_pseudocode(algo: JsValue) -> Result<Vec<String>, JsValue> {
        let algo = algo_arg("Trainer.phase_pseudocode", &algo)?;
        Ok(algo.phases().iter().map(|p| p.1.to_string()).collect())
    }

    /// "ppo", "a2c" or "dqn".
    #[wasm_bindgen(getter)]
    pub fn algo(&self) -> String {
        self.learner.algo().name().to_string()
    }

    /// The config in use, as a plain object (that algorithm's fields; no `algo` key).
    pub fn config(&self) -> Result<JsValue, JsError> {
        to_js(&self.config)
    }

    /// One iteration (PPO, A2C: a rollout and its update; DQN: `train_freq` steps and a
    /// training); returns the algorithm's SB3 log as `{ "rollout/ep_rew_mean": …, … }`.
    /// Throws an `Error` with `kind: "diverged"` when a loss or a weight is no longer finite.
    pub fn train_iteration(&mut self) -> Result<JsValue, JsValue> {
        self.inject_fault_before();
        self.busy(|l, clock| l.train_iteration(clock));
        self.finished_iteration()
    }

    /// The phase the next `step_phase()` call works on: one of `Trainer.phases(algo)`.
    pub fn phase(&self) -> String {
        self.learner.phase().to_string()
    }

    /// One short slice of an iteration — a chunk of the rollout or collection (≤ 512 env
    /// steps), PPO's advantages or one update epoch, A2C's update, a chunk of DQN's gradient
    /// steps — so a worker can yield between slices (pause within milliseconds) and show
    /// which phase runs. Returns the SB3 log (as `train_iteration`) when this call finished
    /// an iteration, else `undefined`. Calling it until it returns the log gives the same
    /// bits as `train_iteration()`. Throws as `train_iteration` does.
    pub fn step_phase(&mut self) -> Result<Option<JsValue>, JsValue> {
        self.inject_fault_before();
        if !self.busy(|l, clock| l.step_phase(clock)) {
            return Ok(None);
        }
        self.finished_iteration().map(Some)
    }

    /// The race's greedy evaluation (src/solved.rs), to call between iterations: `null`, or,
    /// once per 2,048 env steps, `{ total_timesteps, mean, std, returns: Float64Array,
    /// solved }` — 10 episodes with deterministic actions (the most likely action; DQN:
    /// argmax Q) on an env seeded apart from the training envs; `solved` when the mean reaches
    /// the env's reward threshold. `null` in the middle of an iteration. Its time counts in
    /// the trainer's clock (`time/time_elapsed`), as SB3's EvalCallback's does.
    pub fn evaluate_if_due(&mut self) -> Result<JsValue, JsError> {
        let mut evaluations = self.evaluations.clone();
        let result = self.busy(|l, _| evaluations.evaluate_if_due(l));
        self.evaluations = evaluations;
        match result {
            None => Ok(JsValue::NULL),
            Some(e) => to_js(&EvaluationResult {
                total_timesteps: e.total_timesteps,
                mean: e.evaluation.mean(),
                std: e.evaluation.std(),
                returns: js_sys::Float64Array::from(&e.evaluation.returns[..]),
                solved: e.solved,
            }),
        }
    }

    /// Test hook (tests/fixtures/diverge-patch.js; not part of the deck's API): makes the run
    /// diverge for real from iteration `at` on. "loss": a NaN weight of the last network (the
    /// critic; DQN's Q-network) before iteration `at`, so its losses are NaN; "weights": a NaN
    /// weight of the first (the actor; the Q-network) after iteration `at`'s update.
    #[wasm_bindgen(js_name = "__test_diverge")]
    pub fn test_diverge(&mut self, mode: String, at: u32) {
        self.fault = Some((mode, at as u64));
    }

    /// Number of finished training episodes so far.
    pub fn episode_count(&self) -> u32 {
        self.learner.episodes().len() as u32
    }

    /// Finished training episodes from index `start` on, flattened as a `Float64Array`
    /// `[return, length, total_timesteps_at_end, …]` (3 numbers per episode).
    pub fn episodes_since(&self, start: u32) -> Vec<f64> {
        let eps = self.learner.episodes();
        let start = (start as usize).min(eps.len());
        eps[start..]
            .iter()
            .flat_map(|e| [e.ret, e.len as f64, e.at_step as f64])
            .collect()
    }

    /// The last iteration's log (before the first: the keys SB3 would show, mostly zeros).
    pub fn metrics(&self) -> JsValue {
        log_object(&self.learner.log())
    }

    /// Environment steps taken so far (a Number).
    pub fn total_timesteps(&self) -> f64 {
        self.learner.total_timesteps() as f64
    }

    /// `config.total_timesteps` has been reached.
    pub fn done(&self) -> bool {
        self.learner.is_done()
    }

    /// Returns of all finished training episodes, in order (`Float64Array`).
    pub fn episode_returns(&self) -> Vec<f64> {
        self.learner.episode_returns()
    }

    /// The current agent as a versioned JSON string (load it with `new Agent(json)`). Throws
    /// an `Error` with `kind: "diverged"` if a weight is not finite (no file is written that
    /// `new Agent` would refuse).
    pub fn agent_json(&self) -> Result<String, JsValue> {
        self.check_weights()?;
        Ok(self.learner.agent().to_json())
    }

    /// The current agent as an `Agent` handle (throws as `agent_json` does).
    pub fn agent(&self) -> Result<Agent, JsValue> {
        self.check_weights()?;
        Ok(Agent {
            agent: self.learner.agent(),
        })
    }
}

impl Trainer {
    /// Runs `work` on the learner with the trainer's clock, and adds its time to it.
    fn busy<R>(&mut self, work: impl FnOnce(&mut dyn Learner, &dyn Fn() -> f64) -> R) -> R {
        let started = now_ms();
        let before = self.busy_s;
        let clock = || before + (now_ms() - started) / 1000.0;
        let result = work(self.learner.as_mut(), &clock);
        self.busy_s = before + (now_ms() - started) / 1000.0;
        result
    }

    /// The log of the iteration that just finished, or the divergence it showed.
    fn finished_iteration(&mut self) -> Result<JsValue, JsValue> {
        self.iterations += 1;
        self.inject_fault_after();
        match self.learner.divergence() {
            Some(why) => Err(typed_error("diverged", &why)),
            None => Ok(log_object(&self.learner.log())),
        }
    }

    fn check_weights(&self) -> Result<(), JsValue> {
        if self.learner.weights_are_finite() {
            return Ok(());
        }
        Err(typed_error("diverged", &self.learner.divergence().unwrap_or_default()))
    }

    /// `__test_diverge`'s "loss" fault, at the start of iteration `at`.
    fn inject_fault_before(&mut self) {
        if let Some((mode, at)) = &self.fault
            && mode == "loss"
            && self.iterations + 1 >= *at
            && self.learner.at_iteration_start()
            && let Some(net) = self.learner.nets_mut().pop()
        {
            net.layers[0].w[[0, 0]] = f32::NAN;
        }
    }

    /// `__test_diverge`'s "weights" fault, after iteration `at`'s update.
    fn inject_fault_after(&mut self) {
        if let Some((mode, at)) = &self.fault
            && mode == "weights"
            && self.iterations >= *at
            && let Some(net) = self.learner.nets_mut().into_iter().next()
        {
            net.layers[0].w[[0, 0]] = f32::NAN;
        }
    }
}

/// An agent file read with the browser's own `JSON.parse` (the module carries no JSON
/// parser), then checked by the core as [`crate::agent::Agent::from_json`] checks it natively.
fn agent_from_json(text: &str) -> Result<crate::agent::Agent, String> {
    use crate::agent::{Agent, check_header, check_size};
    check_size(text.len())?;
    let doc = js_sys::JSON::parse(text)
        .map_err(|e| format!("not an agent file (invalid JSON: {})", js_message(&e)))?;
    if !doc.is_object() || Array::is_array(&doc) {
        return Err("not an agent file (not a JSON object with \"format\": \"rl-live-agent\")".into());
    }
    let field = |k: &str| Reflect::get(&doc, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    check_header(field("format").as_string().as_deref(), field("version").as_f64())?;
    let meta = match field("meta") {
        m if m.is_undefined() || m.is_null() => "{}".to_string(),
        m => json_text(&m)?,
    };
    let file: AgentFile = serde_js::document("agent file", &doc)?;
    Agent::from_parts(file, meta)
}

/// `JSON.stringify(v)`.
fn json_text(v: &JsValue) -> Result<String, String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).ok_or_else(|| "meta cannot be written as JSON".to_string())
}

/// The message of a thrown JS error (`SyntaxError: Unexpected token …` → `Unexpected token …`).
fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| describe(e))
}

/// `new Agent(json)`: a trained agent of any algorithm, from `Trainer.agent_json()` output
/// (or a version 1 file, read as PPO). Greedy play is the most likely action (PPO, A2C) or
/// argmax Q (DQN); a DQN agent's `action_probs` is its greedy policy (one-hot) and its
/// `value` is max_a Q(s, a).
#[wasm_bindgen]
pub struct Agent {
    agent: crate::agent::Agent,
}

#[wasm_bindgen]
impl Agent {
    #[wasm_bindgen(constructor)]
    pub fn new(json: JsValue) -> Result<Agent, JsError> {
        let Some(text) = json.as_string() else {
            return Err(JsError::new(&format!(
                "new Agent: expected the agent's JSON text, got {}",
                describe(&json)
            )));
        };
        let agent = agent_from_json(&text).map_err(core_err("new Agent"))?;
        Ok(Agent { agent })
    }

    /// `Float32Array([P(left), P(right)])` for a 4-number observation (DQN: one-hot on the
    /// greedy action).
    pub fn action_probs(&self, obs: &[f32]) -> Result<Vec<f32>, JsError> {
        Ok(self
            .agent
            .action_probs(&obs_from("Agent.action_probs", obs)?)
            .to_vec())
    }

    /// The greedy action, 0 or 1: the most probable one, or argmax Q.
    pub fn act_greedy(&self, obs: &[f32]) -> Result<u32, JsError> {
        Ok(self.agent.act_greedy(&obs_from("Agent.act_greedy", obs)?) as u32)
    }

    /// The critic's V(s); DQN: max_a Q(s, a).
    pub fn value(&self, obs: &[f32]) -> Result<f32, JsError> {
        Ok(self.agent.value(&obs_from("Agent.value", obs)?))
    }

    /// The agent as JSON text.
    pub fn to_json(&self) -> String {
        self.agent.to_json()
    }

    /// "ppo", "a2c" or "dqn": the algorithm that trained the agent.
    #[wasm_bindgen(getter)]
    pub fn algo(&self) -> String {
        self.agent.algo().name().to_string()
    }

    /// "CartPole-v1" or "CartPole-v0": the env the agent was trained on.
    #[wasm_bindgen(getter)]
    pub fn env(&self) -> String {
        self.agent.env.id().to_string()
    }

    /// The agent's free-form `meta` object as JSON text.
    pub fn meta_json(&self) -> String {
        self.agent.meta.clone()
    }

    /// The agent's JSON text with the top-level keys of `meta_json` (an object's JSON text)
    /// set in its `meta` (weights untouched, so the file still loads bit for bit).
    pub fn to_json_with_meta(&self, meta_json: &str) -> Result<String, JsError> {
        const WHAT: &str = "Agent.to_json_with_meta";
        let extra = js_sys::JSON::parse(meta_json)
            .map_err(|e| JsError::new(&format!("{WHAT}: meta is not valid JSON: {}", js_message(&e))))?;
        if !extra.is_object() || Array::is_array(&extra) {
            return Err(JsError::new(&format!("{WHAT}: meta must be a JSON object")));
        }
        let meta = js_sys::JSON::parse(&self.agent.meta)
            .ok()
            .filter(|m| m.is_object() && !Array::is_array(m))
            .unwrap_or_else(|| Object::new().into());
        Object::assign(meta.unchecked_ref::<Object>(), extra.unchecked_ref::<Object>());
        let mut agent = self.agent.clone();
        agent.meta = json_text(&meta).map_err(|e| JsError::new(&format!("{WHAT}: {e}")))?;
        Ok(agent.to_json())
    }
}
