//! SB3's schedules: a hyperparameter given as a constant or as `lin_<x>` (rl-zoo), read from
//! `progress_remaining`, which goes from 1 at the start to 0 when the budget is spent.

/// SB3's `progress_remaining` after `num_timesteps` of `total_timesteps`.
pub fn progress_remaining(num_timesteps: u64, total_timesteps: u64) -> f64 {
    (1.0 - num_timesteps as f64 / total_timesteps as f64).max(0.0)
}

/// `initial`, or `initial · progress_remaining` when it decays linearly to 0.
pub fn linear(initial: f64, decays: bool, progress_remaining: f64) -> f64 {
    if decays { initial * progress_remaining } else { initial }
}

/// SB3's `LinearSchedule(initial, final, fraction)` (DQN's ε): from `initial` to `final` over
/// the first `fraction` of the budget, then `final`. Read from `progress_remaining` like the
/// others, so it runs over the whole budget, warm-up included.
pub fn linear_over_fraction(initial: f64, final_value: f64, fraction: f64, progress_remaining: f64) -> f64 {
    let done = 1.0 - progress_remaining;
    if done > fraction { final_value } else { initial + done * (final_value - initial) / fraction }
}
