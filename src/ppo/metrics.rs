//! PPO's SB3 log: the keys SB3's `PPO` logs, computed as SB3 computes them (the table itself
//! is [`crate::sb3_log`]'s, shared by every algorithm).

use crate::sb3_log::{self, LogValue, Sb3Log};
use serde::Serialize;

/// Every key PPO logs, in the order SB3 prints them (the page's tables and curves use this list).
pub const KEYS: [&str; 16] = [
    "rollout/ep_len_mean",
    "rollout/ep_rew_mean",
    "time/fps",
    "time/iterations",
    "time/time_elapsed",
    "time/total_timesteps",
    "train/approx_kl",
    "train/clip_fraction",
    "train/clip_range",
    "train/entropy_loss",
    "train/explained_variance",
    "train/learning_rate",
    "train/loss",
    "train/n_updates",
    "train/policy_gradient_loss",
    "train/value_loss",
];

/// Keys whose value must stay finite while training goes well (explained_variance may be
/// NaN: SB3 logs nan too when the returns do not vary).
pub const MUST_BE_FINITE: [&str; 5] = ["train/loss", "train/value_loss", "train/policy_gradient_loss", "train/entropy_loss", "train/approx_kl"];

/// The SB3 log of one iteration. Fields are named after SB3's keys; see [`Metrics::entries`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// time/fps: steps since start ÷ seconds since start (updates included).
    pub fps: f64,
    /// time/iterations: rollouts collected so far.
    pub iterations: u64,
    /// time/time_elapsed: seconds since start.
    pub time_elapsed: f64,
    /// time/total_timesteps: environment steps so far (all envs).
    pub total_timesteps: u64,
    /// train/approx_kl: mean k3 KL over the minibatches of the last epoch.
    pub approx_kl: f64,
    /// train/clip_fraction: mean over all minibatches of the fraction with |r − 1| > ε.
    pub clip_fraction: f64,
    /// train/clip_range: ε used in this update.
    pub clip_range: f64,
    /// train/entropy_loss: −mean(entropy), mean over all minibatches.
    pub entropy_loss: f64,
    /// train/explained_variance: 1 − Var(R − V)/Var(R) over the rollout (NaN if Var(R) = 0).
    pub explained_variance: f64,
    /// train/learning_rate: lr used in this update.
    pub learning_rate: f64,
    /// train/loss: total loss of the last minibatch.
    pub loss: f64,
    /// train/n_updates: epochs run so far (+n_epochs per update).
    pub n_updates: u64,
    /// train/policy_gradient_loss: mean over all minibatches.
    pub policy_gradient_loss: f64,
    /// train/value_loss: mean over all minibatches.
    pub value_loss: f64,
    /// rollout/ep_rew_mean: mean return of the last 100 finished episodes (NaN before any).
    pub ep_rew_mean: f64,
    /// rollout/ep_len_mean: mean length of the last 100 finished episodes (NaN before any).
    pub ep_len_mean: f64,
}

impl Sb3Log for Metrics {
    const MUST_BE_FINITE: &'static [&'static str] = &MUST_BE_FINITE;

    /// `(key, value)` pairs with SB3's key names, in [`KEYS`]' order. The rollout keys are
    /// absent until an episode has finished, and the train keys until the first update, as in SB3.
    fn log_values(&self) -> Vec<(&'static str, LogValue)> {
        use LogValue::*;
        let values = [
            Float(self.ep_len_mean),
            Float(self.ep_rew_mean),
            Int(self.fps as u64),
            Int(self.iterations),
            Int(self.time_elapsed as u64),
            Int(self.total_timesteps),
            Float32(self.approx_kl as f32),
            Float(self.clip_fraction),
            Float(self.clip_range),
            Float(self.entropy_loss),
            Float(self.explained_variance),
            Float(self.learning_rate),
            Float(self.loss),
            Int(self.n_updates),
            Float(self.policy_gradient_loss),
            Float(self.value_loss),
        ];
        sb3_log::shown(&KEYS, values, !self.ep_rew_mean.is_nan(), self.n_updates > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sb3_table_has_the_talks_layout() {
        // The second table the talk prints, field for field.
        let m = Metrics {
            fps: 45.9,
            iterations: 2,
            time_elapsed: 89.3,
            total_timesteps: 4096,
            approx_kl: 0.00966014,
            clip_fraction: 0.0822,
            clip_range: 0.2,
            entropy_loss: -0.687,
            explained_variance: -0.00749,
            learning_rate: 0.0003,
            loss: 7.99,
            n_updates: 10,
            policy_gradient_loss: -0.0121,
            value_loss: 48.6,
            ep_rew_mean: f64::NAN,
            ep_len_mean: f64::NAN,
        };
        // The talk's table, as the metrics slide shows it (www/slides/metrics.js `LOG`).
        let slide = include_str!("../../www/slides/metrics.js");
        let talk = slide.split_once("const LOG = `").and_then(|(_, rest)| rest.split_once("`;")).expect("the slide's LOG").0;
        assert_eq!(m.sb3_table(), talk);
        // Once episodes finish, rollout/ comes first, as SB3 sorts keys.
        let m = Metrics { ep_rew_mean: 22.5, ep_len_mean: 22.5, ..m };
        assert!(m.sb3_table().lines().nth(1).unwrap().starts_with("| rollout/"));
        assert_eq!(m.entries().len(), 16);
        assert!(m.non_finite().is_empty());
        let m = Metrics { loss: f64::NAN, value_loss: f64::INFINITY, ..m };
        assert_eq!(m.non_finite(), ["train/loss = NaN", "train/value_loss = Infinity"]);
    }
}
