//! SB3's `ReplayBuffer` (`handle_timeout_termination=True`): a ring of `rows × n_envs`
//! transitions, each storing termination apart from truncation so that a time-limit step
//! bootstraps from its real final observation.

use crate::agent::OBS_DIM;
use ndarray::{Array2, ArrayView1};
use rand::RngExt;
use rand::rngs::StdRng;

/// The ring buffer. Slot `(row, env)` is index `row·n_envs + env`.
pub struct ReplayBuffer {
    n_envs: usize,
    rows: usize,
    /// The row the next vector step is written to.
    pos: usize,
    full: bool,
    obs: Array2<f32>,
    /// The observation the step reached: the terminal one when the episode ended there
    /// (SB3's `infos["terminal_observation"]`), not the reset that followed.
    next_obs: Array2<f32>,
    actions: Vec<usize>,
    rewards: Vec<f32>,
    /// The pole fell or the cart left the track: nothing follows, no bootstrap.
    terminated: Vec<bool>,
    /// The time limit ended the episode (and it did not terminate): it bootstraps.
    truncated: Vec<bool>,
}

/// A sampled batch, in reused buffers.
#[derive(Default)]
pub struct Batch {
    pub obs: Array2<f32>,
    pub next_obs: Array2<f32>,
    pub actions: Vec<usize>,
    pub rewards: Vec<f32>,
    /// Only termination stops the bootstrap (SB3's `done · (1 − timeout)`).
    pub terminated: Vec<bool>,
}

impl ReplayBuffer {
    /// `rows` vector steps of `n_envs` transitions (SB3: `buffer_size // n_envs` rows).
    pub fn new(rows: usize, n_envs: usize) -> ReplayBuffer {
        let n = rows * n_envs;
        ReplayBuffer {
            n_envs,
            rows,
            pos: 0,
            full: false,
            obs: Array2::zeros((n, OBS_DIM)),
            next_obs: Array2::zeros((n, OBS_DIM)),
            actions: vec![0; n],
            rewards: vec![0.0; n],
            terminated: vec![false; n],
            truncated: vec![false; n],
        }
    }

    /// Rows filled so far.
    pub fn len(&self) -> usize {
        if self.full { self.rows } else { self.pos }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes env `e`'s transition into the current row; `truncated` counts only when the
    /// step did not also terminate (SB3's `TimeLimit.truncated`).
    #[allow(clippy::too_many_arguments)]
    pub fn put(&mut self, e: usize, obs: ArrayView1<f32>, next_obs: &[f32; OBS_DIM], action: usize, reward: f64, terminated: bool, truncated: bool) {
        let i = self.pos * self.n_envs + e;
        self.obs.row_mut(i).assign(&obs);
        self.next_obs.row_mut(i).assign(&ArrayView1::from(next_obs));
        self.actions[i] = action;
        self.rewards[i] = reward as f32;
        self.terminated[i] = terminated;
        self.truncated[i] = truncated && !terminated;
    }

    /// Moves to the next row once every env's transition of a vector step is in (a ring:
    /// the oldest row is overwritten next once full).
    pub fn advance(&mut self) {
        self.pos += 1;
        if self.pos == self.rows {
            self.full = true;
            self.pos = 0;
        }
    }

    /// Whether slot `(row, env)` was a time-limit truncation.
    pub fn is_truncated(&self, row: usize, e: usize) -> bool {
        self.truncated[row * self.n_envs + e]
    }

    /// `batch_size` transitions drawn uniformly with replacement: a row, then an env column
    /// (SB3's `randint(0, size)` and `randint(0, n_envs)`).
    pub fn sample(&self, batch_size: usize, rng: &mut StdRng, out: &mut Batch) {
        assert!(!self.is_empty(), "sampling an empty replay buffer");
        if out.obs.nrows() != batch_size {
            out.obs = Array2::zeros((batch_size, OBS_DIM));
            out.next_obs = Array2::zeros((batch_size, OBS_DIM));
        }
        out.actions.clear();
        out.rewards.clear();
        out.terminated.clear();
        let rows: Vec<usize> = (0..batch_size).map(|_| rng.random_range(0..self.len())).collect();
        for (k, row) in rows.into_iter().enumerate() {
            let i = row * self.n_envs + rng.random_range(0..self.n_envs);
            out.obs.row_mut(k).assign(&self.obs.row(i));
            out.next_obs.row_mut(k).assign(&self.next_obs.row(i));
            out.actions.push(self.actions[i]);
            out.rewards.push(self.rewards[i]);
            out.terminated.push(self.terminated[i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_ring_keeps_the_newest_rows_and_truncation_apart() {
        let mut rb = ReplayBuffer::new(3, 2);
        for step in 0..4 {
            for e in 0..2 {
                let o = [step as f32, e as f32, 0.0, 0.0];
                // Env 1's step 1 is a time limit; env 0's step 2 terminates and truncates at once.
                let (term, trunc) = match (step, e) {
                    (1, 1) => (false, true),
                    (2, 0) => (true, true),
                    _ => (false, false),
                };
                rb.put(e, ArrayView1::from(&o), &o, e, 1.0, term, trunc);
            }
            rb.advance();
        }
        assert_eq!(rb.len(), 3);
        // Row 0 now holds step 3 (the ring wrapped); rows 1 and 2 still hold steps 1 and 2.
        assert_eq!(rb.obs[[0, 0]], 3.0);
        assert!(rb.is_truncated(1, 1));
        assert!(!rb.is_truncated(2, 0), "a step that terminates is not a truncation");
        assert!(rb.terminated[2 * 2]);
        let mut batch = Batch::default();
        rb.sample(50, &mut StdRng::seed_from_u64(0), &mut batch);
        assert!(batch.obs.column(0).iter().all(|&s| (1.0..=3.0).contains(&s)));
        assert!(batch.actions.contains(&0) && batch.actions.contains(&1));
    }
}
