//! TD prediction on Sutton & Barto's 5-state random walk (Example 6.2). (STUB: contract only.)

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// TD(0).
    Td0,
    /// Constant-α Monte Carlo.
    Mc,
    /// TD(λ) with accumulating traces (λ in the config).
    TdLambda,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub method: Method,
    pub alpha: f64,
    pub lambda: f64,
    pub episodes: usize,
    pub runs: usize,
    pub seed: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Curves {
    /// rms[k]: RMS error over A–E after k episodes, averaged over runs (episodes + 1 entries).
    pub rms: Vec<f64>,
    /// The five estimates at the end, averaged over runs.
    pub values: [f64; 5],
}

/// True values 1/6 … 5/6.
pub const TRUE_VALUES: [f64; 5] = [1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0, 4.0 / 6.0, 5.0 / 6.0];

pub fn td_random_walk(_config: &Config) -> Result<Curves, String> {
    todo!()
}
