//! Rough native throughput of `CartPole::step` (not a test; numbers vary with load).
//!
//! `cargo run --release --example cartpole_bench`

use rl_live::cartpole::{CartPole, Version};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut env = CartPole::new(Version::V1, 0);
    env.reset();
    let n: u64 = 10_000_000;
    let (mut episodes, mut reward) = (0u64, 0.0f64);
    let start = Instant::now();
    for i in 0..n {
        // A cheap pseudo-random action so the branch predictor cannot learn the sequence.
        let action = ((i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 63) & 1) as usize;
        let s = env.step(black_box(action));
        reward += s.reward;
        if s.terminated || s.truncated {
            env.reset();
            episodes += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} steps in {secs:.3} s: {:.1} ns/step ({episodes} episodes, mean return {:.2})",
        secs * 1e9 / n as f64,
        reward / episodes.max(1) as f64
    );

    // For scale: the sin + cos every step needs, alone, on similar angles.
    let start = Instant::now();
    let mut acc = 0.0f64;
    for i in 0..n {
        let theta = black_box((i % 1000) as f64 * 4e-4 - 0.2);
        acc += theta.sin() + theta.cos();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "sin + cos alone: {:.1} ns ({acc:.3})",
        secs * 1e9 / n as f64
    );
}
