//! DQN's hyperparameters, declared once each (columns: deck, zoo, sb3); see
//! [`crate::ppo::config`] for what follows from a declaration.
//!
//! - **deck** (the default): the zoo's with a 64-64 Q-network instead of 256-256 (about 1/15
//!   of the multiply-adds per gradient step): by greedy evaluation ([`crate::solved`]) 10/10
//!   seeds solved, median ≈ 20k steps natively (SB3's zoo: 26.6k). By the rolling-20 mean of
//!   training episodes (ε-greedy, 0.04 at the end) neither it nor the zoo preset solves
//!   within 50k steps, and trained on to 50k its greedy policy falls back (the zoo's mostly
//!   does not). `docs/a2c_dqn.md` has the sweep.
//! - **zoo**: rl-baselines3-zoo's CartPole-v1 entry ("Almost Tuned"): lr 2.3e-3, batch 64,
//!   buffer 100k, learning_starts 1000, target every 10 steps, 256 steps then 128 gradient
//!   steps, ε 1 → 0.04 over the first 16 %, a 256-256 network, 50k steps.
//! - **sb3**: stable-baselines3's `DQN('MlpPolicy', env)` defaults.

use crate::schema::{Kind, declare_config};

declare_config! {
    /// DQN hyperparameters. `Default` is the deck's preset.
    pub struct DqnConfig;
    presets {
        /// The deck's default (see the module doc).
        deck,
        /// rl-baselines3-zoo's CartPole-v1.
        zoo,
        /// stable-baselines3's defaults.
        sb3,
    }
    fields {
        //                                                                deck   zoo    sb3
        /// Parallel environments stepped in lockstep (SB3 `n_envs`).
        n_envs: usize = Kind::Int { min: 1, max: 64 }, [1, 1, 1];
        /// Adam learning rate (constant).
        learning_rate: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: true }, [2.3e-3, 2.3e-3, 1e-4];
        /// Transitions the replay buffer holds before the oldest are overwritten.
        buffer_size: usize = Kind::Int { min: 1, max: 10_000_000 }, [100_000, 100_000, 1_000_000];
        /// Environment steps of uniformly random actions before the first gradient step.
        learning_starts: u64 = Kind::Int { min: 0, max: 10_000_000 }, [1000, 1000, 100];
        /// Transitions sampled (with replacement) for each gradient step.
        batch_size: usize = Kind::Int { min: 1, max: 4096 }, [64, 64, 32];
        /// Discount factor γ.
        gamma: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.99, 0.99, 0.99];
        /// Vector steps (`env.step()` calls) collected between two trainings.
        train_freq: usize = Kind::Int { min: 1, max: 100_000 }, [256, 256, 4];
        /// Gradient steps per training (SB3's −1, "as many as transitions collected", is
        /// train_freq × n_envs here).
        gradient_steps: usize = Kind::Int { min: 1, max: 100_000 }, [128, 128, 1];
        /// Environment steps (over all envs) between hard copies of the Q-network into the
        /// target network.
        target_update_interval: u64 = Kind::Int { min: 1, max: 10_000_000 }, [10, 10, 10_000];
        /// Fraction of the budget over which ε falls from its initial to its final value.
        exploration_fraction: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: true }, [0.16, 0.16, 0.1];
        /// ε at the start: the chance of a random action.
        exploration_initial_eps: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [1.0, 1.0, 1.0];
        /// ε once `exploration_fraction` of the budget is spent.
        exploration_final_eps: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.04, 0.04, 0.05];
        /// Gradient-norm clipping threshold.
        max_grad_norm: f64 = Kind::Float { min: 0.0, max: 1e6, min_open: true }, [10.0, 10.0, 10.0];
        /// Hidden layer widths of the Q-network (ReLU).
        hidden: Vec<usize> = Kind::Layers { min_len: 1, max_len: 4, min: 1, max: 512 }, [vec![64, 64], vec![256, 256], vec![64, 64]];
        /// Training budget; ε's schedule is a fraction of it (at least one collection).
        total_timesteps: u64 = Kind::Int { min: 1, max: 10_000_000 }, [50_000, 50_000, 100_000];
        /// SB3's `learn(log_interval)`: a table every this many finished episodes.
        log_interval: u64 = Kind::Int { min: 1, max: 1_000_000 }, [4, 4, 4];
    }
}

impl DqnConfig {
    /// Checks every field, then the limits that tie fields together.
    pub fn validate(&self) -> Result<(), String> {
        self.check_fields()?;
        let collect = (self.train_freq * self.n_envs) as u64;
        if self.total_timesteps < collect {
            return Err(format!(
                "total_timesteps = {} is outside {collect}..=10000000 (at least train_freq × n_envs)",
                self.total_timesteps
            ));
        }
        if self.buffer_size < self.n_envs {
            return Err(format!("buffer_size = {} is outside {}..=10000000 (a row per env)", self.buffer_size, self.n_envs));
        }
        Ok(())
    }

    /// How many vector steps apart the target network is copied: SB3's
    /// `max(target_update_interval // n_envs, 1)`.
    pub fn target_update_every(&self) -> u64 {
        (self.target_update_interval / self.n_envs as u64).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_validate_and_are_the_documented_ones() {
        for name in DqnConfig::PRESETS {
            DqnConfig::preset(name).unwrap().validate().unwrap();
        }
        let (deck, zoo, sb3) = (DqnConfig::deck(), DqnConfig::zoo(), DqnConfig::sb3());
        assert_eq!(DqnConfig::default(), deck);
        assert_eq!(DqnConfig { hidden: vec![256, 256], ..deck }, zoo);
        assert_eq!((zoo.learning_rate, zoo.batch_size, zoo.buffer_size, zoo.learning_starts), (2.3e-3, 64, 100_000, 1000));
        assert_eq!((zoo.target_update_interval, zoo.train_freq, zoo.gradient_steps), (10, 256, 128));
        assert_eq!((zoo.exploration_fraction, zoo.exploration_final_eps, zoo.hidden.clone()), (0.16, 0.04, vec![256, 256]));
        assert_eq!((sb3.learning_rate, sb3.learning_starts, sb3.batch_size, sb3.train_freq, sb3.gradient_steps), (1e-4, 100, 32, 4, 1));
        assert_eq!((sb3.target_update_interval, sb3.exploration_fraction, sb3.exploration_final_eps), (10_000, 0.1, 0.05));
        let bad = DqnConfig { total_timesteps: 100, ..DqnConfig::zoo() };
        assert_eq!(bad.validate().unwrap_err(), "total_timesteps = 100 is outside 256..=10000000 (at least train_freq × n_envs)");
        assert_eq!(DqnConfig::schema().len(), DqnConfig::FIELDS.len());
    }

    #[test]
    fn the_target_interval_is_divided_by_n_envs() {
        assert_eq!(DqnConfig { n_envs: 4, target_update_interval: 10, ..DqnConfig::zoo() }.target_update_every(), 2);
        assert_eq!(DqnConfig { n_envs: 16, target_update_interval: 10, ..DqnConfig::zoo() }.target_update_every(), 1);
    }
}
