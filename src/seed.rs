//! Seeds: fresh ones for the deck's "new seed" buttons, and the per-run seeds of an
//! experiment that averages many independent runs.
//!
//! Fresh seeds are drawn from the platform's random source (the OS natively; in the browser
//! `crypto.getRandomValues`, through getrandom's `wasm_js` backend) with rand's [`SysRng`].
//! The page shows the seed it got, so the run it starts can be replayed; everything seeded
//! stays on the core's own deterministic generators.

use rand::TryRng;
use rand::rngs::SysRng;

/// A seed in `0 ..= 2^32 - 1` (what the deck's seed fields take), or why there is none.
pub fn fresh() -> Result<u32, String> {
    SysRng.try_next_u32().map_err(|e| format!("no random source for a new seed: {e}"))
}

/// The seed of run `run` of an experiment seeded with `seed` (the TD and bandit testbeds).
///
/// Run 0 uses `seed` itself, so a single learner built with the experiment's seed replays its
/// first run; later runs step through a Weyl sequence (the golden-ratio increment), so no two
/// runs of nearby experiment seeds share a stream.
pub fn run_seed(seed: u64, run: usize) -> u64 {
    seed.wrapping_add((run as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

#[cfg(test)]
mod tests {
    #[test]
    fn run_zero_is_the_experiment_seed_and_runs_differ() {
        assert_eq!(super::run_seed(42, 0), 42);
        assert_ne!(super::run_seed(42, 1), super::run_seed(43, 1));
        assert_eq!(super::run_seed(u64::MAX, 1), 0x9E37_79B9_7F4A_7C14);
    }

    #[test]
    fn fresh_seeds_differ() {
        // Four equal draws from a working 32-bit source: probability 2^-96.
        let seeds: Vec<u32> = (0..5).map(|_| super::fresh().unwrap()).collect();
        assert!(seeds.windows(2).any(|w| w[0] != w[1]), "{seeds:?}");
    }
}
