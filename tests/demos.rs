//! The small demos through their public API, as the deck uses them, plus the figures the
//! talk quotes. `cargo test --test demos -- --nocapture` prints the measured figures.

use std::time::Instant;

use rl_live::fib::Natural;
use rl_live::{bandit, fib, td};

#[test]
fn fibonacci_as_the_talk_shows_it() {
    let naive = fib::fib_naive(35).unwrap();
    assert_eq!(naive.value, Natural::from(5_702_887));
    assert_eq!(naive.calls, 18_454_929);

    let dp = fib::fib_dp(50).unwrap();
    assert_eq!(dp.value, Natural::from(7_778_742_049));
    assert_eq!(dp.table.len(), 50);
    assert_eq!(dp.table[..4], [0u64, 1, 1, 2].map(Natural::from));
    assert_eq!(
        dp.table[48..],
        [4_807_526_976u64, 7_778_742_049].map(Natural::from)
    );

    assert_eq!(
        fib::fib_dp(100).unwrap().value.to_string(),
        "218922995834555169026"
    );
    for n in [0, -3] {
        assert!(fib::fib_naive(n).unwrap_err().contains("Incorrect input"));
        assert!(fib::fib_dp(n).unwrap_err().contains("Incorrect input"));
    }
    let e = fib::fib_naive(60).unwrap_err();
    println!("fib_naive(60): {e}");
    assert!(e.contains(&format!("n ≤ {}", fib::NAIVE_MAX_N)));
    assert!(fib::fib_dp(fib::DP_MAX_N + 1).is_err());

    let t = Instant::now();
    let limit = fib::fib_naive(fib::NAIVE_MAX_N).unwrap();
    println!(
        "fib_naive({}) = {} with {} calls in {:.3} s",
        fib::NAIVE_MAX_N,
        limit.value,
        limit.calls,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    fib::fib_dp(10_000).unwrap();
    println!("fib_dp(10000) in {:.4} s", t.elapsed().as_secs_f64());
}

#[test]
fn td_beats_monte_carlo_on_the_random_walk() {
    let run = |method, alpha| {
        td::td_random_walk(&td::Config {
            method,
            alpha,
            lambda: 0.0,
            episodes: 100,
            runs: 100,
            seed: 2024,
        })
        .unwrap()
    };
    let td0 = run(td::Method::Td0, 0.1);
    let mc = run(td::Method::Mc, 0.02);
    println!(
        "RMS after 100 episodes (100 runs): TD(0) α=0.1 {:.4}, MC α=0.02 {:.4}",
        td0.rms[100], mc.rms[100]
    );
    assert_eq!(td0.rms.len(), 101);
    assert!(td0.rms[100] < mc.rms[100]);
    for (label, method, alpha) in [
        ("TD(0) α=0.05", td::Method::Td0, 0.05),
        ("TD(0) α=0.15", td::Method::Td0, 0.15),
        ("MC α=0.01", td::Method::Mc, 0.01),
        ("MC α=0.03", td::Method::Mc, 0.03),
        ("MC α=0.04", td::Method::Mc, 0.04),
    ] {
        println!("  {label}: {:.4}", run(method, alpha).rms[100]);
    }
}

#[test]
fn epsilon_greedy_explores_its_way_to_the_best_arm() {
    let run = |epsilon| {
        let cfg = bandit::Config {
            arms: 10,
            epsilon,
            steps: 1000,
            runs: 2000,
            seed: 2024,
        };
        let t = Instant::now();
        let curves = bandit::bandit_testbed(&cfg).unwrap();
        (curves, t.elapsed().as_secs_f64())
    };
    let (greedy, secs) = run(0.0);
    let (small, _) = run(0.01);
    let (eps, _) = run(0.1);
    let last50 = |xs: &[f64]| xs[950..].iter().sum::<f64>() / 50.0;
    for (label, c) in [("ε=0", &greedy), ("ε=0.01", &small), ("ε=0.1", &eps)] {
        println!(
            "{label}: optimal at step 1000 {:.3} (last 50: {:.3}), reward at step 1000 {:.3} (last 50: {:.3})",
            c.optimal[999],
            last50(&c.optimal),
            c.avg_reward[999],
            last50(&c.avg_reward)
        );
    }
    println!("2000 runs × 1000 steps: {secs:.3} s");
    // The acceptance criterion is step 1000 itself.
    assert!(eps.optimal[999] > greedy.optimal[999]);
    assert!(eps.avg_reward[999] > greedy.avg_reward[999]);
    assert!(eps.optimal[999] > small.optimal[999]);
}

/// The TD and bandit slides' default runs, as the slides drive the engines (`RandomWalk`
/// stepped a move at a time, `Bandit` advanced ten steps at a time): TD ends within 0.1 of
/// 1/6 … 5/6, and ε = 0.1 ends above greedy. The browser tests (`tests/deck.rs`) check the
/// same on the slides.
#[test]
fn the_td_and_bandit_slides_default_runs() {
    let l = td::Learner::default();
    let mut walk = td::RandomWalk::new(l.method, l.alpha, l.lambda, td::DECK_SEED).unwrap();
    while walk.episodes() < td::DECK_EPISODES {
        walk.step();
    }
    let v = walk.values();
    println!("TD(0) α = {} on seed {} after {} episodes: {v:.3?}", l.alpha, td::DECK_SEED, td::DECK_EPISODES);
    assert!(v.iter().zip(td::TRUE_VALUES).all(|(v, t)| (v - t).abs() <= 0.1), "{v:?}");

    let end = |epsilon| {
        let mut b = bandit::Testbed::new(&bandit::Config { epsilon, ..bandit::Config::default() }).unwrap();
        while !b.is_done() {
            b.advance(10);
        }
        let c = b.curves();
        (c.optimal[999], c.avg_reward[950..].iter().sum::<f64>() / 50.0)
    };
    let (greedy, eps) = (end(0.0), end(0.1));
    println!("bandit at step 1000 (best arm, reward of the last 50): greedy {greedy:.3?}, ε = 0.1 {eps:.3?}");
    assert!(eps.0 > greedy.0 && eps.1 > greedy.1);
}
