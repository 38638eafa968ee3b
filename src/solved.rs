//! When a training run counts as solved, for every algorithm. Two definitions:
//!
//! - **rolling**: the mean return of the last [`ROLLING_EPISODES`] training episodes reaches
//!   the env's reward threshold (the deck's and the bench's figure for PPO since the start).
//!   Training episodes include exploration (DQN's ε), so off-policy runs reach it late.
//! - **eval**: the first periodic greedy evaluation — every [`EVAL_EVERY_STEPS`] env steps,
//!   [`EVAL_EPISODES`] episodes, deterministic actions, on an env seeded apart from the
//!   training envs — whose mean reaches the threshold (rl-zoo's `EvalCallback` way).

use crate::evaluation::Evaluation;
use crate::learner::Learner;

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

/// A run's greedy evaluations (the race's definition of solved), for every algorithm: the
/// CLI's `--solved eval` and the deck's `trainer.evaluate_if_due()` both call this.
#[derive(Clone, Debug)]
pub struct GreedyEvaluations {
    schedule: EvalSchedule,
    /// The run's seed (the evaluation env is seeded [`eval_seed`] of it).
    seed: u64,
}

/// One greedy evaluation of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct GreedyEvaluation {
    /// Env steps trained when it ran.
    pub total_timesteps: u64,
    pub evaluation: Evaluation,
    /// Its mean reached the env's reward threshold.
    pub solved: bool,
}

impl GreedyEvaluations {
    pub fn new(seed: u64) -> GreedyEvaluations {
        GreedyEvaluations { schedule: EvalSchedule::default(), seed }
    }

    /// The greedy evaluation ([`EVAL_EPISODES`] episodes, deterministic actions, on the env
    /// seeded [`eval_seed`]) if one is due: `None` unless a multiple of [`EVAL_EVERY_STEPS`]
    /// was reached since the last one, and `None` in the middle of an iteration (an
    /// evaluation sees whole updates; the next call at an iteration's end runs it).
    pub fn evaluate_if_due(&mut self, learner: &dyn Learner) -> Option<GreedyEvaluation> {
        if !learner.at_iteration_start() || !self.schedule.due(learner.total_timesteps()) {
            return None;
        }
        let evaluation = learner.evaluate_greedy(EVAL_EPISODES, eval_seed(self.seed));
        let solved = evaluation.mean() >= learner.env_version().reward_threshold();
        Some(GreedyEvaluation { total_timesteps: learner.total_timesteps(), evaluation, solved })
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
