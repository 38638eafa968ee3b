//! Property tests: the parsers never panic on any input, and the physics and the network
//! stay finite for finite inputs within their documented ranges.

use proptest::prelude::*;
use rl_live::agent::Agent;
use rl_live::cartpole::{CartPole, Physics, Version};
use rl_live::mlp::Mlp;
use rl_live::ppo::{Ppo, PpoConfig};
use rand::SeedableRng;
use rand::rngs::StdRng;

fn good_agent() -> String {
    Ppo::new(PpoConfig::deck(), Version::V1, 0).unwrap().agent().to_json()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Any text: an agent or an error message, never a panic.
    #[test]
    fn agent_parser_never_panics_on_arbitrary_text(text in ".{0,400}") {
        let _ = Agent::from_json(&text);
    }

    /// A real agent file with one byte changed or the file cut anywhere: parsed or refused
    /// with a message; if parsed, every weight is finite.
    #[test]
    fn agent_parser_survives_mutated_files(cut in 0usize..10_000, pos in 0usize..10_000, byte in any::<u8>()) {
        let good = good_agent();
        let mut bytes = good.clone().into_bytes();
        let p = pos % bytes.len();
        bytes[p] = byte;
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        let truncated = &good[..cut % good.len()];
        for text in [mutated.as_str(), truncated] {
            match Agent::from_json(text) {
                Ok(a) => prop_assert!(a.params().all(|x| x.is_finite())),
                Err(e) => prop_assert!(!e.is_empty()),
            }
        }
    }

    /// Config objects (as JS or a file would send them): any JSON value for any field is
    /// either a valid config or an error; a config that validates can build a learner.
    #[test]
    fn config_parser_never_panics(field in prop::sample::select(vec![
            "n_envs", "n_steps", "batch_size", "n_epochs", "learning_rate", "gamma", "gae_lambda",
            "clip_range", "ent_coef", "vf_coef", "max_grad_norm", "hidden", "total_timesteps", "bogus"]),
        value in prop_oneof![
            any::<i64>().prop_map(|v| serde_json::json!(v)),
            any::<f64>().prop_map(|v| serde_json::json!(v)),
            ".{0,12}".prop_map(|v| serde_json::json!(v)),
            prop::collection::vec(0i64..2000, 0..6).prop_map(|v| serde_json::json!(v)),
            Just(serde_json::Value::Null),
            Just(serde_json::json!(true)),
        ]) {
        let mut obj = serde_json::to_value(PpoConfig::deck()).unwrap();
        obj[field] = value;
        if let Ok(cfg) = serde_json::from_value::<PpoConfig>(obj) {
            if cfg.validate().is_ok() && cfg.rollout_size() <= 4096 && cfg.hidden.iter().all(|&h| h <= 64) {
                prop_assert!(Ppo::new(cfg, Version::V1, 0).is_ok());
            }
        }
    }

    /// CartPole stays finite for any finite start within ±10 of every state component and
    /// physics within the deck's slider ranges, for 1,000 steps of any actions (the pole may
    /// spin after termination, as in Gymnasium).
    #[test]
    fn cartpole_stays_finite(state in prop::array::uniform4(-10.0f64..10.0), actions in prop::collection::vec(0usize..2, 1000),
                             gravity in 1.0f64..25.0, length in 0.1f64..2.0, force in 1.0f64..30.0) {
        let physics = Physics { gravity, length, force_mag: force, ..Physics::default() };
        let mut env = CartPole::new(Version::V1, 0).with_physics(physics);
        env.reset();
        env.set_state(state);
        for a in actions {
            let s = env.step(a);
            prop_assert!(s.obs.iter().all(|x| x.is_finite()), "{:?}", env.state());
        }
    }

    /// The network's outputs are finite for any finite input, even far outside the
    /// observations CartPole produces.
    #[test]
    fn mlp_outputs_stay_finite(seed in any::<u64>(), x in prop::collection::vec(-1e6f32..1e6, 4 * 8)) {
        let mut rng = StdRng::seed_from_u64(seed);
        let net: Mlp<f32> = Mlp::orthogonal(&[4, 32, 32, 2], 2f64.sqrt(), 1.0, &mut rng);
        let input = ndarray::Array2::from_shape_vec((8, 4), x).unwrap();
        prop_assert!(net.forward(input.view()).iter().all(|v| v.is_finite()));
    }
}
