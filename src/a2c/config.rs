//! A2C's hyperparameters, declared once each (columns: deck, zoo, sb3); see
//! [`crate::ppo::config`] for what follows from a declaration.
//!
//! - **deck** (the default): the zoo's with a learning rate of 2e-3 (not 7e-4) and γ = 0.98
//!   (not 0.99): 10/10 seeds solved (rolling-20 ≥ 475), median ≈ 35k steps natively, against
//!   ≈ 105k for the zoo preset; `docs/a2c_dqn.md` has the sweep.
//! - **zoo**: rl-baselines3-zoo's CartPole-v1 entry: 8 envs, ent_coef 0, the rest SB3's
//!   defaults (5 steps each: 40 transitions per update), 500k steps.
//! - **sb3**: stable-baselines3's `A2C('MlpPolicy', env)` defaults.

use crate::schema::{Kind, declare_config};

declare_config! {
    /// A2C hyperparameters. `Default` is the deck's preset.
    pub struct A2cConfig;
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
        n_envs: usize = Kind::Int { min: 1, max: 64 }, [8, 8, 1];
        /// Steps per environment per rollout; each rollout is one gradient step.
        n_steps: usize = Kind::Int { min: 1, max: 8192 }, [5, 5, 5];
        /// RMSprop learning rate (the initial one when `lr_linear_decay`).
        learning_rate: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: true }, [2e-3, 7e-4, 7e-4];
        /// Anneal the learning rate linearly to 0 over `total_timesteps`.
        lr_linear_decay: bool = Kind::Bool, [false, false, false];
        /// Discount factor γ.
        gamma: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.98, 0.99, 0.99];
        /// GAE λ (SB3's A2C: 1, the n-step return with bootstrap).
        gae_lambda: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [1.0, 1.0, 1.0];
        /// Weight of the entropy bonus in the loss.
        ent_coef: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: false }, [0.0, 0.0, 0.0];
        /// Weight of the value loss in the loss.
        vf_coef: f64 = Kind::Float { min: 0.0, max: 10.0, min_open: false }, [0.5, 0.5, 0.5];
        /// Global gradient-norm clipping threshold (over actor and critic together).
        max_grad_norm: f64 = Kind::Float { min: 0.0, max: 1e6, min_open: true }, [0.5, 0.5, 0.5];
        /// RMSprop's ε, added outside the square root (PyTorch's RMSprop).
        rms_prop_eps: f64 = Kind::Float { min: 0.0, max: 1.0, min_open: true }, [1e-5, 1e-5, 1e-5];
        /// Normalise the advantages over each rollout (SB3's default: no).
        normalize_advantage: bool = Kind::Bool, [false, false, false];
        /// Hidden layer widths, the same for actor and critic (SB3: [64, 64]).
        hidden: Vec<usize> = Kind::Layers { min_len: 1, max_len: 4, min: 1, max: 512 }, [vec![64, 64], vec![64, 64], vec![64, 64]];
        /// Training budget (at least one rollout).
        total_timesteps: u64 = Kind::Int { min: 1, max: 10_000_000 }, [100_000, 500_000, 500_000];
        /// SB3's `learn(log_interval)`: a table every this many iterations.
        log_interval: u64 = Kind::Int { min: 1, max: 1_000_000 }, [100, 100, 100];
    }
}

impl A2cConfig {
    /// Transitions per rollout (and per gradient step).
    pub fn rollout_size(&self) -> usize {
        self.n_envs * self.n_steps
    }

    /// Checks every field, then the limits that tie fields together.
    pub fn validate(&self) -> Result<(), String> {
        self.check_fields()?;
        crate::rollout::check_rollout(self.n_envs, self.n_steps, self.total_timesteps)?;
        if self.normalize_advantage && self.rollout_size() < 2 {
            return Err("normalize_advantage needs n_envs × n_steps ≥ 2".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_validate_and_are_the_documented_ones() {
        for name in A2cConfig::PRESETS {
            A2cConfig::preset(name).unwrap().validate().unwrap();
        }
        let (deck, zoo, sb3) = (A2cConfig::deck(), A2cConfig::zoo(), A2cConfig::sb3());
        assert_eq!(A2cConfig::default(), deck);
        assert_eq!((deck.n_envs, deck.learning_rate, deck.gamma, deck.gae_lambda), (8, 2e-3, 0.98, 1.0));
        assert_eq!((zoo.n_envs, zoo.ent_coef, zoo.n_steps, zoo.learning_rate), (8, 0.0, 5, 7e-4));
        assert_eq!((sb3.n_envs, sb3.gae_lambda, sb3.vf_coef, sb3.max_grad_norm, sb3.rms_prop_eps), (1, 1.0, 0.5, 0.5, 1e-5));
        assert!(!sb3.normalize_advantage && sb3.log_interval == 100);
        let bad = A2cConfig { total_timesteps: 10, ..A2cConfig::zoo() };
        assert_eq!(bad.validate().unwrap_err(), "total_timesteps = 10 is outside 40..=10000000 (at least one rollout)");
    }
}
