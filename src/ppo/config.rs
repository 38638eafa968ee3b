//! PPO's hyperparameters, declared once each: doc, kind, range, and the value in every preset
//! (columns: deck, zoo, sb3). Everything else — the struct, the presets, the range checks,
//! the CLI's `--set`, `Trainer.schema()` and the training panel's fields — follows from here.
//!
//! - **deck** (the default): the fastest reliable solve found. rl-zoo's settings with 4 envs ×
//!   64 steps (the zoo's 256 transitions per rollout, longer stretches of each episode),
//!   minibatches of 64 over 10 epochs (40 gradient steps per rollout, zoo: 20), twice the
//!   learning rate, and 32-32 networks (as reliable as 64-64 at ~¼ the compute): 20/20 seeds
//!   solved (median ≈ 19.7k steps natively) with a perfect greedy evaluation, against 33.5k
//!   for the zoo preset. The README has the sweep.
//! - **zoo**: rl-baselines3-zoo's tuned CartPole-v1 hyperparameters.
//! - **sb3**: stable-baselines3's `PPO('MlpPolicy', env)` defaults: what the talk trained.

use crate::schema::{Kind, declare_config};

declare_config! {
    /// PPO hyperparameters. `Default` is the deck's preset.
    pub struct PpoConfig;
    presets {
        /// The deck's default (see the module doc).
        deck,
        /// rl-baselines3-zoo's tuned CartPole-v1.
        zoo,
        /// stable-baselines3's defaults, as in the talk.
        sb3,
    }
    fields {
        //                                                                deck   zoo    sb3
        /// Parallel environments stepped in lockstep (SB3 `n_envs`).
        n_envs: usize = Kind::Int { min: 1, max: 64 }, [4, 8, 1];
        /// Steps per environment per rollout; a rollout is `n_envs × n_steps` transitions.
        n_steps: usize = Kind::Int { min: 1, max: 8192 }, [64, 32, 2048];
        /// Minibatch size for the gradient steps (the last minibatch may be smaller; at least
        /// 2, to normalise advantages, and at most one rollout).
        batch_size: usize = Kind::Int { min: 2, max: 65536 }, [64, 256, 64];
        /// Passes over each rollout.
        n_epochs: usize = Kind::Int { min: 1, max: 100 }, [10, 20, 10];
        /// Adam learning rate (the initial one when `lr_linear_decay`).
        learning_rate: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: true }, [2e-3, 1e-3, 3e-4];
        /// Anneal the learning rate linearly to 0 over `total_timesteps` (rl-zoo's `lin_…`).
        lr_linear_decay: bool = Kind::Bool, [true, true, false];
        /// Discount factor γ.
        gamma: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.98, 0.98, 0.99];
        /// GAE λ: 0 is one-step TD, 1 is Monte Carlo.
        gae_lambda: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.8, 0.8, 0.95];
        /// Clipping ε of the probability ratio (the initial one when `clip_linear_decay`).
        clip_range: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: true }, [0.2, 0.2, 0.2];
        /// Anneal the clip range linearly to 0 over `total_timesteps`.
        clip_linear_decay: bool = Kind::Bool, [true, true, false];
        /// Weight of the entropy bonus in the loss.
        ent_coef: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.0, 0.0, 0.0];
        /// Weight of the value loss in the loss.
        vf_coef: f64 = Kind::Float { min: 0.0, max: 10.0, min_open: false }, [0.5, 0.5, 0.5];
        /// Global gradient-norm clipping threshold (over actor and critic together).
        max_grad_norm: f64 = Kind::Float { min: 0.0, max: 1e6, min_open: true }, [0.5, 0.5, 0.5];
        /// Hidden layer widths, the same for actor and critic (SB3: [64, 64]).
        hidden: Vec<usize> = Kind::Layers { min_len: 1, max_len: 4, min: 1, max: 512 }, [vec![32, 32], vec![64, 64], vec![64, 64]];
        /// Training budget; the schedules reach 0 here and training stops (at least one rollout).
        total_timesteps: u64 = Kind::Int { min: 1, max: 10_000_000 }, [100_000, 100_000, 200_000];
    }
}

impl PpoConfig {
    /// Transitions per rollout.
    pub fn rollout_size(&self) -> usize {
        self.n_envs * self.n_steps
    }

    /// Checks every field, then the limits that tie fields together; the message names the
    /// field, the value and its valid range.
    pub fn validate(&self) -> Result<(), String> {
        self.check_fields()?;
        let rollout = self.rollout_size();
        // (A rollout over 65536 passes this: batch_size is at most 65536.)
        if self.batch_size > rollout {
            return Err(format!("batch_size = {} is outside 2..={rollout}", self.batch_size));
        }
        crate::rollout::check_rollout(self.n_envs, self.n_steps, self.total_timesteps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_validate_and_bad_values_are_named() {
        for name in PpoConfig::PRESETS {
            PpoConfig::preset(name).unwrap().validate().unwrap();
        }
        assert!(PpoConfig::preset("fast").unwrap_err().contains("deck, zoo, sb3"));
        let bad = PpoConfig { learning_rate: f64::NAN, ..PpoConfig::zoo() };
        assert!(bad.validate().unwrap_err().starts_with("learning_rate = NaN is outside (0, 1]"));
        let bad = PpoConfig { batch_size: 1, ..PpoConfig::zoo() };
        assert!(bad.validate().unwrap_err().contains("batch_size"));
        let bad = PpoConfig { batch_size: 300, ..PpoConfig::zoo() };
        assert_eq!(bad.validate().unwrap_err(), "batch_size = 300 is outside 2..=256");
        let bad = PpoConfig { hidden: vec![], ..PpoConfig::zoo() };
        assert_eq!(bad.validate().unwrap_err(), "hidden has 0 layers; use 1 to 4");
        let bad = PpoConfig { hidden: vec![32, 513], ..PpoConfig::zoo() };
        assert_eq!(bad.validate().unwrap_err(), "hidden layer width = 513 is outside 1..=512");
        let bad = PpoConfig { total_timesteps: 100, ..PpoConfig::zoo() };
        assert_eq!(bad.validate().unwrap_err(), "total_timesteps = 100 is outside 256..=10000000 (at least one rollout)");
        // Config objects from JS or files: unknown fields are refused, missing ones default.
        let c: PpoConfig = serde_json::from_str(r#"{"n_epochs": 5}"#).unwrap();
        assert_eq!(c.n_epochs, 5);
        assert_eq!(c.n_envs, PpoConfig::deck().n_envs);
        assert!(serde_json::from_str::<PpoConfig>(r#"{"n_epoch": 5}"#).is_err());
    }

    #[test]
    fn the_presets_are_the_documented_ones() {
        let (deck, zoo, sb3) = (PpoConfig::deck(), PpoConfig::zoo(), PpoConfig::sb3());
        assert_eq!(PpoConfig::default(), deck);
        assert_eq!((deck.n_envs, deck.n_steps, deck.learning_rate, deck.hidden.clone()), (4, 64, 2e-3, vec![32, 32]));
        assert_eq!((zoo.n_envs, zoo.n_steps, zoo.batch_size, zoo.n_epochs, zoo.gamma, zoo.gae_lambda), (8, 32, 256, 20, 0.98, 0.8));
        assert_eq!((sb3.n_steps, sb3.learning_rate, sb3.lr_linear_decay, sb3.gae_lambda, sb3.total_timesteps), (2048, 3e-4, false, 0.95, 200_000));
    }

    #[test]
    fn the_schema_describes_every_field_once() {
        let schema = PpoConfig::schema();
        let config = serde_json::to_value(PpoConfig::default()).unwrap();
        assert_eq!(schema.len(), config.as_object().unwrap().len());
        let lr = schema.iter().find(|f| f["name"] == "learning_rate").unwrap();
        assert_eq!(lr["kind"], "float");
        assert_eq!((lr["min"].as_f64(), lr["max"].as_f64(), lr["min_exclusive"].as_bool()), (Some(0.0), Some(1.0), Some(true)));
        assert_eq!(lr["default"], 2e-3);
        assert_eq!(lr["presets"]["zoo"], 1e-3);
        assert!(lr["doc"].as_str().unwrap().starts_with("Adam learning rate"));
        let hidden = schema.iter().find(|f| f["name"] == "hidden").unwrap();
        assert_eq!(hidden["presets"]["sb3"], serde_json::json!([64, 64]));
        for f in &schema {
            assert!(!f["doc"].as_str().unwrap().is_empty(), "{f}");
            assert_eq!(f["presets"].as_object().unwrap().len(), PpoConfig::PRESETS.len(), "{f}");
        }
    }

    #[test]
    fn overrides_are_parsed_by_kind_and_unknown_keys_named() {
        let set = |k: &str, v: &str| PpoConfig::deck().with_overrides(&[(k.to_string(), v.to_string())]);
        assert_eq!(set("n_epochs", "5").unwrap().n_epochs, 5);
        assert_eq!(set("hidden", "[16,16,16]").unwrap().hidden, vec![16, 16, 16]);
        assert!(!set("lr_linear_decay", "false").unwrap().lr_linear_decay);
        assert_eq!(set("learning_rate", "1e-4").unwrap().learning_rate, 1e-4);
        assert_eq!(set("n_epochs", "2.5").unwrap_err(), "n_epochs must be a whole number, got \"2.5\"");
        assert!(set("n_epoch", "5").unwrap_err().starts_with("unknown key \"n_epoch\"; known keys: n_envs, n_steps"));
    }
}
