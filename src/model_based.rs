//! Model-based RL on CartPole, the way it is usually run: act in the real environment with a
//! planner over a model; with a learned model, first collect random play, fit, plan, and refit
//! on everything seen after each episode that fell short ("iterate").
//!
//! [`ModelBased`] runs it in small steps (the deck's worker animates each real step);
//! [`ModelBased::run_to_solve`] runs it to the first 500-step episode (CLI, bench, tests).
//! Every real step is counted: the random ones and the planner's.

use crate::cartpole::{CartPole, Version};
use crate::model::{self, FitConfig, LearnedModel, Model, ModelError, Prediction, State, Transition, TrueModel};
use crate::planner::{Planner, PlannerConfig, check_count};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// Which model the planner uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    /// The Rust CartPole itself: no learning, no data.
    True,
    /// The Mlp fitted to the real steps seen so far.
    Learned,
}

impl ModelKind {
    /// "true" or "learned".
    pub fn parse(name: &str) -> Result<ModelKind, String> {
        match name {
            "true" => Ok(ModelKind::True),
            "learned" => Ok(ModelKind::Learned),
            other => Err(format!("model must be \"true\" or \"learned\", got {other:?}")),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::True => "true",
            ModelKind::Learned => "learned",
        }
    }
}

/// How the learned model gets its data. `Default` is the deck's.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnConfig {
    /// Real steps of random play before the first fit. Default 2,000 (about 90 episodes).
    pub random_steps: usize,
    /// How each fit trains the network.
    pub fit: FitConfig,
    /// Held-out random-play steps (from another seed, never trained on) for the error figures.
    /// Default 500.
    pub held_out_steps: usize,
}

impl Default for LearnConfig {
    fn default() -> LearnConfig {
        LearnConfig { random_steps: 2000, fit: FitConfig::default(), held_out_steps: 500 }
    }
}

/// Range of `random_steps`, one place (the slide's slider reads it through the wasm layer).
pub const RANDOM_STEPS_RANGE: (usize, usize) = (100, 20_000);

impl LearnConfig {
    /// Checks every field; the message names the field, its value and the valid range.
    pub fn validate(&self) -> Result<(), String> {
        check_count("random_steps", self.random_steps, RANDOM_STEPS_RANGE.0, RANDOM_STEPS_RANGE.1)?;
        check_count("held_out_steps", self.held_out_steps, 50, 20_000)?;
        self.fit.validate()
    }
}

/// The planner's model: the true one or the learned one (one planner type for both).
#[derive(Clone, Debug)]
pub enum AnyModel {
    True(TrueModel),
    Learned(LearnedModel),
}

impl Model for AnyModel {
    fn predict(&mut self, state: State, action: usize) -> Prediction {
        match self {
            AnyModel::True(m) => m.predict(state, action),
            AnyModel::Learned(m) => m.predict(state, action),
        }
    }
    fn predict_batch(&mut self, states: &[State], actions: &[usize], out: &mut Vec<Prediction>) {
        match self {
            AnyModel::True(m) => m.predict_batch(states, actions, out),
            AnyModel::Learned(m) => m.predict_batch(states, actions, out),
        }
    }
}

/// A seed for one random stream of a run (the env, the planner, random play, each fit …), so
/// that one seed decides everything and the streams stay independent.
fn stream(seed: u64, k: u64) -> u64 {
    // SplitMix64's finaliser of seed + k·γ.
    let mut z = seed.wrapping_add(k.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// What one real step did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    pub state: State,
    pub action: usize,
    pub reward: f64,
    pub terminated: bool,
    pub truncated: bool,
}

/// What one fit did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitReport {
    /// Transitions the model was fitted to.
    pub transitions: usize,
    /// Error on the held-out set after the fit.
    pub error: ModelError,
    /// The last minibatch's loss (MSE of the normalised Δs).
    pub loss: f64,
}

/// A finished planner episode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpisodeReport {
    pub score: f64,
    /// Real steps used so far, when the episode ended (random play included).
    pub env_steps: u64,
}

/// The outcome of [`ModelBased::run_to_solve`].
#[derive(Clone, Debug, PartialEq)]
pub struct SolveReport {
    /// Real steps used when the first 500-step episode ended; `None` if the budget ran out.
    pub solved_at: Option<u64>,
    pub episodes: Vec<EpisodeReport>,
    pub fits: Vec<FitReport>,
    /// Seconds (by the caller's clock) spent in planner episodes, and their real steps: the
    /// compute per action, without random play and fitting.
    pub plan_seconds: f64,
    pub plan_steps: u64,
}

/// A model-based agent acting in a real CartPole-v1.
#[derive(Clone, Debug)]
pub struct ModelBased {
    kind: ModelKind,
    learn: LearnConfig,
    seed: u64,
    env: CartPole,
    planner: Planner<AnyModel>,
    /// Random play's coin.
    coin: Xoshiro256PlusPlus,
    data: Vec<Transition>,
    held_out: Vec<Vec<Transition>>,
    env_steps: u64,
    episode: u32,
    score: f64,
    fits: u64,
    in_episode: bool,
}

impl ModelBased {
    /// A new run; the configs are validated (messages name the field). The learned model
    /// starts untrained: call [`ModelBased::collect_random`] and [`ModelBased::fit`].
    pub fn new(kind: ModelKind, planner: PlannerConfig, learn: LearnConfig, seed: u64) -> Result<ModelBased, String> {
        planner.validate()?;
        learn.validate()?;
        let model = match kind {
            ModelKind::True => AnyModel::True(TrueModel::default()),
            ModelKind::Learned => AnyModel::Learned(LearnedModel::new(&learn.fit.hidden, stream(seed, 1))),
        };
        let held_out = match kind {
            ModelKind::True => Vec::new(),
            ModelKind::Learned => model::random_episodes(learn.held_out_steps, stream(seed, 2)),
        };
        Ok(ModelBased {
            kind,
            env: CartPole::new(Version::V1, seed),
            planner: Planner::new(planner, model, stream(seed, 3))?,
            coin: Xoshiro256PlusPlus::seed_from_u64(stream(seed, 4)),
            data: Vec::new(),
            held_out,
            env_steps: 0,
            episode: 0,
            score: 0.0,
            fits: 0,
            in_episode: false,
            learn,
            seed,
        })
    }

    pub fn kind(&self) -> ModelKind {
        self.kind
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn planner(&self) -> &Planner<AnyModel> {
        &self.planner
    }
    pub fn learn_config(&self) -> &LearnConfig {
        &self.learn
    }
    /// Real environment steps taken so far (random play and planner).
    pub fn env_steps(&self) -> u64 {
        self.env_steps
    }
    /// Planner episodes started so far (the `k` of `Episode:k`).
    pub fn episode(&self) -> u32 {
        self.episode
    }
    /// Reward of the current (or last) planner episode.
    pub fn score(&self) -> f64 {
        self.score
    }
    /// Transitions collected for the learned model.
    pub fn transitions(&self) -> usize {
        self.data.len()
    }
    /// The real environment's state.
    pub fn state(&self) -> State {
        self.env.state()
    }
    /// True when no planner episode is running (before the first, or after one ended).
    pub fn episode_over(&self) -> bool {
        !self.in_episode
    }

    /// `random_steps` real steps with random pushes (episodes reset as they end), kept as
    /// training data. Returns the number of random episodes it took.
    pub fn collect_random(&mut self) -> usize {
        let mut episodes = 0;
        self.env.reset();
        self.in_episode = false;
        for _ in 0..self.learn.random_steps {
            let state = self.env.state();
            let action = self.coin.random_range(0..2usize);
            let step = self.env.step(action);
            self.env_steps += 1;
            self.data.push(Transition { state, action, next: self.env.state() });
            if step.terminated || step.truncated {
                episodes += 1;
                self.env.reset();
            }
        }
        episodes
    }

    /// Fits the learned model to every transition so far (from fresh weights) and gives it
    /// to the planner. An error for the true model or with no data.
    pub fn fit(&mut self) -> Result<FitReport, String> {
        if self.kind == ModelKind::True {
            return Err("the true model is not fitted".into());
        }
        if self.data.is_empty() {
            return Err("no transitions to fit yet: collect random steps first".into());
        }
        self.fits += 1;
        let (mut model, loss) = LearnedModel::fit(&self.data, &self.learn.fit, stream(self.seed, 100 + self.fits));
        let error = model::model_error(&mut model, &self.held_out);
        self.planner.set_model(AnyModel::Learned(model));
        Ok(FitReport { transitions: self.data.len(), error, loss })
    }

    /// Starts a planner episode in the real environment; returns its first state.
    pub fn reset(&mut self) -> State {
        self.env.reset();
        self.planner.forget();
        self.episode += 1;
        self.score = 0.0;
        self.in_episode = true;
        self.env.state()
    }

    /// Plans one push and takes it in the real environment (resetting first if no episode
    /// is running). With the learned model the transition joins the training data.
    pub fn step(&mut self) -> StepReport {
        if !self.in_episode {
            self.reset();
        }
        let state = self.env.state();
        let action = self.planner.plan(state);
        let step = self.env.step(action);
        self.env_steps += 1;
        self.score += step.reward;
        if self.kind == ModelKind::Learned {
            self.data.push(Transition { state, action, next: self.env.state() });
        }
        if step.terminated || step.truncated {
            self.in_episode = false;
        }
        StepReport {
            state: self.env.state(),
            action,
            reward: step.reward,
            terminated: step.terminated,
            truncated: step.truncated,
        }
    }

    /// Plays one whole planner episode; returns its score.
    pub fn play_episode(&mut self) -> f64 {
        self.reset();
        while self.in_episode {
            self.step();
        }
        self.score
    }

    /// Runs to the first 500-step episode: (learned: random play and a fit, then) planner
    /// episodes, refitting after each that fell short, until one scores 500 or `budget` real
    /// steps are used up (the episode under way is finished). `clock` gives seconds (the
    /// core has no clock of its own: natively `Instant`, in the browser `performance.now`).
    pub fn run_to_solve(&mut self, budget: u64, clock: &dyn Fn() -> f64) -> SolveReport {
        let mut report =
            SolveReport { solved_at: None, episodes: Vec::new(), fits: Vec::new(), plan_seconds: 0.0, plan_steps: 0 };
        if self.kind == ModelKind::Learned {
            self.collect_random();
            report.fits.push(self.fit().expect("data was just collected"));
        }
        while self.env_steps < budget {
            let (t0, s0) = (clock(), self.env_steps);
            let score = self.play_episode();
            report.plan_seconds += clock() - t0;
            report.plan_steps += self.env_steps - s0;
            report.episodes.push(EpisodeReport { score, env_steps: self.env_steps });
            if score >= 500.0 {
                report.solved_at = Some(self.env_steps);
                break;
            }
            if self.kind == ModelKind::Learned && self.env_steps < budget {
                report.fits.push(self.fit().expect("there is data"));
            }
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The acceptance test of the true model: CartPole-v1 kept up for all 500 steps, zero
    /// training, from several seeds, at the default settings.
    #[test]
    fn true_model_planner_keeps_the_pole_up_500_steps() {
        for seed in 0..4 {
            let mut run = ModelBased::new(ModelKind::True, PlannerConfig::default(), LearnConfig::default(), seed).unwrap();
            assert_eq!(run.play_episode(), 500.0, "seed {seed}");
            assert_eq!(run.env_steps(), 500);
        }
    }

    #[test]
    fn same_seed_same_bits() {
        let play = |kind, seed| {
            let learn = LearnConfig { random_steps: 300, fit: FitConfig { steps: 100, ..FitConfig::default() }, ..LearnConfig::default() };
            let mut run = ModelBased::new(kind, PlannerConfig::default(), learn, seed).unwrap();
            if kind == ModelKind::Learned {
                run.collect_random();
                run.fit().unwrap();
            }
            let mut states = Vec::new();
            for _ in 0..60 {
                let s = run.step();
                states.push(s.state.map(f64::to_bits));
            }
            states
        };
        for kind in [ModelKind::True, ModelKind::Learned] {
            assert_eq!(play(kind, 7), play(kind, 7), "{kind:?}");
            assert_ne!(play(kind, 7), play(kind, 8), "{kind:?}");
        }
    }

    #[test]
    fn configs_are_validated_with_the_field_named() {
        let bad = LearnConfig { random_steps: 5, ..LearnConfig::default() };
        let e = ModelBased::new(ModelKind::Learned, PlannerConfig::default(), bad, 0).unwrap_err();
        assert_eq!(e, "random_steps = 5 is outside 100..=20000");
        let bad = PlannerConfig { samples: 0, ..PlannerConfig::default() };
        let e = ModelBased::new(ModelKind::True, bad, LearnConfig::default(), 0).unwrap_err();
        assert_eq!(e, "samples = 0 is outside 1..=2000");
    }
}
