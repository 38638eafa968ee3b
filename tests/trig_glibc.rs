//! `cartpole::trig::sin_cos` against glibc's `sin`/`cos` (what Gymnasium uses through Python)
//! on 10.5 million arguments, with an exact referee for every disagreement.
//!
//! glibc's `sin`/`cos` are NOT correctly rounded: its source (`sysdeps/ieee754/dbl-64/s_sin.c`)
//! states a maximum error of 0.518 ULP, and on these arguments it misrounds about 0.3 % of
//! them (glibc 2.36, x86_64). `sin_cos` is correctly rounded, so it agrees with glibc
//! everywhere else. Every disagreement is settled with a 320-bit fixed-point evaluation
//! (num-bigint, π from Machin's formula): the test passes only if `sin_cos` is the nearest
//! double every time. A sample of agreements is checked the same way. Linux/glibc only, as it
//! needs Rust's `f64::sin` to be glibc's.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use rl_live::cartpole::trig::{SIN_COS_EXACT_LIMIT, sin_cos};

// ---------------------------------------------------------------------------------------
// Exact referee: fixed point with P fractional bits.

const P: u32 = 320;

/// `atan(1/m)·2^g`, truncated (error a few units of 2^-g).
fn atan_inv(m: u64, g: u32) -> BigInt {
    let m2 = BigInt::from(m * m);
    let mut power = (BigInt::from(1) << g) / m; // 1/m^(2n+1)
    let mut sum = power.clone();
    let mut n = 1u64;
    loop {
        power /= &m2;
        if power.is_zero() {
            return sum;
        }
        let term = &power / (2 * n + 1);
        if n % 2 == 1 {
            sum -= term;
        } else {
            sum += term;
        }
        n += 1;
    }
}

/// π/2 · 2^P (Machin: π = 16·atan(1/5) − 4·atan(1/239)), with 64 guard bits dropped.
fn half_pi() -> BigInt {
    let g = P + 64;
    let pi = atan_inv(5, g) * 16 - atan_inv(239, g) * 4;
    pi >> (65)
}

/// A finite f64 as an exact fixed-point integer (panics if it has bits below 2^-P).
fn fixed(x: f64) -> BigInt {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let (mant, e) = if exp == 0 {
        (bits & ((1 << 52) - 1), -1074)
    } else {
        ((bits & ((1 << 52) - 1)) | (1 << 52), exp - 1075)
    };
    let shift = e + P as i32;
    assert!(
        shift >= 0 || mant.trailing_zeros() as i32 >= -shift,
        "{x:e} too small"
    );
    let v = if shift >= 0 {
        BigInt::from(mant) << shift as u32
    } else {
        BigInt::from(mant >> (-shift) as u32)
    };
    if x < 0.0 { -v } else { v }
}

/// `(sin x, cos x)·2^P` to within ~2^-300 for 2^-60 ≤ |x| ≤ 1e5.
fn reference(x: f64, half_pi: &BigInt) -> (BigInt, BigInt) {
    let xf = fixed(x);
    // Any k near x/(π/2) works; the series below converges for |r| ≤ 1.
    let k = (x * std::f64::consts::FRAC_2_PI).round() as i64;
    let r = &xf - half_pi * k;
    let one = BigInt::from(1) << P;
    let r2 = (&r * &r) >> P;
    let series = |mut term: BigInt, mut n: u64| {
        let mut sum = BigInt::zero();
        while !term.is_zero() {
            sum += &term;
            term = -((term * &r2) >> P) / ((n + 1) * (n + 2));
            n += 2;
        }
        sum
    };
    let (s, c) = (series(r.clone(), 1), series(one, 0));
    match k.rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// True if `y` is the double nearest to the exact value `t` (strictly nearer than both
/// neighbours; with ~2^-300 error in `t` a tie cannot be decided, so it fails).
fn is_nearest(y: f64, t: &BigInt) -> bool {
    let d = (fixed(y) - t).abs();
    [y.next_up(), y.next_down()]
        .iter()
        .all(|&n| (fixed(n) - t).abs() > &d + 1024)
}

/// SplitMix64: a tiny deterministic generator, so failures are reproducible.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1), a multiple of 2⁻⁵³.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// Outcome of one argument: agreement, or a disagreement the referee settled.
#[derive(Default)]
struct Tally {
    n: usize,
    agree: usize,
    agree_checked: usize,
    /// Disagreements where sin_cos is the nearest double and glibc is not.
    glibc_misrounded: usize,
    /// Failures: sin_cos not the nearest double (should stay empty).
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, x: f64, half_pi: &BigInt, sample_agreement: bool) {
        self.n += 1;
        let (s, c) = sin_cos(x);
        let (gs, gc) = (x.sin(), x.cos());
        let agree = s.to_bits() == gs.to_bits() && c.to_bits() == gc.to_bits();
        if agree {
            self.agree += 1;
            if !sample_agreement || x.abs() < 2f64.powi(-60) {
                return;
            }
            self.agree_checked += 1;
        } else if x.abs() < 2f64.powi(-60) {
            // Both must return x and 1 down there; no referee needed.
            self.failures.push(format!(
                "x = {x:e}: ({s:e}, {c:e}) vs glibc ({gs:e}, {gc:e})"
            ));
            return;
        }
        let (ts, tc) = reference(x, half_pi);
        for (what, ours, glibc, t) in [("sin", s, gs, &ts), ("cos", c, gc, &tc)] {
            if !is_nearest(ours, t) {
                self.failures.push(format!(
                    "{what}({x:e} = {:#018x}) = {ours:e} is not the nearest double (glibc {glibc:e})",
                    x.to_bits()
                ));
            } else if ours.to_bits() != glibc.to_bits() {
                self.glibc_misrounded += 1;
            }
        }
    }
}

fn run(
    name: &str,
    n: usize,
    seed: u64,
    half_pi: &BigInt,
    mut gen_x: impl FnMut(&mut SplitMix) -> f64,
) -> Tally {
    let mut rng = SplitMix(seed);
    let mut t = Tally::default();
    for i in 0..n {
        let x = gen_x(&mut rng);
        // Every 500th agreement is refereed too.
        t.check(x, half_pi, i % 500 == 0);
    }
    eprintln!(
        "{name}: {} arguments, {} agree with glibc ({} of those refereed), {} glibc results \
         misrounded (sin_cos nearest), {} failures",
        t.n,
        t.agree,
        t.agree_checked,
        t.glibc_misrounded,
        t.failures.len()
    );
    for msg in t.failures.iter().take(20) {
        eprintln!("  {msg}");
    }
    t
}

#[test]
fn sin_cos_is_correctly_rounded_where_glibc_disagrees() {
    let hp = half_pi();
    // Sanity of the referee itself: its π/2 agrees with f64's to the last bit.
    let top = u64::try_from(&hp >> (P - 60)).unwrap();
    let f64_top = (std::f64::consts::FRAC_PI_2 * 2f64.powi(60)) as u64;
    assert!(top.abs_diff(f64_top) < 256, "{top} {f64_top}");
    let mut tallies = Vec::new();
    // CartPole's working range: |θ| ≤ 0.21 while balancing, a bit beyond on the last step.
    tallies.push(run("[-0.3, 0.3]", 4_000_000, 1, &hp, |r| {
        -0.3 + 0.6 * r.unit()
    }));
    // After termination the pole spins: the recorded vectors reach |θ| ≈ 38.
    tallies.push(run("[-40, 40]", 4_000_000, 2, &hp, |r| {
        -40.0 + 80.0 * r.unit()
    }));
    // Log-uniform magnitudes from 1e-300 up to the limit, random sign.
    let (lo, hi) = (1e-300f64.ln(), SIN_COS_EXACT_LIMIT.ln());
    tallies.push(run("log-uniform 1e-300..1e5", 2_500_000, 3, &hp, |r| {
        let x = (lo + (hi - lo) * r.unit()).exp().min(SIN_COS_EXACT_LIMIT);
        if r.next() & 1 == 1 { -x } else { x }
    }));
    // Special values and boundaries, all refereed.
    let specials = [
        0.0,
        f64::from_bits(1),
        f64::MIN_POSITIVE,
        2f64.powi(-27),
        2f64.powi(-26),
        std::f64::consts::FRAC_PI_4,
        std::f64::consts::FRAC_PI_2,
        std::f64::consts::PI,
        rl_live::cartpole::THETA_THRESHOLD_RADIANS,
        38.0,
        SIN_COS_EXACT_LIMIT,
        45.553093477052, // the double nearest a multiple of π/2 (29·π/2) in range
    ];
    let mut special = Tally::default();
    for x in specials {
        for x in [x, -x, x.next_up(), x.next_down()] {
            if x.abs() <= SIN_COS_EXACT_LIMIT {
                special.check(x, &hp, true);
            }
        }
    }
    let (s0, c0) = sin_cos(-0.0);
    assert_eq!((s0.to_bits(), c0), ((-0.0f64).to_bits(), 1.0));
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let (s, c) = sin_cos(x);
        assert!(s.is_nan() && c.is_nan(), "{x}");
    }
    for msg in &special.failures {
        eprintln!("special: {msg}");
    }
    tallies.push(special);

    let n: usize = tallies.iter().map(|t| t.n).sum();
    let agree: usize = tallies.iter().map(|t| t.agree).sum();
    let failures: usize = tallies.iter().map(|t| t.failures.len()).sum();
    eprintln!("total: {n} arguments, {agree} agree with glibc bit for bit, {failures} failures");
    assert!(n >= 10_000_000);
    assert_eq!(
        failures, 0,
        "sin_cos is not correctly rounded on {failures} arguments"
    );
}
