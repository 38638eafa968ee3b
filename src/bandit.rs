//! The k-armed bandit testbed with ε-greedy (Sutton & Barto §2.3). (STUB: contract only.)

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub arms: usize,
    pub epsilon: f64,
    pub steps: usize,
    pub runs: usize,
    pub seed: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Curves {
    /// Average reward at each step, over runs.
    pub avg_reward: Vec<f64>,
    /// Fraction of runs that picked the best arm at each step.
    pub optimal: Vec<f64>,
}

pub fn bandit_testbed(_config: &Config) -> Result<Curves, String> {
    todo!()
}
