//! When a training run counts as solved, for every algorithm. Two definitions:
//!
//! - **rolling**: the mean return of the last [`ROLLING_EPISODES`] training episodes reaches
//!   the env's reward threshold (the deck's and the bench's figure for PPO since the start).
//!   Training episodes include exploration (DQN's ε), so off-policy runs reach it late.
//! - **eval**: the first periodic greedy evaluation — every [`EVAL_EVERY_STEPS`] env steps,
//!   [`EVAL_EPISODES`] episodes, deterministic actions, on an env seeded apart from the
//!   training envs — whose mean reaches the threshold (rl-zoo's `EvalCallback` way).

/// Training episodes the rolling mean is taken over.
pub const ROLLING_EPISODES: usize = 20;
/// Env steps between two greedy evaluations.
pub const EVAL_EVERY_STEPS: u64 = 2048;
/// Episodes per greedy evaluation.
pub const EVAL_EPISODES: usize = 10;

/// The seed of the evaluation env of a run: index 999 of the run's block of env seeds
/// (training env `i` is seeded `seed·1000 + i`, with at most 64 envs).
pub fn eval_seed(seed: u64) -> u64 {
    seed.wrapping_mul(1000).wrapping_add(999)
}

/// When the next greedy evaluation is due.
#[derive(Clone, Debug)]
pub struct EvalSchedule {
    next_at: u64,
}

impl Default for EvalSchedule {
    fn default() -> EvalSchedule {
        EvalSchedule { next_at: EVAL_EVERY_STEPS }
    }
}

impl EvalSchedule {
    /// True once per multiple of [`EVAL_EVERY_STEPS`] that `total_timesteps` has reached
    /// (an iteration that crosses several gives one evaluation).
    pub fn due(&mut self, total_timesteps: u64) -> bool {
        if total_timesteps < self.next_at {
            return false;
        }
        self.next_at = (total_timesteps / EVAL_EVERY_STEPS + 1) * EVAL_EVERY_STEPS;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluations_fall_due_once_per_2048_steps() {
        let mut s = EvalSchedule::default();
        let due: Vec<u64> = (1..=40).map(|k| k * 256).filter(|&t| s.due(t)).collect();
        assert_eq!(due, [2048, 4096, 6144, 8192, 10240]);
        let mut s = EvalSchedule::default();
        assert!(!s.due(2047) && s.due(5000) && !s.due(6000) && s.due(6144));
        assert_ne!(eval_seed(0), 0);
        assert!((0..64).all(|i| eval_seed(1) != 1000 + i));
    }
}
