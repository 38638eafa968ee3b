//! What every algorithm offers whoever drives it — the CLI, the deck's worker, the tests — so
//! that PPO, A2C and DQN are trained, sliced, logged, evaluated and saved through one
//! interface ([`Learner`]), chosen by name ([`Algo`]) with a config of that algorithm
//! ([`Config`]).
//!
//! Each algorithm keeps its own SB3 semantics (when it writes a table, which keys); what a
//! caller reads between iterations is the same: the log *now* ([`Learner::log`]: that
//! algorithm's SB3 keys, the time and rollout ones as of the end of the last iteration), the
//! tables SB3 would have printed during it ([`Learner::tables`]), the episodes, the agent.

use crate::a2c::{A2c, A2cConfig};
use crate::agent::Agent;
use crate::cartpole::{Physics, Version};
use crate::dqn::{Dqn, DqnConfig};
use crate::episodes::Episode;
use crate::evaluation::{self, Evaluation, Policy};
use crate::mlp::Mlp;
use crate::ppo::{Ppo, PpoConfig};
use crate::rollout::Collector;
use crate::sb3_log::{self, LogValue};
use serde::Serialize;

/// An algorithm of the race.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algo {
    Ppo,
    A2c,
    Dqn,
}

/// One phase of an iteration: the name `phase()` returns and its line of pseudocode.
pub type PhaseLine = (&'static str, &'static str);

impl Algo {
    /// Every algorithm, PPO (the default) first.
    pub const ALL: [Algo; 3] = [Algo::Ppo, Algo::A2c, Algo::Dqn];

    /// "ppo", "a2c" or "dqn".
    pub fn name(self) -> &'static str {
        match self {
            Algo::Ppo => "ppo",
            Algo::A2c => "a2c",
            Algo::Dqn => "dqn",
        }
    }

    /// An algorithm by name; the message lists the valid names.
    pub fn parse(name: &str) -> Result<Algo, String> {
        Algo::ALL.into_iter().find(|a| a.name() == name).ok_or_else(|| {
            let names: Vec<String> = Algo::ALL.iter().map(|a| format!("{:?}", a.name())).collect();
            format!("algo must be one of {}, got {name:?}", names.join(", "))
        })
    }

    /// SB3's log keys of this algorithm, in the order SB3 prints them.
    pub fn log_keys(self) -> &'static [&'static str] {
        match self {
            Algo::Ppo => &crate::ppo::metrics::KEYS,
            Algo::A2c => &crate::a2c::metrics::KEYS,
            Algo::Dqn => &crate::dqn::metrics::KEYS,
        }
    }

    /// The phases of one iteration, in order.
    pub fn phases(self) -> &'static [PhaseLine] {
        match self {
            Algo::Ppo => &crate::ppo::cursor::PHASES,
            Algo::A2c => &crate::a2c::PHASES,
            Algo::Dqn => &crate::dqn::PHASES,
        }
    }

    /// The preset names; the first is the default.
    pub fn presets(self) -> &'static [&'static str] {
        match self {
            Algo::Ppo => PpoConfig::PRESETS,
            Algo::A2c => A2cConfig::PRESETS,
            Algo::Dqn => DqnConfig::PRESETS,
        }
    }

    /// Every config field's descriptor (name, doc, kind, range, default, presets).
    pub fn schema(self) -> Vec<serde_json::Value> {
        match self {
            Algo::Ppo => PpoConfig::schema(),
            Algo::A2c => A2cConfig::schema(),
            Algo::Dqn => DqnConfig::schema(),
        }
    }
}

/// A config of any algorithm (serialised as that algorithm's own struct).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Config {
    Ppo(PpoConfig),
    A2c(A2cConfig),
    Dqn(DqnConfig),
}

impl Config {
    /// `algo`'s preset `name`.
    pub fn preset(algo: Algo, name: &str) -> Result<Config, String> {
        Ok(match algo {
            Algo::Ppo => Config::Ppo(PpoConfig::preset(name)?),
            Algo::A2c => Config::A2c(A2cConfig::preset(name)?),
            Algo::Dqn => Config::Dqn(DqnConfig::preset(name)?),
        })
    }

    pub fn algo(&self) -> Algo {
        match self {
            Config::Ppo(_) => Algo::Ppo,
            Config::A2c(_) => Algo::A2c,
            Config::Dqn(_) => Algo::Dqn,
        }
    }

    /// `self` with the CLI's `--set KEY=VALUE` texts applied, each read as its declared kind.
    pub fn with_overrides(&self, overrides: &[(String, String)]) -> Result<Config, String> {
        Ok(match self {
            Config::Ppo(c) => Config::Ppo(c.with_overrides(overrides)?),
            Config::A2c(c) => Config::A2c(c.with_overrides(overrides)?),
            Config::Dqn(c) => Config::Dqn(c.with_overrides(overrides)?),
        })
    }

    /// Every field in range, and the limits that tie fields together.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Config::Ppo(c) => c.validate(),
            Config::A2c(c) => c.validate(),
            Config::Dqn(c) => c.validate(),
        }
    }

    /// A fresh learner with this config on `env`; everything random follows `seed`.
    pub fn learner(&self, env: Version, seed: u64) -> Result<Box<dyn Learner>, String> {
        Ok(match self {
            Config::Ppo(c) => Box::new(Ppo::new(c.clone(), env, seed)?),
            Config::A2c(c) => Box::new(A2c::new(c.clone(), env, seed)?),
            Config::Dqn(c) => Box::new(Dqn::new(c.clone(), env, seed)?),
        })
    }
}

/// A training run of any algorithm. `clock()` returns seconds since training started (the
/// core never reads a clock itself: wasm32 has no `Instant`).
pub trait Learner {
    fn algo(&self) -> Algo;
    /// The CartPole version trained on.
    fn env_version(&self) -> Version;
    /// The envs and their finished episodes.
    fn collector(&self) -> &Collector;
    /// The config's `total_timesteps`.
    fn budget(&self) -> u64;

    /// One iteration (PPO and A2C: a rollout and its update; DQN: `train_freq` steps and a
    /// training, once past `learning_starts`). Finishes, in slices, an iteration that
    /// [`Learner::step_phase`] began.
    fn train_iteration(&mut self, clock: &dyn Fn() -> f64);
    /// One short slice of an iteration (at most 512 env steps, or a bounded amount of
    /// gradient work); true when it finished the iteration. Slices give the same bits as
    /// [`Learner::train_iteration`].
    fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> bool;
    /// The phase the next [`Learner::step_phase`] works on (one of [`Algo::phases`]).
    fn phase(&self) -> &'static str;
    /// No iteration is half done.
    fn at_iteration_start(&self) -> bool;

    /// The log after the last finished iteration: this algorithm's SB3 keys, with the time
    /// and rollout ones as of the end of that iteration (SB3 prints tables less often).
    fn log(&self) -> Vec<(&'static str, LogValue)>;
    /// The tables SB3 would have printed during the last iteration.
    fn tables(&self) -> Vec<Vec<(&'static str, LogValue)>>;
    /// Log keys whose values must stay finite while training goes well.
    fn must_be_finite(&self) -> &'static [&'static str];

    /// Every trained network (PPO, A2C: actor then critic; DQN: the Q-network).
    fn nets(&self) -> Vec<&Mlp<f32>>;
    /// The same, to change (test hooks).
    fn nets_mut(&mut self) -> Vec<&mut Mlp<f32>>;
    /// The greedy action now: the most likely one, or argmax Q.
    fn act_greedy(&self, obs: &[f32; 4]) -> usize;
    /// A copy of the trained networks, with the run in its `meta`.
    fn agent(&self) -> Agent;

    /// Environment steps taken so far, over all envs.
    fn total_timesteps(&self) -> u64 {
        self.collector().num_timesteps
    }

    /// Every finished training episode, in order.
    fn episodes(&self) -> &[Episode] {
        self.collector().episodes.finished()
    }

    /// Returns of all finished training episodes, in order.
    fn episode_returns(&self) -> Vec<f64> {
        self.episodes().iter().map(|e| e.ret).collect()
    }

    /// Mean return of the last `n` finished episodes, if there are `n`.
    fn rolling_return(&self, n: usize) -> Option<f64> {
        self.collector().episodes.rolling_return(n)
    }

    /// True once the budget of `total_timesteps` is spent.
    fn is_done(&self) -> bool {
        self.total_timesteps() >= self.budget()
    }

    /// Every weight is finite.
    fn weights_are_finite(&self) -> bool {
        self.nets().iter().all(|n| n.params().all(|w| w.is_finite()))
    }

    /// Why training cannot go on, if it diverged: a loss that is not finite in the last
    /// iteration's log, or a weight that is not finite now (it can turn NaN in the last
    /// gradient step, before any loss shows it).
    fn divergence(&self) -> Option<String> {
        let bad = sb3_log::non_finite(&self.log(), self.must_be_finite());
        let why = if !bad.is_empty() {
            bad.join(", ")
        } else if !self.weights_are_finite() {
            "the network's weights became NaN or infinite".to_string()
        } else {
            return None;
        };
        Some(format!("the training diverged ({why}); try a smaller learning_rate"))
    }

    /// SB3's `evaluate_policy(deterministic=True)` of the current networks, on Gymnasium's
    /// physics: `episodes` episodes on one env seeded with `seed`.
    fn evaluate_greedy(&self, episodes: usize, seed: u64) -> Evaluation {
        let act = |obs: &[f32; 4]| self.act_greedy(obs);
        evaluation::evaluate(Policy::Deterministic(self.env_version(), &act), episodes, seed, Physics::default())
    }
}

/// The [`Learner`] methods every algorithm implements alike, from its fields
/// (`env_version`, `collector`, `config.total_timesteps`), its module's `Metrics` and its
/// inherent methods of the same names: `impl Learner for Ppo { learner_common!(Algo::Ppo); … }`.
macro_rules! learner_common {
    ($algo:expr) => {
        fn algo(&self) -> $crate::learner::Algo {
            $algo
        }
        fn env_version(&self) -> $crate::cartpole::Version {
            self.env_version
        }
        fn collector(&self) -> &$crate::rollout::Collector {
            &self.collector
        }
        fn budget(&self) -> u64 {
            self.config.total_timesteps
        }
        fn train_iteration(&mut self, clock: &dyn Fn() -> f64) {
            Self::train_iteration(self, clock);
        }
        fn agent(&self) -> $crate::agent::Agent {
            Self::agent(self)
        }
        fn must_be_finite(&self) -> &'static [&'static str] {
            <Metrics as $crate::sb3_log::Sb3Log>::MUST_BE_FINITE
        }
    };
}
pub(crate) use learner_common;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithms_by_name_and_their_own_keys_and_phases() {
        assert_eq!(Algo::ALL.map(|a| Algo::parse(a.name()).unwrap()), Algo::ALL);
        assert_eq!(Algo::parse("sac").unwrap_err(), r#"algo must be one of "ppo", "a2c", "dqn", got "sac""#);
        assert!(Algo::Dqn.log_keys().contains(&"rollout/exploration_rate") && !Algo::Dqn.log_keys().contains(&"time/iterations"));
        assert!(Algo::A2c.log_keys().contains(&"train/policy_loss") && !Algo::A2c.log_keys().contains(&"train/loss"));
        assert_eq!(Algo::Ppo.phases().iter().map(|p| p.0).collect::<Vec<_>>(), ["rollout", "advantages", "update"]);
        assert_eq!(Algo::A2c.phases().iter().map(|p| p.0).collect::<Vec<_>>(), ["rollout", "update"]);
        assert_eq!(Algo::Dqn.phases().iter().map(|p| p.0).collect::<Vec<_>>(), ["collect", "train"]);
        for algo in Algo::ALL {
            assert_eq!(algo.presets(), ["deck", "zoo", "sb3"]);
            let c = Config::preset(algo, "deck").unwrap();
            assert_eq!(c.algo(), algo);
            let l = c.learner(Version::V1, 0).unwrap();
            assert_eq!((l.algo(), l.phase(), l.total_timesteps()), (algo, algo.phases()[0].0, 0));
        }
    }
}
