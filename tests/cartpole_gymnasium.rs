//! `src/cartpole.rs` against Gymnasium 1.4.0, bit for bit, plus the semantics around it.
//!
//! The reference vectors are `tests/gymnasium/cartpole_vectors.jsonl`, written by
//! `tests/gymnasium/make_cartpole_vectors.py` (see `tests/gymnasium/README.md`).

use rl_live::cartpole::{
    CartPole, Integrator, Step, THETA_THRESHOLD_RADIANS, Version, X_THRESHOLD, is_out_of_bounds,
};
use serde::Deserialize;
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------
// Reading the vectors

/// Parses Python's `float.hex()` output (trailing zero digits may be dropped), exactly.
///
/// Builds the IEEE bits directly rather than going through decimal or `powi`, so there is no
/// rounding step that could hide a 1-ULP difference.
fn parse_hex_f64(s: &str) -> f64 {
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix("0x").unwrap_or_else(|| panic!("not a hex float: {s:?}"));
    let (mant, exp) = rest.split_once('p').unwrap_or_else(|| panic!("no exponent: {s:?}"));
    let exp: i32 = exp.parse().unwrap_or_else(|_| panic!("bad exponent: {s:?}"));
    let (lead, frac) = mant.split_once('.').unwrap_or((mant, ""));
    assert!(frac.len() <= 13, "too many hex digits: {s:?}");
    let frac_bits = if frac.is_empty() {
        0
    } else {
        u64::from_str_radix(frac, 16).unwrap_or_else(|_| panic!("bad digits: {s:?}"))
            << (4 * (13 - frac.len()))
    };
    let bits = match lead {
        "1" => {
            let biased = exp + 1023;
            assert!((1..=2046).contains(&biased), "exponent out of range: {s:?}");
            ((biased as u64) << 52) | frac_bits
        }
        // Python writes zero as 0x0p+0 and subnormals as 0x0.<digits>p-1022.
        "0" => {
            assert!(frac_bits == 0 || exp == -1022, "odd subnormal: {s:?}");
            frac_bits
        }
        _ => panic!("leading digit must be 0 or 1: {s:?}"),
    };
    f64::from_bits(bits | ((neg as u64) << 63))
}

fn parse4(v: &[String]) -> [f64; 4] {
    assert_eq!(v.len(), 4);
    [0, 1, 2, 3].map(|i| parse_hex_f64(&v[i]))
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Line {
    Meta(Meta),
    Traj(TrajRec),
    Step(StepRec),
}

#[derive(Deserialize)]
struct Meta {
    gymnasium: String,
    theta_threshold_radians: String,
    trajectories: usize,
    steps: usize,
    exact_threshold_cases: usize,
}

#[derive(Deserialize)]
struct TrajRec {
    id: usize,
    name: String,
    version: String,
    integrator: String,
    state: Vec<String>,
    elapsed: u32,
    sbt: Option<u32>,
    actions: String,
}

#[derive(Deserialize)]
struct StepRec {
    traj: usize,
    t: usize,
    elapsed: u32,
    sbt: Option<u32>,
    s0: Vec<String>,
    a: usize,
    s1: Vec<String>,
    obs: Vec<String>,
    r: f64,
    term: bool,
    trunc: bool,
    elapsed1: u32,
    sbt1: Option<u32>,
}

struct Trajectory {
    rec: TrajRec,
    steps: Vec<StepRec>,
}

struct Vectors {
    meta: Meta,
    trajectories: Vec<Trajectory>,
}

fn load() -> Vectors {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gymnasium/cartpole_vectors.jsonl");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut meta = None;
    let mut trajectories: Vec<Trajectory> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let parsed: Line =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        match parsed {
            Line::Meta(m) => meta = Some(m),
            Line::Traj(rec) => {
                assert_eq!(rec.id, trajectories.len(), "line {}", n + 1);
                trajectories.push(Trajectory { rec, steps: Vec::new() });
            }
            Line::Step(s) => {
                let traj = trajectories.last_mut().expect("step before any trajectory");
                assert_eq!((s.traj, s.t), (traj.rec.id, traj.steps.len()), "line {}", n + 1);
                traj.steps.push(s);
            }
        }
    }
    let meta = meta.expect("no meta line");
    assert_eq!(meta.gymnasium, "1.4.0");
    assert_eq!(meta.trajectories, trajectories.len());
    assert_eq!(meta.steps, trajectories.iter().map(|t| t.steps.len()).sum::<usize>());
    Vectors { meta, trajectories }
}

fn env_for(rec: &TrajRec) -> CartPole {
    let version = Version::parse(&rec.version).unwrap();
    let integrator = match rec.integrator.as_str() {
        "euler" => Integrator::Euler,
        "semi-implicit" => Integrator::SemiImplicitEuler,
        other => panic!("unknown integrator {other:?}"),
    };
    CartPole::new(version, 0).with_integrator(integrator)
}

/// Compares one Rust step with the recorded one; returns a description of every difference.
fn diff(env: &CartPole, got: &Step, want: &StepRec) -> Vec<String> {
    let mut out = Vec::new();
    let s1 = parse4(&want.s1);
    let state = env.state();
    for i in 0..4 {
        if state[i].to_bits() != s1[i].to_bits() {
            out.push(format!("state[{i}] {:e} != gymnasium {:e}", state[i], s1[i]));
        }
        let obs = parse_hex_f64(&want.obs[i]);
        // The recorded f32 widened to f64 is exact, so narrowing back is too.
        assert_eq!((obs as f32) as f64, obs, "recorded obs is not an f32");
        if got.obs[i].to_bits() != (obs as f32).to_bits() {
            out.push(format!("obs[{i}] {:e} != gymnasium {:e}", got.obs[i], obs));
        }
    }
    if got.reward.to_bits() != want.r.to_bits() {
        out.push(format!("reward {} != {}", got.reward, want.r));
    }
    if (got.terminated, got.truncated) != (want.term, want.trunc) {
        out.push(format!(
            "(terminated, truncated) {:?} != {:?}",
            (got.terminated, got.truncated),
            (want.term, want.trunc)
        ));
    }
    if (env.elapsed_steps(), env.steps_beyond_terminated()) != (want.elapsed1, want.sbt1) {
        out.push(format!(
            "(elapsed, steps_beyond_terminated) {:?} != {:?}",
            (env.elapsed_steps(), env.steps_beyond_terminated()),
            (want.elapsed1, want.sbt1)
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Against Gymnasium

#[test]
fn hex_parser_is_exact() {
    assert_eq!(parse_hex_f64("0x1.999999999999ap-4"), 0.1);
    assert_eq!(parse_hex_f64("0x1.3333333333333p+1"), 2.4);
    assert_eq!(parse_hex_f64("-0x1p-1"), -0.5);
    assert_eq!(parse_hex_f64("0x1.8p+1"), 3.0);
    assert_eq!(parse_hex_f64("0x0p+0").to_bits(), 0);
    assert_eq!(parse_hex_f64("-0x0p+0").to_bits(), (-0.0f64).to_bits());
    assert_eq!(parse_hex_f64("0x0.0000000000001p-1022"), f64::from_bits(1));
    assert_eq!(parse_hex_f64("0x1.fffffffffffffp+1023"), f64::MAX);
    assert_eq!(parse_hex_f64("0x1.acee9f37bebd5p-3"), 0.20943951023931953);
}

#[test]
fn every_recorded_step_matches_gymnasium_bit_for_bit() {
    let v = load();
    assert!(v.meta.steps >= 3000, "only {} reference steps", v.meta.steps);
    let mut failures = Vec::new();
    let mut checked = 0;
    for traj in &v.trajectories {
        let mut env = env_for(&traj.rec);
        for s in &traj.steps {
            env.restore(parse4(&s.s0), s.elapsed, s.sbt);
            let got = env.step(s.a);
            checked += 1;
            for d in diff(&env, &got, s) {
                failures.push(format!("{} step {}: {d}", traj.rec.name, s.t));
            }
        }
    }
    assert_eq!(checked, v.meta.steps);
    assert!(
        failures.is_empty(),
        "{} differences in {checked} steps, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn chained_trajectories_match_gymnasium_bit_for_bit() {
    let v = load();
    for traj in &v.trajectories {
        let rec = &traj.rec;
        let mut env = env_for(rec);
        env.restore(parse4(&rec.state), rec.elapsed, rec.sbt);
        assert_eq!(rec.actions.len(), traj.steps.len());
        for (s, a) in traj.steps.iter().zip(rec.actions.bytes()) {
            let action = (a - b'0') as usize;
            assert_eq!(action, s.a);
            // The chain must reach the recorded starting point of every step on its own.
            let s0 = parse4(&s.s0);
            assert_eq!(env.state().map(f64::to_bits), s0.map(f64::to_bits), "{} step {}", rec.name, s.t);
            let got = env.step(action);
            let d = diff(&env, &got, s);
            assert!(d.is_empty(), "{} step {}: {}", rec.name, s.t, d.join("; "));
        }
    }
}

/// The file must keep covering what it claims; a regenerated, thinner file fails here.
#[test]
fn reference_vectors_cover_the_corners() {
    let v = load();
    let mut kinds: HashMap<(String, String), usize> = HashMap::new();
    let (mut term, mut trunc, mut both, mut after, mut back, mut regained_zero) = (0, 0, 0, 0, 0, 0);
    let mut on_threshold = 0;
    for traj in &v.trajectories {
        *kinds.entry((traj.rec.version.clone(), traj.rec.integrator.clone())).or_default() +=
            traj.steps.len();
        let mut was_back_inside = false;
        for s in &traj.steps {
            term += s.term as usize;
            trunc += s.trunc as usize;
            both += (s.term && s.trunc) as usize;
            after += s.sbt.is_some() as usize;
            if s.sbt.is_some() && !s.term {
                back += 1;
                assert_eq!(s.r, 1.0);
                was_back_inside = true;
            }
            if was_back_inside && s.term && s.r == 0.0 {
                regained_zero += 1;
            }
            let s1 = parse4(&s.s1);
            if s1[0].abs() == X_THRESHOLD || s1[2].abs() == THETA_THRESHOLD_RADIANS {
                on_threshold += 1;
                assert!(!s.term, "a state exactly on a threshold is inside");
            }
        }
    }
    for key in [("v0", "euler"), ("v1", "euler"), ("v0", "semi-implicit"), ("v1", "semi-implicit")] {
        let n = kinds.get(&(key.0.into(), key.1.into())).copied().unwrap_or(0);
        assert!(n >= 100, "{key:?}: only {n} steps");
    }
    assert!(term >= 100 && after >= 100, "terminated {term}, after termination {after}");
    assert!(trunc >= 10 && both >= 2, "truncated {trunc}, both {both}");
    assert!(back >= 2 && regained_zero >= 2, "drift back {back}, out again {regained_zero}");
    assert!(on_threshold >= 8, "{on_threshold} steps land exactly on a threshold");
    assert!(v.meta.exact_threshold_cases >= 24);
    assert_eq!(parse_hex_f64(&v.meta.theta_threshold_radians), THETA_THRESHOLD_RADIANS);
}

// ---------------------------------------------------------------------------------------
// Semantics

#[test]
fn theta_threshold_is_left_to_right_not_to_radians() {
    assert_eq!(THETA_THRESHOLD_RADIANS, 0.20943951023931953);
    assert_eq!(THETA_THRESHOLD_RADIANS.to_bits(), 0.20943951023931953f64.to_bits());
    assert_ne!(THETA_THRESHOLD_RADIANS, 12f64.to_radians());
    assert_eq!(X_THRESHOLD, 2.4);
}

#[test]
fn reset_is_uniform_in_the_half_open_box_for_many_seeds() {
    let mut sum = [0.0f64; 4];
    let (mut lo, mut hi) = ([f64::INFINITY; 4], [f64::NEG_INFINITY; 4]);
    let n = 20_000;
    for seed in 0..n {
        let mut env = CartPole::new(Version::V1, seed);
        let obs = env.reset();
        let state = env.state();
        assert_eq!(obs, state.map(|v| v as f32));
        assert_eq!((env.elapsed_steps(), env.steps_beyond_terminated()), (0, None));
        for i in 0..4 {
            assert!((-0.05..0.05).contains(&state[i]), "seed {seed}: {state:?}");
            sum[i] += state[i];
            lo[i] = lo[i].min(state[i]);
            hi[i] = hi[i].max(state[i]);
        }
    }
    for i in 0..4 {
        // Mean of U(-0.05, 0.05) is 0 with sd 0.0289/sqrt(n) ≈ 2e-4; extremes near the bounds.
        assert!((sum[i] / n as f64).abs() < 1e-3, "component {i} mean {}", sum[i] / n as f64);
        assert!(lo[i] < -0.0499 && hi[i] > 0.0499, "component {i}: [{}, {}]", lo[i], hi[i]);
    }
}

#[test]
fn same_seed_same_resets_different_seed_different() {
    let mut a = CartPole::new(Version::V1, 42);
    let mut b = CartPole::new(Version::V0, 42);
    let mut c = CartPole::new(Version::V1, 43);
    for _ in 0..5 {
        let (ra, rb, rc) = (a.reset(), b.reset(), c.reset());
        assert_eq!(a.state().map(f64::to_bits), b.state().map(f64::to_bits));
        assert_eq!(ra, rb);
        assert_ne!(ra, rc);
    }
    // Successive resets differ, and reseeding replays the stream.
    let mut d = CartPole::new(Version::V1, 42);
    let first = d.reset();
    assert_ne!(d.reset(), first);
    d.reseed(42);
    assert_eq!(d.reset(), first);
}

/// Pushes toward where the pole is falling: balances from the upright rest state.
fn run_balanced(env: &mut CartPole, steps: u32) -> Vec<Step> {
    (0..steps)
        .map(|_| {
            let [_, _, theta, theta_dot] = env.state();
            env.step((theta + 0.5 * theta_dot > 0.0) as usize)
        })
        .collect()
}

#[test]
fn v0_truncates_at_200_and_v1_at_500() {
    for (version, limit) in [(Version::V0, 200), (Version::V1, 500)] {
        for integrator in [Integrator::Euler, Integrator::SemiImplicitEuler] {
            let mut env = CartPole::new(version, 1).with_integrator(integrator);
            env.reset();
            env.set_state([0.0; 4]);
            let steps = run_balanced(&mut env, limit + 3);
            for (k, s) in steps.iter().enumerate() {
                let n = k as u32 + 1;
                assert!(!s.terminated, "{version:?} step {n}");
                assert_eq!(s.reward, 1.0);
                // TimeLimit: truncated from the limit on, and it keeps counting.
                assert_eq!(s.truncated, n >= limit, "{version:?} {integrator:?} step {n}");
            }
            assert_eq!(env.elapsed_steps(), limit + 3);
            assert!(env.is_done());
            // Reset zeroes the count: a fresh episode is not truncated.
            env.reset();
            assert_eq!(env.elapsed_steps(), 0);
            assert!(!env.is_done());
            env.set_state([0.0; 4]);
            assert!(!env.step(0).truncated);
        }
    }
}

#[test]
fn terminated_and_truncated_can_both_be_true() {
    let mut env = CartPole::new(Version::V1, 0);
    // One step before the limit, the pole just inside its threshold and falling.
    env.restore([0.0, 0.0, THETA_THRESHOLD_RADIANS - 1e-4, 0.5], 499, None);
    let s = env.step(1);
    assert!(s.terminated && s.truncated, "{s:?}");
    assert_eq!(s.reward, 1.0);
    assert_eq!(env.steps_beyond_terminated(), Some(0));
    let s = env.step(0);
    assert!(s.terminated && s.truncated);
    assert_eq!(s.reward, 0.0);
}

#[test]
fn steps_after_termination_give_zero_reward_and_keep_counting() {
    let mut env = CartPole::new(Version::V1, 0);
    env.reset();
    env.set_state([0.0, 0.0, 0.2, 1.0]);
    let first = env.step(1);
    assert!(first.terminated && !first.truncated);
    assert_eq!(first.reward, 1.0);
    assert_eq!(env.steps_beyond_terminated(), Some(0));
    for k in 1..=5 {
        let s = env.step(0);
        assert!(s.terminated);
        assert_eq!(s.reward, 0.0);
        assert_eq!(env.steps_beyond_terminated(), Some(k));
    }
    // Back inside (placed there by hand): reward 1.0, not terminated, bookkeeping kept.
    env.set_state([0.0; 4]);
    let s = env.step(1);
    assert!(!s.terminated);
    assert_eq!(s.reward, 1.0);
    assert_eq!(env.steps_beyond_terminated(), Some(5));
    // Out again: still 0.0, because steps_beyond_terminated was never cleared.
    env.set_state([0.0, 0.0, -0.3, 0.0]);
    let s = env.step(1);
    assert!(s.terminated);
    assert_eq!(s.reward, 0.0);
    assert_eq!(env.steps_beyond_terminated(), Some(6));
    // reset clears it.
    env.reset();
    assert_eq!(env.steps_beyond_terminated(), None);
}

#[test]
fn termination_is_strict_on_the_new_state() {
    let up = |v: f64| f64::from_bits(v.to_bits() + 1); // away from zero, for positive v
    for (index, thr) in [(0, X_THRESHOLD), (2, THETA_THRESHOLD_RADIANS)] {
        for sign in [1.0, -1.0] {
            let on = sign * thr;
            let beyond = sign * up(thr);
            // Euler with zero velocities: positions do not move this step, so the new state
            // sits exactly where it was put.
            let mut env = CartPole::new(Version::V1, 0);
            let mut state = [0.0; 4];
            state[index] = on;
            env.set_state(state);
            assert!(!is_out_of_bounds(state));
            let s = env.step(0);
            assert_eq!(env.state()[index], on);
            assert!(!s.terminated, "exactly on {on} is inside");
            state[index] = beyond;
            env.set_state(state);
            assert!(env.step(0).terminated, "one ULP past {on} is outside");
        }
    }
    // Termination looks at the new state, not the old one.
    let mut env = CartPole::new(Version::V1, 0);
    env.set_state([2.5, -10.0, 0.0, 0.0]);
    assert!(!env.step(0).terminated, "moved back inside during the step");
}

#[test]
fn integrators_differ_and_follow_their_order() {
    let start = [0.1, 0.5, 0.05, -0.3];
    let mut e = CartPole::new(Version::V1, 0);
    let mut s = CartPole::new(Version::V1, 0).with_integrator(Integrator::SemiImplicitEuler);
    e.set_state(start);
    s.set_state(start);
    e.step(1);
    s.step(1);
    let (es, ss) = (e.state(), s.state());
    // Euler moves positions with the old velocities; semi-implicit with the new ones.
    assert_eq!(es[0], 0.1 + 0.02 * 0.5);
    assert_eq!(es[2], 0.05 + 0.02 * -0.3);
    assert_eq!(ss[0], 0.1 + 0.02 * ss[1]);
    assert_eq!(ss[2], 0.05 + 0.02 * ss[3]);
    // Velocities are the same either way.
    assert_eq!(es[1], ss[1]);
    assert_eq!(es[3], ss[3]);
    assert_ne!(es[0], ss[0]);
}

#[test]
fn set_state_keeps_bookkeeping_and_obs_is_a_cast() {
    let mut env = CartPole::new(Version::V0, 3);
    env.reset();
    env.step(0);
    env.step(1);
    let state = [0.1234567890123, -1.0e-9, 0.2, 3.0];
    env.set_state(state);
    assert_eq!(env.elapsed_steps(), 2);
    assert_eq!(env.state(), state);
    assert_eq!(env.obs(), state.map(|v| v as f32));
    let s = env.step(1);
    assert_eq!(s.obs, env.state().map(|v| v as f32));
    // The f64 state is kept, not the rounded f32.
    assert_ne!(env.state()[0], s.obs[0] as f64);
}

#[test]
#[should_panic(expected = "action must be 0 (push left) or 1 (push right), got 2")]
fn action_2_panics() {
    let mut env = CartPole::new(Version::V1, 0);
    env.reset();
    env.step(2);
}
