//! TD prediction on the random walk (see `crate::td`): `td_random_walk` averages many runs,
//! and `RandomWalk` is the TD slide's learner — TD(0), constant-α MC or TD(λ) — stepped one
//! move at a time so a slide can animate it.
//!
//! ```js
//! const walk = new RandomWalk({ method: 'td_lambda', alpha: 0.05, lambda: 0.8, seed: 864 });
//! walk.step();          // { from: 2, to: 3, reward: 0, done: false } (exits are −1 and 5)
//! walk.values();        // Float64Array(5): V(A) … V(E)
//! walk.traces();        // Float64Array(5): TD(λ)'s eligibility traces
//! walk.path();          // Int32Array: the episode's states from C, with the exit once it ended
//! walk.run_episode();   // finishes the episode (or walks a new one); returns its path
//! ```

use js_sys::Float64Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{core_err, serde_js, to_js};
use crate::td::{self, Learner};

/// The exits as the path gives them: just left of A and just right of E.
const LEFT_EXIT: i32 = -1;
const RIGHT_EXIT: i32 = td::STATES as i32;

/// `td_random_walk({ method, alpha, lambda, episodes, runs, seed })` → `{ rms, values }`
/// (both `Float64Array`). Missing fields take defaults: td0, α 0.1, λ 0.8, 100 episodes,
/// 100 runs, seed 0.
#[wasm_bindgen]
pub fn td_random_walk(options: JsValue) -> Result<JsValue, JsError> {
    const WHAT: &str = "td_random_walk";
    let config: td::Config = serde_js::options(WHAT, &options).map_err(|e| JsError::new(&e))?;
    let c = td::td_random_walk(&config).map_err(core_err(WHAT))?;
    #[derive(Serialize)]
    struct Curve {
        #[serde(with = "serde_wasm_bindgen::preserve")]
        rms: Float64Array,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        values: Float64Array,
    }
    to_js(&Curve { rms: Float64Array::from(&c.rms[..]), values: Float64Array::from(&c.values[..]) })
}

/// `new RandomWalk({ method, alpha, lambda, seed })`; every field optional (TD(0), α 0.05,
/// λ 0.8, and a fresh seed from the browser's random source when none is given).
#[wasm_bindgen(js_name = RandomWalk)]
pub struct JsRandomWalk {
    walk: td::RandomWalk,
}

#[derive(Serialize)]
struct Move {
    from: i32,
    to: i32,
    reward: f64,
    done: bool,
}

/// The slide's starting point, for `RandomWalk.deck()`.
#[derive(Serialize)]
struct Deck {
    method: td::Method,
    alpha: f64,
    lambda: f64,
    seed: u64,
    episodes: usize,
}

#[wasm_bindgen(js_class = RandomWalk)]
impl JsRandomWalk {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsRandomWalk, JsError> {
        const WHAT: &str = "new RandomWalk";
        let o: Learner = serde_js::options(WHAT, &options).map_err(|e| JsError::new(&e))?;
        let seed = match o.seed {
            Some(seed) => seed,
            None => crate::seed::fresh().map_err(core_err(WHAT))?.into(),
        };
        let walk = td::RandomWalk::new(o.method, o.alpha, o.lambda, seed).map_err(core_err(WHAT))?;
        Ok(JsRandomWalk { walk })
    }

    /// The TD slide's learner and run length:
    /// `{ method: "td0", alpha: 0.05, lambda: 0.8, seed, episodes: 100 }`.
    pub fn deck() -> Result<JsValue, JsError> {
        let Learner { method, alpha, lambda, .. } = Learner::default();
        to_js(&Deck { method, alpha, lambda, seed: td::DECK_SEED, episodes: td::DECK_EPISODES })
    }

    /// The true values 1/6 … 5/6 (`Float64Array(5)`).
    pub fn true_values() -> Vec<f64> {
        td::TRUE_VALUES.to_vec()
    }

    /// One move, learning from it (TD after every move, MC at the exit); starts an episode in
    /// C when none is under way. `{ from, to, reward, done }`, with `to` −1 or 5 at an exit.
    pub fn step(&mut self) -> Result<JsValue, JsError> {
        let m = self.walk.step();
        to_js(&Move {
            from: m.from as i32,
            to: m.to.map_or(if m.reward > 0.0 { RIGHT_EXIT } else { LEFT_EXIT }, |s| s as i32),
            reward: m.reward,
            done: m.to.is_none(),
        })
    }

    /// Finishes the episode under way, or walks a whole new one; returns its path.
    pub fn run_episode(&mut self) -> Vec<i32> {
        self.walk.run_episode();
        self.path()
    }

    /// The current (or last) episode's states from C (A = 0 … E = 4), ending with the exit
    /// (−1 or 5) once the episode is over (`Int32Array`, empty before the first move).
    pub fn path(&self) -> Vec<i32> {
        let states = self.walk.episode_states().iter().map(|&s| s as i32);
        let exit = self.walk.exit_reward().map(|r| if r > 0.0 { RIGHT_EXIT } else { LEFT_EXIT });
        states.chain(exit).collect()
    }

    /// V(A) … V(E) (`Float64Array(5)`).
    pub fn values(&self) -> Vec<f64> {
        self.walk.values().to_vec()
    }

    /// TD(λ)'s eligibility traces for A … E (`Float64Array(5)`; zero for TD(0) and MC).
    pub fn traces(&self) -> Vec<f64> {
        self.walk.traces().to_vec()
    }

    /// RMS error of the values against the true values.
    pub fn rms_error(&self) -> f64 {
        self.walk.rms_error()
    }

    /// Back to values 0.5 and the start of the seed's walks.
    pub fn reset(&mut self) {
        self.walk.reset();
    }

    /// Episodes finished.
    #[wasm_bindgen(getter)]
    pub fn episodes(&self) -> usize {
        self.walk.episodes()
    }

    /// Whether an episode is under way.
    #[wasm_bindgen(getter)]
    pub fn in_episode(&self) -> bool {
        self.walk.in_episode()
    }

    /// The seed of the walks (a BigInt), given or fresh.
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> u64 {
        self.walk.seed()
    }
}
