//! SB3's schedules: a hyperparameter given as a constant or as `lin_<x>` (rl-zoo), read from
//! `progress_remaining`, which goes from 1 at the start to 0 when the budget is spent.

/// SB3's `progress_remaining` after `num_timesteps` of `total_timesteps`.
pub fn progress_remaining(num_timesteps: u64, total_timesteps: u64) -> f64 {
    (1.0 - num_timesteps as f64 / total_timesteps as f64).max(0.0)
}

/// `initial`, or `initial · progress_remaining` when it decays linearly to 0 (rl-zoo's `lin_x`,
/// PPO's learning rate and clip range).
pub fn linear(initial: f64, decays: bool, progress_remaining: f64) -> f64 {
    if decays { initial * progress_remaining } else { initial }
}

/// SB3's `get_linear_fn(start, end, end_fraction)`: from `start` to `end` over the first
/// `end_fraction` of the budget, then `end` (DQN's exploration rate).
pub fn linear_between(start: f64, end: f64, end_fraction: f64, progress_remaining: f64) -> f64 {
    let done = 1.0 - progress_remaining;
    if done > end_fraction { end } else { start + done * (end - start) / end_fraction }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_sb3s() {
        assert_eq!(progress_remaining(0, 100), 1.0);
        assert_eq!(progress_remaining(25, 100), 0.75);
        assert_eq!(progress_remaining(150, 100), 0.0);
        assert_eq!(linear(2e-3, false, 0.25), 2e-3);
        assert_eq!(linear(2e-3, true, 0.25), 5e-4);
        // ε from 1 to 0.05 over the first 10 % of the budget (SB3's DQN defaults).
        assert_eq!(linear_between(1.0, 0.05, 0.1, 1.0), 1.0);
        assert!((linear_between(1.0, 0.05, 0.1, 0.95) - 0.525).abs() < 1e-12);
        assert_eq!(linear_between(1.0, 0.05, 0.1, 0.5), 0.05);
    }
}
