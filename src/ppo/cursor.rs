//! The same iteration as [`Ppo::train_iteration`], in slices: a caller that must stay
//! responsive (the deck's worker) runs one slice per turn of its event loop, pauses within
//! milliseconds, and shows the phase that really runs. Each slice calls the same helpers in
//! the same order, so both paths give the same bits (tests/ppo.rs pins it).

use super::{Metrics, Ppo, Update};
use crate::learner::PhaseLine;

/// The phase of an iteration that the next [`Ppo::step_phase`] call works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Collecting the rollout (in chunks of about [`ROLLOUT_CHUNK_STEPS`] env steps).
    Rollout,
    /// GAE: advantages and returns over the finished rollout (one call).
    Advantages,
    /// The clipped update (one call per epoch).
    Update,
}

impl Phase {
    /// Every phase, in the order an iteration runs them.
    pub const ALL: [Phase; 3] = [Phase::Rollout, Phase::Advantages, Phase::Update];

    /// "rollout", "advantages" or "update" (the names the page shows and matches).
    pub fn name(self) -> &'static str {
        PHASES[self as usize].0
    }

    /// The phase as a line of PPO's pseudocode (the training slide shows the loop with the
    /// running line highlighted).
    pub fn pseudocode(self) -> &'static str {
        PHASES[self as usize].1
    }
}

/// Each phase's name and line of pseudocode, in the order of [`Phase::ALL`].
pub const PHASES: [PhaseLine; 3] = [
    ("rollout", "collect n_steps × n_envs steps with the current policy π_θ"),
    ("advantages", "compute advantages Â with GAE(γ, λ) and returns R = Â + V(s)"),
    ("update", "for n_epochs: for each minibatch: step on the clipped loss"),
];

/// Env steps (over all envs) one [`Ppo::step_phase`] call collects at most, so that a caller
/// that yields between calls can pause within a few milliseconds.
pub const ROLLOUT_CHUNK_STEPS: usize = 512;

/// Where an iteration stands between [`Ppo::step_phase`] calls.
pub(super) enum Cursor {
    Rollout { t: usize },
    Advantages,
    Update { epoch: usize, update: Update },
}

impl Cursor {
    pub(super) const START: Cursor = Cursor::Rollout { t: 0 };

    pub(super) fn at_start(&self) -> bool {
        matches!(self, Cursor::Rollout { t: 0 })
    }
}

impl Ppo {
    /// No iteration is half done.
    pub fn at_iteration_start(&self) -> bool {
        self.cursor.at_start()
    }

    /// The phase the next [`Ppo::step_phase`] call works on.
    pub fn phase(&self) -> Phase {
        match self.cursor {
            Cursor::Rollout { .. } => Phase::Rollout,
            Cursor::Advantages => Phase::Advantages,
            Cursor::Update { .. } => Phase::Update,
        }
    }

    /// One slice of an iteration: a chunk of the rollout, the advantages, or one update
    /// epoch. Returns the metrics when this call finished an iteration.
    pub fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> Option<&Metrics> {
        match std::mem::replace(&mut self.cursor, Cursor::START) {
            Cursor::Rollout { t } => {
                let chunk = (ROLLOUT_CHUNK_STEPS / self.config.n_envs).max(1);
                let end = (t + chunk).min(self.config.n_steps);
                self.collect_rollout(t, end);
                self.cursor = if end == self.config.n_steps { Cursor::Advantages } else { Cursor::Rollout { t: end } };
                None
            }
            Cursor::Advantages => {
                self.compute_advantages();
                self.cursor = Cursor::Update { epoch: 0, update: self.start_update() };
                None
            }
            Cursor::Update { epoch, mut update } => {
                self.update_epoch(&mut update);
                if epoch + 1 < self.config.n_epochs {
                    self.cursor = Cursor::Update { epoch: epoch + 1, update };
                    return None;
                }
                Some(self.finish_iteration(&update, clock))
            }
        }
    }
}
