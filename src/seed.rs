//! Fresh seeds, for the deck's "new seed" buttons: drawn from the platform's random source
//! (the OS natively; in the browser `crypto.getRandomValues`, through getrandom's `wasm_js`
//! backend) with rand's [`SysRng`]. The page shows the seed it got, so the run it starts can
//! be replayed; everything seeded stays on the core's own deterministic generators.

use rand::TryRng;
use rand::rngs::SysRng;

/// A seed in `0 ..= 2^32 - 1` (what the deck's seed fields take), or why there is none.
pub fn fresh() -> Result<u32, String> {
    SysRng.try_next_u32().map_err(|e| format!("no random source for a new seed: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fresh_seeds_differ() {
        // Four equal draws from a working 32-bit source: probability 2^-96.
        let seeds: Vec<u32> = (0..5).map(|_| super::fresh().unwrap()).collect();
        assert!(seeds.windows(2).any(|w| w[0] != w[1]), "{seeds:?}");
    }
}
