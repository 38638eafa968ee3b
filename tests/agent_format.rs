//! The agent file's numbers read back bit for bit by both readers: serde_json natively
//! (decimal → nearest f32) and the browser's `JSON.parse` (decimal → nearest f64 → f32).

use rl_live::agent::{Agent, DOUBLE_ROUNDING_BITS, Nets};
use rl_live::cartpole::Version;
use rl_live::ppo::{Ppo, PpoConfig};

/// What the browser does with a number in the file: `JSON.parse` (correctly rounded to f64,
/// as Rust's `str::parse::<f64>` is) and then `Math.fround` / a `Float32Array` store.
fn browser_reads(text: &str) -> f32 {
    text.parse::<f64>().unwrap() as f32
}

fn weights_of(doc: &serde_json::Value) -> Vec<f64> {
    let mut out = Vec::new();
    for net in ["actor", "critic"] {
        for layer in doc[net]["layers"].as_array().unwrap() {
            for key in ["w", "b"] {
                out.extend(layer[key].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()));
            }
        }
    }
    out
}

#[test]
fn every_weight_survives_the_browsers_double_rounding() {
    let mut agent = Ppo::new(PpoConfig::deck(), Version::V1, 3).unwrap().agent();
    // Plant the one troublesome value (both signs) among ordinary weights.
    let Nets::ActorCritic { actor, .. } = &mut agent.nets else { unreachable!("PPO") };
    actor.layers[0].w[[0, 0]] = f32::from_bits(DOUBLE_ROUNDING_BITS);
    actor.layers[0].w[[0, 1]] = -f32::from_bits(DOUBLE_ROUNDING_BITS);
    let text = agent.to_json();
    // Written plainly, the value would not survive: that is why it is special-cased.
    let shortest = serde_json::to_string(&f32::from_bits(DOUBLE_ROUNDING_BITS)).unwrap();
    assert_ne!(browser_reads(&shortest).to_bits(), DOUBLE_ROUNDING_BITS, "{shortest}");

    // Read as the browser reads: serde_json's f64 (correctly rounded, like JSON.parse) → f32.
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let read: Vec<f32> = weights_of(&doc).iter().map(|&x| x as f32).collect();
    let want: Vec<f32> = agent.params().copied().collect();
    assert_eq!(read.len(), want.len());
    for (r, w) in read.iter().zip(&want) {
        assert_eq!(r.to_bits(), w.to_bits(), "{w:e} read back as {r:e}");
    }
    // And natively.
    let back = Agent::from_json(&text).unwrap();
    assert_eq!(back, agent);
    assert_eq!(back.to_json(), text);
}

/// Finite f32s: the shortest decimal read to f64 and rounded to f32 gives each back, except
/// exactly ±DOUBLE_ROUNDING_BITS. The suite checks every 101st bit pattern (42 million, a few
/// seconds); `RL_LIVE_F32_STRIDE=1 cargo test --release --test agent_format` checks all
/// 4,278,190,080 (about 7 minutes on one core) and was run to find the exception.
#[test]
fn double_rounding_check_over_f32() {
    let stride: u64 = std::env::var("RL_LIVE_F32_STRIDE").ok().and_then(|s| s.parse().ok()).unwrap_or(101);
    let mut misfits = Vec::new();
    let mut text = Vec::with_capacity(32);
    // Always include the known exception, so the assertion below also checks it.
    let known = [DOUBLE_ROUNDING_BITS as u64, (DOUBLE_ROUNDING_BITS | 0x8000_0000) as u64];
    for bits in (0..=u32::MAX as u64).step_by(stride as usize).chain(known) {
        let x = f32::from_bits(bits as u32);
        if !x.is_finite() {
            continue;
        }
        text.clear();
        serde_json::to_writer(&mut text, &x).unwrap();
        if browser_reads(std::str::from_utf8(&text).unwrap()).to_bits() != bits as u32 {
            misfits.push(bits as u32);
        }
    }
    misfits.sort_unstable();
    misfits.dedup();
    assert_eq!(misfits, [DOUBLE_ROUNDING_BITS, DOUBLE_ROUNDING_BITS | 0x8000_0000]);
}
