//! Finished training episodes and SB3's `rollout/ep_rew_mean` / `ep_len_mean` (the mean over
//! the last 100, its `ep_info_buffer`), for any algorithm that steps a vector of envs.

use serde::Serialize;
use std::collections::VecDeque;

/// A finished training episode.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Episode {
    pub ret: f64,
    pub len: u32,
    /// Total timesteps when it finished.
    pub at_step: u64,
}

/// The episodes running in each env and every one finished so far.
#[derive(Clone, Debug)]
pub struct EpisodeStats {
    running_return: Vec<f64>,
    running_len: Vec<u32>,
    finished: Vec<Episode>,
    /// The last 100 finished (SB3's `ep_info_buffer`).
    recent: VecDeque<Episode>,
}

impl EpisodeStats {
    pub fn new(n_envs: usize) -> EpisodeStats {
        EpisodeStats {
            running_return: vec![0.0; n_envs],
            running_len: vec![0; n_envs],
            finished: Vec::new(),
            recent: VecDeque::with_capacity(100),
        }
    }

    /// One step of env `e`; `at_step` is the total timesteps counted once this step is done.
    pub fn record(&mut self, e: usize, reward: f64, done: bool, at_step: u64) {
        self.running_return[e] += reward;
        self.running_len[e] += 1;
        if !done {
            return;
        }
        let ep = Episode { ret: self.running_return[e], len: self.running_len[e], at_step };
        self.finished.push(ep);
        if self.recent.len() == 100 {
            self.recent.pop_front();
        }
        self.recent.push_back(ep);
        self.running_return[e] = 0.0;
        self.running_len[e] = 0;
    }

    /// Every finished episode, in order.
    pub fn finished(&self) -> &[Episode] {
        &self.finished
    }

    /// rollout/ep_rew_mean: mean return of the last ≤ 100 finished episodes (NaN before any).
    pub fn ep_rew_mean(&self) -> f64 {
        self.recent.iter().map(|e| e.ret).sum::<f64>() / self.recent.len() as f64
    }

    /// rollout/ep_len_mean: mean length of the last ≤ 100 finished episodes (NaN before any).
    pub fn ep_len_mean(&self) -> f64 {
        self.recent.iter().map(|e| e.len as f64).sum::<f64>() / self.recent.len() as f64
    }

    /// Mean return of the last `n` finished episodes, if there are `n`.
    pub fn rolling_return(&self, n: usize) -> Option<f64> {
        let k = self.finished.len();
        (k >= n && n > 0).then(|| self.finished[k - n..].iter().map(|e| e.ret).sum::<f64>() / n as f64)
    }
}
