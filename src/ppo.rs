//! PPO as stable-baselines3 defines it. (STUB: contract only; the real file replaces this.)
use crate::cartpole::Version;

/// Hyperparameters (see the real file for docs). Presets: `PpoConfig::preset(name)`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PpoConfig {
    pub n_envs: usize,
    pub n_steps: usize,
    pub batch_size: usize,
    pub n_epochs: usize,
    pub learning_rate: f64,
    pub lr_linear_decay: bool,
    pub gamma: f64,
    pub gae_lambda: f64,
    pub clip_range: f64,
    pub clip_linear_decay: bool,
    pub ent_coef: f64,
    pub vf_coef: f64,
    pub max_grad_norm: f64,
    pub hidden: Vec<usize>,
    pub total_timesteps: u64,
}

impl PpoConfig {
    /// Names accepted by `preset`: "deck", "zoo", "sb3".
    pub const PRESETS: [&'static str; 3] = ["deck", "zoo", "sb3"];
    pub fn preset(_name: &str) -> Result<PpoConfig, String> {
        todo!()
    }
    /// Checks every field; the message names the field and its valid range.
    pub fn validate(&self) -> Result<(), String> {
        todo!()
    }
}

/// The SB3 log of one iteration. `entries()` gives `(key, value)` with SB3's key names.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Metrics {
    pub fps: f64,
    pub iterations: u64,
    pub time_elapsed: f64,
    pub total_timesteps: u64,
    pub approx_kl: f64,
    pub clip_fraction: f64,
    pub clip_range: f64,
    pub entropy_loss: f64,
    pub explained_variance: f64,
    pub learning_rate: f64,
    pub loss: f64,
    pub n_updates: u64,
    pub policy_gradient_loss: f64,
    pub value_loss: f64,
    pub ep_rew_mean: f64,
    pub ep_len_mean: f64,
}

impl Metrics {
    pub fn entries(&self) -> Vec<(&'static str, f64)> {
        todo!()
    }
}

/// A PPO learner on vectorised CartPoles.
pub struct Ppo {
    _todo: (),
}

impl Ppo {
    pub fn new(_config: PpoConfig, _env: Version, _seed: u64) -> Result<Ppo, String> {
        todo!()
    }
    /// Collect one rollout and run the update epochs. `clock()` returns seconds since training
    /// started (the core never reads a clock itself: `Instant` does not exist on wasm32).
    pub fn train_iteration(&mut self, _clock: &dyn Fn() -> f64) -> &Metrics {
        todo!()
    }
    pub fn metrics(&self) -> &Metrics {
        todo!()
    }
    pub fn total_timesteps(&self) -> u64 {
        todo!()
    }
    /// Returns of all finished training episodes, in order.
    pub fn episode_returns(&self) -> &[f64] {
        todo!()
    }
    /// The current agent (actor + critic) as a versioned JSON document.
    pub fn agent(&self) -> crate::ppo::Agent {
        todo!()
    }
}

/// A trained actor and critic, independent of any training state.
#[derive(Clone, Debug)]
pub struct Agent {
    _todo: (),
}

impl Agent {
    pub fn to_json(&self) -> String {
        todo!()
    }
    pub fn from_json(_text: &str) -> Result<Agent, String> {
        todo!()
    }
    /// P(left), P(right).
    pub fn action_probs(&self, _obs: &[f32; 4]) -> [f32; 2] {
        todo!()
    }
    /// The most probable action.
    pub fn act_greedy(&self, _obs: &[f32; 4]) -> usize {
        todo!()
    }
    /// The critic's V(s).
    pub fn value(&self, _obs: &[f32; 4]) -> f32 {
        todo!()
    }
}
