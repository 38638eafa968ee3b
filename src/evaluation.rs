//! Evaluating a policy on CartPole, as SB3's `evaluate_policy` does: play whole episodes on one
//! environment, reset between them, and report each episode's return.
//!
//! One loop serves the CLI, the benchmark and the deck: the greedy policy of a trained agent
//! (`deterministic=True`) or the uniformly random policy, on Gymnasium's physics or on
//! changed physics (the deck's robustness sliders). Alongside the returns comes a
//! fingerprint that hashes every action and every V(s) bit for bit, so two evaluations that
//! print the same scores but differ in one float are told apart (a reloaded agent must
//! evaluate identically, not just similarly).

use crate::agent::Agent;
use crate::cartpole::{CartPole, Physics, Version};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Most episodes one evaluation plays (the deck's field allows as many).
pub const MAX_EPISODES: usize = 1000;

/// Who picks the actions.
#[derive(Clone, Copy)]
pub enum Policy<'a> {
    /// The agent's greedy action (most probable, or argmax Q), on the CartPole version it was
    /// trained on; the fingerprint hashes its V(s) (DQN: max Q) as well.
    Greedy(&'a Agent),
    /// Any deterministic policy on a CartPole version — a learner's greedy action while it
    /// trains ([`crate::learner::Learner::evaluate_greedy`]), with no agent copied out.
    Deterministic(Version, &'a dyn Fn(&[f32; 4]) -> usize),
    /// Left or right with probability ½ each (seeded from the evaluation's seed).
    Random(Version),
}

impl Policy<'_> {
    /// The CartPole version the policy plays.
    pub fn version(&self) -> Version {
        match self {
            Policy::Greedy(agent) => agent.env,
            Policy::Deterministic(version, _) | Policy::Random(version) => *version,
        }
    }
}

/// The outcome of [`evaluate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// The return of each episode, in order.
    pub returns: Vec<f64>,
    /// FNV-1a (32 bits) over every step's V(s) bits (an agent's only) and action.
    pub fingerprint: u32,
}

impl Evaluation {
    /// Mean return (SB3's `mean_reward`).
    pub fn mean(&self) -> f64 {
        self.returns.iter().sum::<f64>() / self.returns.len() as f64
    }

    /// Population standard deviation of the returns (SB3's `std_reward`, NumPy's `np.std`).
    pub fn std(&self) -> f64 {
        let mean = self.mean();
        let var = self.returns.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / self.returns.len() as f64;
        var.sqrt()
    }
}

/// Checks an evaluation's inputs; the error names the field and its range.
pub fn check(episodes: usize, physics: &Physics) -> Result<(), String> {
    if !(1..=MAX_EPISODES).contains(&episodes) {
        return Err(format!("episodes must be between 1 and {MAX_EPISODES}, got {episodes}"));
    }
    physics.check()
}

/// Plays `episodes` episodes with `policy` on one CartPole seeded with `seed` (reset between
/// episodes, as `evaluate_policy` does) under `physics`. Inputs are assumed checked
/// ([`check`]).
pub fn evaluate(policy: Policy, episodes: usize, seed: u64, physics: Physics) -> Evaluation {
    let mut env = CartPole::new(policy.version(), seed).with_physics(physics);
    let mut coin = StdRng::seed_from_u64(seed);
    let mut hash = Fnv1a::new();
    let returns = (0..episodes)
        .map(|_| {
            let mut obs = env.reset();
            let mut score = 0.0;
            loop {
                let action = match policy {
                    Policy::Greedy(agent) => {
                        hash.mix(agent.value(&obs).to_bits());
                        agent.act_greedy(&obs)
                    }
                    Policy::Deterministic(_, act) => act(&obs),
                    Policy::Random(_) => usize::from(coin.random_bool(0.5)),
                };
                hash.mix(action as u32);
                let step = env.step(action);
                score += step.reward;
                obs = step.obs;
                if step.terminated || step.truncated {
                    return score;
                }
            }
        })
        .collect();
    Evaluation { returns, fingerprint: hash.0 }
}

/// 32-bit FNV-1a over 32-bit words (a word at a time, not byte by byte: a fingerprint, not a
/// standard digest).
struct Fnv1a(u32);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0x811c_9dc5)
    }

    fn mix(&mut self, word: u32) {
        self.0 = (self.0 ^ word).wrapping_mul(0x0100_0193);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::Nets;
    use crate::cartpole::{N_ACTIONS, OBS_DIM};
    use crate::mlp::Mlp;

    /// A random, untrained agent (large output gains, so its greedy actions vary).
    fn untrained() -> Agent {
        let mut rng = StdRng::seed_from_u64(3);
        Agent {
            env: Version::V1,
            nets: Nets::ActorCritic {
                algo: crate::learner::Algo::Ppo,
                actor: Mlp::orthogonal(&[OBS_DIM, 16, N_ACTIONS], 2f64.sqrt(), 1.0, &mut rng),
                critic: Mlp::orthogonal(&[OBS_DIM, 16, 1], 2f64.sqrt(), 1.0, &mut rng),
            },
            meta: "{}".into(),
        }
    }

    #[test]
    fn same_inputs_same_evaluation_and_the_fingerprint_sees_the_physics() {
        let agent = untrained();
        let greedy = evaluate(Policy::Greedy(&agent), 4, 7, Physics::default());
        assert_eq!(greedy.returns.len(), 4);
        assert!(greedy.returns.iter().all(|&r| (1.0..=500.0).contains(&r)), "{greedy:?}");
        assert_eq!(greedy, evaluate(Policy::Greedy(&agent), 4, 7, Physics::default()));
        let heavy = Physics { gravity: 20.0, ..Physics::default() };
        assert_ne!(greedy.fingerprint, evaluate(Policy::Greedy(&agent), 4, 7, heavy).fingerprint);
        assert_ne!(greedy.fingerprint, evaluate(Policy::Greedy(&agent), 4, 8, Physics::default()).fingerprint);
    }

    #[test]
    fn the_random_policy_drops_the_pole_quickly() {
        let random = evaluate(Policy::Random(Version::V1), 200, 0, Physics::default());
        // A random CartPole episode lasts about 22 steps on average.
        assert!((15.0..30.0).contains(&random.mean()), "mean {}", random.mean());
        assert!(random.std() > 0.0);
        assert_eq!(random, evaluate(Policy::Random(Version::V1), 200, 0, Physics::default()));
        assert_ne!(random.returns, evaluate(Policy::Random(Version::V1), 200, 1, Physics::default()).returns);
    }

    #[test]
    fn mean_and_std_are_numpys() {
        let e = Evaluation { returns: vec![1.0, 2.0, 3.0, 4.0], fingerprint: 0 };
        assert_eq!(e.mean(), 2.5);
        assert_eq!(e.std(), 1.25f64.sqrt());
    }

    #[test]
    fn bad_inputs_name_the_field() {
        assert!(check(0, &Physics::default()).unwrap_err().contains("episodes must be between 1 and 1000, got 0"));
        assert!(check(MAX_EPISODES + 1, &Physics::default()).is_err());
        assert!(check(5, &Physics { gravity: -1.0, ..Physics::default() }).unwrap_err().contains("gravity"));
        assert!(check(MAX_EPISODES, &Physics::default()).is_ok());
    }
}
