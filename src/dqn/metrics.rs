//! DQN's SB3 log (`OffPolicyAlgorithm.dump_logs`): written at the end of every
//! `log_interval`-th episode, mid-collection; `train/*` only when a training ran since the
//! last table (SB3 records them in `train()` and clears them at each dump).

use crate::sb3_log::{self, LogValue, Sb3Log};
use serde::Serialize;

/// Every key DQN logs, in the order SB3 prints them (sorted). No `time/iterations`.
pub const KEYS: [&str; 10] = [
    "rollout/ep_len_mean",
    "rollout/ep_rew_mean",
    "rollout/exploration_rate",
    "time/episodes",
    "time/fps",
    "time/time_elapsed",
    "time/total_timesteps",
    "train/learning_rate",
    "train/loss",
    "train/n_updates",
];

/// Keys whose value must stay finite while training goes well.
pub const MUST_BE_FINITE: [&str; 1] = ["train/loss"];

/// One table of DQN's log.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// rollout/ep_len_mean, rollout/ep_rew_mean: over the last 100 finished episodes.
    pub ep_len_mean: f64,
    pub ep_rew_mean: f64,
    /// rollout/exploration_rate: ε after this step.
    pub exploration_rate: f64,
    /// time/episodes: episodes finished, over all envs.
    pub episodes: u64,
    pub fps: f64,
    pub time_elapsed: f64,
    pub total_timesteps: u64,
    /// train/learning_rate of the most recent training.
    pub learning_rate: f64,
    /// train/loss: mean Huber loss over the gradient steps of the most recent training.
    pub loss: f64,
    /// train/n_updates: gradient steps so far.
    pub n_updates: u64,
    /// Whether a training ran since the last table (SB3 shows `train/*` only then).
    pub trained_since_dump: bool,
}

impl Sb3Log for Metrics {
    const MUST_BE_FINITE: &'static [&'static str] = &MUST_BE_FINITE;

    /// `(key, value)` pairs with SB3's names, in [`KEYS`]' order, as SB3 would print them.
    fn log_values(&self) -> Vec<(&'static str, LogValue)> {
        use LogValue::*;
        let values = [
            Float(self.ep_len_mean),
            Float(self.ep_rew_mean),
            Float(self.exploration_rate),
            Int(self.episodes),
            Int(self.fps as u64),
            Int(self.time_elapsed as u64),
            Int(self.total_timesteps),
            Float(self.learning_rate),
            Float(self.loss),
            Int(self.n_updates),
        ];
        let mut shown = sb3_log::shown(&KEYS, values, true, self.trained_since_dump);
        // ε is recorded every step; the episode means only once there are episodes.
        shown.retain(|(k, _)| !k.ends_with("_mean") || !self.ep_rew_mean.is_nan());
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_sb3s_dqn_keys_and_train_only_after_a_training() {
        let m = Metrics {
            ep_len_mean: 21.5,
            ep_rew_mean: 21.5,
            exploration_rate: 0.88,
            episodes: 48,
            fps: 1234.5,
            time_elapsed: 0.9,
            total_timesteps: 1024,
            ..Metrics::default()
        };
        let keys: Vec<&str> = m.log_values().iter().map(|kv| kv.0).collect();
        assert_eq!(keys, &KEYS[..7]);
        assert!(!m.sb3_table().contains("iterations"));
        let m = Metrics { learning_rate: 2.3e-3, loss: 0.0123, n_updates: 128, trained_since_dump: true, ..m };
        assert_eq!(m.entries().len(), 10);
        let table = m.sb3_table();
        assert!(table.contains("| rollout/            |          |"), "{table}");
        assert!(table.contains("|    exploration_rate | 0.88     |"), "{table}");
        assert!(table.contains("|    episodes         | 48       |"), "{table}");
        assert!(table.contains("|    n_updates        | 128      |"), "{table}");
    }
}
