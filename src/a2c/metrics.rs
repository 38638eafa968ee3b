//! A2C's SB3 log: the keys `A2C.train` and `OnPolicyAlgorithm.dump_logs` write. Note
//! `train/policy_loss` (PPO's is `policy_gradient_loss`), and no `train/loss`.

use crate::sb3_log::{self, LogValue, Sb3Log};
use serde::Serialize;

/// Every key A2C logs, in the order SB3 prints them (sorted).
pub const KEYS: [&str; 12] = [
    "rollout/ep_len_mean",
    "rollout/ep_rew_mean",
    "time/fps",
    "time/iterations",
    "time/time_elapsed",
    "time/total_timesteps",
    "train/entropy_loss",
    "train/explained_variance",
    "train/learning_rate",
    "train/n_updates",
    "train/policy_loss",
    "train/value_loss",
];

/// Keys whose value must stay finite while training goes well.
pub const MUST_BE_FINITE: [&str; 3] = ["train/policy_loss", "train/value_loss", "train/entropy_loss"];

/// One table of A2C's log. The `train/*` values are those of the last update, which ran
/// *before* this iteration's rollout: SB3 dumps before it trains.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub fps: f64,
    /// time/iterations: rollouts collected so far.
    pub iterations: u64,
    pub time_elapsed: f64,
    pub total_timesteps: u64,
    /// train/entropy_loss: −mean(entropy) of the update.
    pub entropy_loss: f64,
    /// train/explained_variance over that update's rollout, with the values before it.
    pub explained_variance: f64,
    pub learning_rate: f64,
    /// train/n_updates: gradient steps (= trainings) so far.
    pub n_updates: u64,
    /// train/policy_loss: −mean(A · log π(a|s)).
    pub policy_loss: f64,
    /// train/value_loss: mean((R − V)²), no ½.
    pub value_loss: f64,
    pub ep_rew_mean: f64,
    pub ep_len_mean: f64,
}

impl Sb3Log for Metrics {
    const MUST_BE_FINITE: &'static [&'static str] = &MUST_BE_FINITE;

    /// `(key, value)` pairs with SB3's names, in [`KEYS`]' order; the rollout keys are absent
    /// until an episode has finished, and the train keys until the first update.
    fn log_values(&self) -> Vec<(&'static str, LogValue)> {
        use LogValue::*;
        let values = [
            Float(self.ep_len_mean),
            Float(self.ep_rew_mean),
            Int(self.fps as u64),
            Int(self.iterations),
            Int(self.time_elapsed as u64),
            Int(self.total_timesteps),
            Float(self.entropy_loss),
            Float(self.explained_variance),
            Float(self.learning_rate),
            Int(self.n_updates),
            Float(self.policy_loss),
            Float(self.value_loss),
        ];
        sb3_log::shown(&KEYS, values, !self.ep_rew_mean.is_nan(), self.n_updates > 0)
    }



}
