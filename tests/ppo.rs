//! PPO end to end on the real CartPole: it learns, its metrics mean what SB3's mean, and a
//! trained agent survives a save/load round trip bit for bit.

use rl_live::agent::{Agent, evaluate};
use rl_live::learner::Learner;
use rl_live::sb3_log::Sb3Log;
use rl_live::cartpole::Version;
use rl_live::ppo::{Ppo, PpoConfig};

const CLOCK: &dyn Fn() -> f64 = &|| 1.0;

/// Trains until the rolling-20 return reaches 475 or `budget` steps pass; returns the steps.
fn steps_to_solve(ppo: &mut Ppo, budget: u64) -> Option<u64> {
    while ppo.total_timesteps() < budget && !ppo.is_done() {
        ppo.train_iteration(CLOCK);
        if ppo.rolling_return(20).is_some_and(|r| r >= 475.0) {
            return Some(ppo.total_timesteps());
        }
    }
    None
}

#[test]
fn deck_preset_solves_cartpole_v1_for_two_seeds_within_budget() {
    // The deck preset solved 20/20 seeds natively (median ≈ 20k steps); 60k is a generous
    // budget that still fails loudly if learning breaks.
    for seed in [0, 1] {
        let mut ppo = Ppo::new(PpoConfig::deck(), Version::V1, seed).unwrap();
        let steps = steps_to_solve(&mut ppo, 60_000);
        assert!(steps.is_some(), "seed {seed}: rolling-20 return {:?} after {} steps", ppo.rolling_return(20), ppo.total_timesteps());
        let eval = evaluate(&ppo.agent(), 20, 99);
        let mean = eval.iter().sum::<f64>() / 20.0;
        assert!(mean >= 475.0, "seed {seed}: greedy evaluation {mean}");
    }
}

/// Before the first gradient step of an update the networks are the ones that collected the
/// rollout, so log π(a|s) recomputed for the update must equal the rollout's bit for bit:
/// ratio exactly 1 and approx_kl exactly 0 (a check that acting and learning compute log π
/// the same way). Checked here, between the slices, on the whole rollout — not in the hot loop.
#[test]
fn first_minibatch_of_every_update_has_ratio_one_and_zero_kl() {
    use ndarray::{Array1, Array2};
    use rl_live::categorical::log_softmax;
    use rl_live::mlp::Tape;
    use rl_live::ppo::{LossBatch, LossCoefs, Phase, normalise_advantages, ppo_loss};
    let mut ppo = Ppo::new(PpoConfig::deck(), Version::V1, 7).unwrap();
    for _ in 0..15 {
        // Run the slices up to the update: the rollout and its advantages are in the buffer.
        while ppo.phase() != Phase::Update {
            ppo.step_phase(CLOCK);
        }
        let b = ppo.buffer();
        let n = b.len();
        let mut tape = Tape::default();
        let logits = ppo.actor.forward_tape(b.obs.view(), &mut tape).to_owned();
        let values = ppo.critic.forward(b.obs.view());
        let mut worst = 0f64;
        for i in 0..n {
            let mut lp = [0f32; 2];
            log_softmax(logits.row(i), &mut lp);
            worst = worst.max(((lp[b.actions[i]] - b.log_probs[i]).exp() as f64 - 1.0).abs());
        }
        assert_eq!(worst, 0.0, "max |ratio - 1| before the first step");
        let mut adv = Array1::from(b.advantages.clone());
        normalise_advantages(&mut adv);
        let (old, ret) = (Array1::from(b.log_probs.clone()), Array1::from(b.returns.clone()));
        let batch = LossBatch { actions: &b.actions, old_log_probs: old.view(), advantages: adv.view(), returns: ret.view() };
        let coefs = LossCoefs { clip_range: 0.2, ent_coef: 0.0, vf_coef: 0.5 };
        let st = ppo_loss(logits.view(), values.view(), &batch, coefs, &mut Array2::zeros((n, 2)), &mut Array2::zeros((n, 1)));
        assert_eq!((st.approx_kl, st.clip_fraction), (0.0, 0.0), "{st:?}");
        while ppo.step_phase(CLOCK).is_none() {}
    }
    // Later minibatches move the policy: the update is not a no-op.
    assert!(ppo.metrics().approx_kl > 0.0 && ppo.metrics().clip_fraction > 0.0);
}

#[test]
fn metrics_follow_sb3_definitions() {
    let config = PpoConfig::zoo();
    let mut ppo = Ppo::new(config.clone(), Version::V1, 3).unwrap();
    for k in 1..=6u64 {
        let m = ppo.train_iteration(&|| 2.0).clone();
        assert_eq!(m.iterations, k);
        assert_eq!(m.total_timesteps, k * 256);
        assert_eq!(m.n_updates, k * config.n_epochs as u64);
        assert_eq!(m.fps, (k * 256) as f64 / 2.0);
        // Schedules: linear in progress_remaining = 1 − steps / total, after the rollout.
        let progress = 1.0 - (k * 256) as f64 / config.total_timesteps as f64;
        assert!((m.learning_rate - 1e-3 * progress).abs() < 1e-15);
        assert!((m.clip_range - 0.2 * progress).abs() < 1e-15);
        for (key, v) in m.entries() {
            assert!(v.is_finite(), "{key} = {v}");
        }
        // rollout/ep_rew_mean is the mean of the last ≤ 100 finished episodes.
        let eps = ppo.episodes();
        let last: Vec<f64> = eps.iter().rev().take(100).map(|e| e.ret).collect();
        assert!((m.ep_rew_mean - last.iter().sum::<f64>() / last.len() as f64).abs() < 1e-9);
        // Random-ish early policy: entropy near ln 2, value loss positive.
        assert!(m.entropy_loss < 0.0 && m.entropy_loss > -(2f64.ln()) - 1e-6);
        assert!(m.value_loss > 0.0);
        assert!((m.loss - (m.loss)).abs() == 0.0);
    }
    // Returns in the buffer are advantages + values.
    let b = ppo.buffer();
    for i in 0..b.len() {
        assert_eq!(b.returns[i], b.advantages[i] + b.values[i]);
    }
}

#[test]
fn truncated_steps_are_bootstrapped_and_terminations_are_not() {
    let mut ppo = Ppo::new(PpoConfig::deck(), Version::V1, 0).unwrap();
    assert!(steps_to_solve(&mut ppo, 60_000).is_some());
    // A solved agent reaches the 500-step limit; on that step SB3 adds γ·V(s_final) > 0.
    let mut seen = false;
    for _ in 0..20 {
        ppo.train_iteration(CLOCK);
        let b = ppo.buffer();
        for &r in &b.rewards {
            assert!(r == 1.0 || r > 1.0 + 0.5, "reward {r}: only 1 or 1 + γ·V(s) for a good critic");
            seen |= r > 1.0;
        }
        if seen {
            break;
        }
    }
    assert!(seen, "no truncated episode in 20 rollouts of a solved agent");
}

#[test]
fn same_seed_same_training_different_seed_different() {
    let run = |seed| {
        let mut ppo = Ppo::new(PpoConfig::deck(), Version::V1, seed).unwrap();
        for _ in 0..4 {
            ppo.train_iteration(CLOCK);
        }
        (ppo.metrics().clone(), ppo.agent().to_json())
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5).1, run(6).1);
}

#[test]
fn agent_file_round_trips_bit_for_bit() {
    let mut ppo = Ppo::new(PpoConfig::deck(), Version::V1, 11).unwrap();
    for _ in 0..10 {
        ppo.train_iteration(CLOCK);
    }
    let agent = ppo.agent();
    let text = agent.to_json();
    let back = Agent::from_json(&text).unwrap();
    for (a, b) in agent.params().zip(back.params()) {
        assert_eq!(a.to_bits(), b.to_bits());
    }
    assert_eq!(back.to_json(), text);
    assert_eq!(evaluate(&agent, 5, 3), evaluate(&back, 5, 3));
}

/// The file with its first bias replaced by 1e39: valid JSON, but infinite as an f32.
fn overflow_first_bias(good: &str) -> String {
    let start = good.find(r#""b":["#).unwrap() + 5;
    let end = start + good[start..].find([',', ']']).unwrap();
    format!("{}1e39{}", &good[..start], &good[end..])
}

#[test]
fn bad_agent_files_are_refused_with_a_reason() {
    let good = Ppo::new(PpoConfig::deck(), Version::V1, 0).unwrap().agent().to_json();
    let cases: Vec<(String, &str)> = vec![
        ("not json".into(), "invalid JSON"),
        (good[..good.len() / 2].to_string(), "invalid JSON"),
        (r#"{"format":"something-else","version":1}"#.into(), "not an agent file"),
        (good.replace(&format!(r#""version":{}"#, rl_live::agent::FORMAT_VERSION), r#""version":7"#), "newer"),
        (good.replace("CartPole-v1", "MountainCar-v0"), "unknown CartPole version"),
        (good.replacen(r#""sizes":[4,"#, r#""sizes":[5,"#, 1), "do not fit CartPole"),
        (good.replacen(r#""b":["#, r#""b":[1e999,"#, 1), "invalid JSON"),
        // Finite in JSON, infinite as f32.
        (overflow_first_bias(&good), "layer 0 contains NaN or infinite"),
    ];
    for (text, want) in cases {
        let err = Agent::from_json(&text).unwrap_err();
        assert!(err.contains(want), "{want:?} not in {err:?}");
    }
    let huge = " ".repeat(rl_live::agent::MAX_FILE_BYTES + 1);
    assert!(Agent::from_json(&huge).unwrap_err().contains("at most"));
}

#[test]
fn step_phase_gives_the_same_bits_as_train_iteration() {
    use rl_live::ppo::Phase;
    // sb3: 2048 steps on 1 env, so the rollout comes in 4 chunks; deck: 1 chunk.
    for config in [PpoConfig::sb3(), PpoConfig::deck()] {
        let mut whole = Ppo::new(config.clone(), Version::V1, 5).unwrap();
        let mut sliced = Ppo::new(config.clone(), Version::V1, 5).unwrap();
        for _ in 0..3 {
            let a = whole.train_iteration(CLOCK).clone();
            let mut phases = vec![sliced.phase()];
            let b = loop {
                if let Some(m) = sliced.step_phase(CLOCK) {
                    break m.clone();
                }
                phases.push(sliced.phase());
            };
            assert_eq!(a, b);
            let rollouts = phases.iter().filter(|p| **p == Phase::Rollout).count();
            assert_eq!(rollouts, config.rollout_size().div_ceil(512));
            assert_eq!(phases.iter().filter(|p| **p == Phase::Update).count(), config.n_epochs);
        }
        assert_eq!(whole.agent().to_json(), sliced.agent().to_json());
    }
}

/// The bundled agent (www/agents/README.md: deck preset, seed 0, the whole 100k-step budget)
/// retrained now gives the same weights bit for bit: the training path has not changed.
#[test]
fn retraining_the_bundled_agent_gives_its_weights_bit_for_bit() {
    let bundled = Agent::from_json(include_str!("../www/agents/cartpole-v1.json")).unwrap();
    let mut ppo = Ppo::new(PpoConfig::deck(), Version::V1, 0).unwrap();
    while !ppo.is_done() {
        ppo.train_iteration(CLOCK);
    }
    let agent = ppo.agent();
    assert!(agent.nets == bundled.nets, "the retrained weights differ from the bundled agent's");
}

/// `train_iteration` after a few slices finishes the iteration those slices began.
#[test]
fn train_iteration_finishes_an_iteration_that_step_phase_began() {
    let mut whole = Ppo::new(PpoConfig::sb3(), Version::V1, 9).unwrap();
    let mut mixed = Ppo::new(PpoConfig::sb3(), Version::V1, 9).unwrap();
    let a = whole.train_iteration(CLOCK).clone();
    assert!(mixed.step_phase(CLOCK).is_none() && mixed.step_phase(CLOCK).is_none());
    let b = mixed.train_iteration(CLOCK).clone();
    assert_eq!(a, b);
    assert_eq!(whole.train_iteration(CLOCK), mixed.train_iteration(CLOCK));
    assert_eq!(whole.agent().to_json(), mixed.agent().to_json());
}
