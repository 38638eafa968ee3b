//! DQN — Deep Q-Network (Mnih et al., 2015) — as stable-baselines3 2.x implements it ("no
//! extensions": not Double DQN), on a vector of CartPoles. Read it top to bottom:
//!
//! 1. [`td_targets`] and [`huber_td_loss`]: y = r + γ·(1 − terminated)·max Q_target(s′), and
//!    smooth-L1 (β = 1) between Q(s, a) and y, with its gradient.
//! 2. [`Dqn::new`]: a ReLU Q-network with PyTorch's default init, its target copy, Adam
//!    (ε 1e-8), the replay buffer, the envs.
//! 3. [`Dqn::train_iteration`]: SB3's `learn` loop body: collect `train_freq` vector steps
//!    ([`Dqn::collect_step`]: ε-greedy or warm-up action → env step → replay → target copy →
//!    ε schedule → a table every `log_interval` episodes), then, once past
//!    `learning_starts`, [`Dqn::train`] `gradient_steps` times.
//!
//! Shared with PPO: the envs and episode statistics ([`crate::rollout::Collector`]), the
//! schedules, Adam and gradient clipping, and SB3's table ([`crate::sb3_log`]).

pub mod config;
pub mod metrics;
pub mod replay;

pub use config::DqnConfig;
pub use metrics::Metrics;
pub use replay::ReplayBuffer;

use crate::adam::{Adam, clip_grad_norm};
use crate::agent::{Agent, N_ACTIONS, Nets, OBS_DIM, greedy_action};
use crate::learner::{Algo, Learner, PhaseLine, learner_common};
use crate::ppo::ROLLOUT_CHUNK_STEPS;
use crate::sb3_log::{LogValue, Sb3Log};
use crate::cartpole::Version;
use crate::categorical;
use crate::mlp::{Activation, Mlp, Scalar, Tape};
use crate::rollout::Collector;
use crate::schedule;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use replay::Batch;
use serde::Serialize;

/// The phases of an iteration ([`Dqn::step_phase`]), with their pseudocode.
pub const PHASES: [PhaseLine; 2] = [
    ("collect", "collect train_freq steps ε-greedy on Q into the replay buffer; Q_target ← Q every target_update_interval steps"),
    ("train", "gradient_steps times: sample a batch, step on Huber(Q(s, a), r + γ·max Q_target(s′))"),
];

/// Batch rows × weights (about the multiply-adds of one forward pass) that one training
/// slice of [`Dqn::step_phase`] may spend at most, and at least one gradient step: 14
/// gradient steps of the deck's 64-64 network, one of the zoo's 256-256.
pub const TRAIN_SLICE_WORK: usize = 1 << 22;

// ─────────────────────────────── 1. The loss ───────────────────────────────

/// The TD targets y = r + γ·(1 − terminated)·maxₐ Q_target(s′, a), written into `out`.
/// Only termination stops the bootstrap: a time-limit truncation is not an end of the task.
pub fn td_targets<F: Scalar>(next_q: ArrayView2<F>, rewards: &[f32], terminated: &[bool], gamma: f64, out: &mut Array1<F>) {
    let gamma = F::from_f64(gamma);
    *out = Array1::from_shape_fn(rewards.len(), |i| {
        let max_next = next_q.row(i).iter().fold(F::neg_infinity(), |m, &q| m.max(q));
        let not_done = if terminated[i] { F::zero() } else { F::one() };
        F::from_f64(rewards[i] as f64) + not_done * gamma * max_next
    });
}

/// torch's `smooth_l1_loss(Q(s, a), y)` (β = 1, mean): ½x² for |x| < 1, |x| − ½ beyond, with
/// x = Q(s, a) − y. Writes ∂loss/∂Q into `d_q` (B × actions): clamp(x, −1, 1)/B at the action
/// taken, 0 elsewhere. Returns the loss.
pub fn huber_td_loss<F: Scalar>(q: ArrayView2<F>, actions: &[usize], targets: ArrayView1<F>, d_q: &mut Array2<F>) -> f64 {
    let b = q.nrows();
    let inv_b = F::from_f64(1.0 / b as f64);
    if d_q.dim() != q.dim() {
        *d_q = Array2::zeros(q.dim());
    }
    d_q.fill(F::zero());
    let mut loss = 0.0;
    for i in 0..b {
        let x = (q[[i, actions[i]]] - targets[i]).as_f64();
        loss += if x.abs() < 1.0 { 0.5 * x * x } else { x.abs() - 0.5 };
        d_q[[i, actions[i]]] = F::from_f64(x.clamp(-1.0, 1.0)) * inv_b;
    }
    loss / b as f64
}

// ─────────────────────────────── 2. The learner ───────────────────────────────

/// A DQN learner on `n_envs` CartPoles.
pub struct Dqn {
    pub config: DqnConfig,
    pub env_version: Version,
    pub seed: u64,
    pub q_net: Mlp<f32>,
    /// A frozen copy of `q_net` for the TD targets, re-copied every
    /// [`DqnConfig::target_update_every`] vector steps.
    pub q_target: Mlp<f32>,
    opt: Adam<f32>,
    /// Everything random after the init: warm-up and ε actions, replay sampling.
    rng: StdRng,
    collector: Collector,
    replay: ReplayBuffer,
    /// ε for the next action (SB3 starts it at 0, and sets it after each step).
    exploration_rate: f64,
    /// `env.step()` calls so far (SB3's `n_calls`), warm-up included.
    n_calls: u64,
    /// What SB3's logger holds now: the next table's values.
    metrics: Metrics,
    /// The tables written during the last [`Dqn::train_iteration`].
    dumps: Vec<Metrics>,
    /// The logger's values after the last iteration, time and rollout keys as of its end.
    live: Metrics,
    scratch: Scratch,
    /// Where a sliced iteration ([`Dqn::step_phase`]) stands.
    cursor: Cursor,
}

/// Where an iteration stands between [`Dqn::step_phase`] calls.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cursor {
    /// `step` vector steps of this collection done.
    Collect { step: usize },
    /// `done` gradient steps of this training done; their summed losses.
    Train { done: usize, loss_sum: f64 },
}

/// Buffers reused by every step, so the hot loop does not allocate.
#[derive(Default)]
struct Scratch {
    actions: Vec<usize>,
    batch: Batch,
    targets: Array1<f32>,
    d_q: Array2<f32>,
    tape: Tape<f32>,
    target_tape: Tape<f32>,
    grads: Option<Mlp<f32>>,
}

impl Dqn {
    /// A fresh learner. Everything random (init, envs, actions, sampling) follows `seed`.
    pub fn new(config: DqnConfig, env_version: Version, seed: u64) -> Result<Dqn, String> {
        config.validate()?;
        let mut rng = StdRng::seed_from_u64(seed);
        let sizes = [&[OBS_DIM], config.hidden.as_slice(), &[N_ACTIONS]].concat();
        let q_net = Mlp::torch_default(&sizes, Activation::Relu, &mut rng);
        // SB3 holds `buffer_size // n_envs` rows; a run never writes more rows than its budget
        // and one collection, so a smaller ring is the same buffer (it never wraps sooner).
        let budget_rows = config.total_timesteps.div_ceil(config.n_envs as u64) as usize + config.train_freq;
        let rows = (config.buffer_size / config.n_envs).min(budget_rows);
        Ok(Dqn {
            opt: Adam::with_eps(&q_net, 1e-8),
            scratch: Scratch { grads: Some(q_net.zeros_like()), ..Scratch::default() },
            q_target: q_net.clone(),
            q_net,
            rng,
            collector: Collector::new(env_version, config.n_envs, seed),
            replay: ReplayBuffer::new(rows, config.n_envs),
            exploration_rate: 0.0,
            n_calls: 0,
            metrics: Metrics { ep_rew_mean: f64::NAN, ep_len_mean: f64::NAN, ..Metrics::default() },
            dumps: Vec::new(),
            live: Metrics { ep_rew_mean: f64::NAN, ep_len_mean: f64::NAN, ..Metrics::default() },
            cursor: Cursor::Collect { step: 0 },
            env_version,
            seed,
            config,
        })
    }

    // ─────────────────────────── 3. One iteration ───────────────────────────

    /// One turn of SB3's `learn` loop: collect `train_freq` vector steps, then train if more
    /// than `learning_starts` steps are in (strictly more, checked only here). Returns the
    /// tables logged meanwhile. `clock()` returns seconds since training started.
    /// Gives the same bits as calling [`Dqn::step_phase`] until it returns true (and finishes
    /// an iteration it began).
    pub fn train_iteration(&mut self, clock: &dyn Fn() -> f64) -> &[Metrics] {
        if self.cursor != (Cursor::Collect { step: 0 }) {
            while !self.step_phase(clock) {}
            return &self.dumps;
        }
        self.dumps.clear();
        for _ in 0..self.config.train_freq {
            self.collect_step(clock);
        }
        if self.collector.num_timesteps > self.config.learning_starts {
            self.train(self.config.gradient_steps);
        }
        self.finish_iteration(clock);
        &self.dumps
    }

    /// One slice of an iteration: a chunk of the collection (≤ [`ROLLOUT_CHUNK_STEPS`] env
    /// steps), or a chunk of the training's gradient steps (≤ [`TRAIN_SLICE_WORK`]). True
    /// when it finished the iteration.
    pub fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> bool {
        let (train_freq, gradient_steps) = (self.config.train_freq, self.config.gradient_steps);
        match self.cursor {
            Cursor::Collect { step } => {
                if step == 0 {
                    self.dumps.clear();
                }
                let end = (step + (ROLLOUT_CHUNK_STEPS / self.config.n_envs).max(1)).min(train_freq);
                for _ in step..end {
                    self.collect_step(clock);
                }
                self.cursor = if end < train_freq {
                    Cursor::Collect { step: end }
                } else if self.collector.num_timesteps > self.config.learning_starts {
                    Cursor::Train { done: 0, loss_sum: 0.0 }
                } else {
                    return self.finish_iteration(clock);
                };
                false
            }
            Cursor::Train { done, mut loss_sum } => {
                let work = self.config.batch_size * self.q_net.num_params();
                let end = (done + (TRAIN_SLICE_WORK / work).max(1)).min(gradient_steps);
                self.gradient_steps(end - done, &mut loss_sum);
                if end < gradient_steps {
                    self.cursor = Cursor::Train { done: end, loss_sum };
                    return false;
                }
                self.record_training(gradient_steps, loss_sum);
                self.finish_iteration(clock)
            }
        }
    }

    /// The phase the next [`Dqn::step_phase`] works on: "collect" or "train".
    pub fn phase(&self) -> &'static str {
        PHASES[matches!(self.cursor, Cursor::Train { .. }) as usize].0
    }

    /// The live log, and the next iteration starts with a collection.
    fn finish_iteration(&mut self, clock: &dyn Fn() -> f64) -> bool {
        self.cursor = Cursor::Collect { step: 0 };
        self.live = self.metrics.clone();
        stamp(&mut self.live, &self.collector, clock);
        // SB3 shows train/* in a table only after a training; the live log once there was one.
        self.live.trained_since_dump = self.live.n_updates > 0;
        true
    }

    /// One vector step of SB3's `collect_rollouts`, with `DQN._on_step` after it.
    pub fn collect_step(&mut self, clock: &dyn Fn() -> f64) {
        let cfg = &self.config;
        let n_envs = cfg.n_envs;
        // Warm-up: uniformly random actions. Then ε-greedy, with ONE coin for the whole
        // vector of envs (SB3's `DQN.predict`), greedy on the online network.
        let actions = &mut self.scratch.actions;
        actions.clear();
        if self.collector.num_timesteps < cfg.learning_starts || self.rng.random::<f64>() < self.exploration_rate {
            actions.extend((0..n_envs).map(|_| self.rng.random_range(0..N_ACTIONS)));
        } else {
            let q = self.q_net.forward_tape(self.collector.last_obs.view(), &mut self.scratch.tape);
            actions.extend(q.rows().into_iter().map(|row| categorical::argmax(row.as_slice().expect("row-major"))));
        }
        let mut ended = 0;
        for (e, &action) in actions.iter().enumerate() {
            let mut obs = [0f32; OBS_DIM];
            obs.iter_mut().zip(self.collector.last_obs.row(e)).for_each(|(o, &v)| *o = v);
            let step = self.collector.step_env(e, action);
            self.replay.put(e, ArrayView1::from(&obs), &step.obs, action, step.reward, step.terminated, step.truncated);
            ended += (step.terminated || step.truncated) as u64;
        }
        self.replay.advance();
        self.collector.num_timesteps += n_envs as u64;

        // _on_step: the target copy (τ = 1), during collection, every n vector steps.
        self.n_calls += 1;
        if self.n_calls.is_multiple_of(cfg.target_update_every()) {
            self.q_target.clone_from(&self.q_net);
        }
        let progress = schedule::progress_remaining(self.collector.num_timesteps, cfg.total_timesteps);
        self.exploration_rate = schedule::linear_between(
            cfg.exploration_initial_eps,
            cfg.exploration_final_eps,
            cfg.exploration_fraction,
            progress,
        );
        self.metrics.exploration_rate = self.exploration_rate;
        // A table at every log_interval-th finished episode, mid-collection.
        let finished = self.collector.episodes.finished().len() as u64;
        let log_interval = cfg.log_interval;
        for episode_num in finished - ended + 1..=finished {
            if episode_num.is_multiple_of(log_interval) {
                self.dump(clock);
            }
        }
    }

    /// SB3's `DQN.train`: `gradient_steps` Huber TD steps on batches sampled from the replay
    /// buffer, against the target network as it stands (it is not copied in here).
    pub fn train(&mut self, gradient_steps: usize) {
        let mut loss_sum = 0.0;
        self.gradient_steps(gradient_steps, &mut loss_sum);
        self.record_training(gradient_steps, loss_sum);
    }

    /// The learning rate of a training now: constant, or as SB3's schedule gives it.
    fn learning_rate(&self) -> f64 {
        let cfg = &self.config;
        let progress = schedule::progress_remaining(self.collector.num_timesteps, cfg.total_timesteps);
        schedule::linear(cfg.learning_rate, false, progress)
    }

    /// `n` Huber TD steps of a training, adding each one's loss to `loss_sum`.
    fn gradient_steps(&mut self, n: usize, loss_sum: &mut f64) {
        let lr = self.learning_rate();
        let cfg = &self.config;
        let s = &mut self.scratch;
        let grads = s.grads.as_mut().expect("made in new");
        for _ in 0..n {
            self.replay.sample(cfg.batch_size, &mut self.rng, &mut s.batch);
            let next_q = self.q_target.forward_tape(s.batch.next_obs.view(), &mut s.target_tape);
            td_targets(next_q, &s.batch.rewards, &s.batch.terminated, cfg.gamma, &mut s.targets);
            let q = self.q_net.forward_tape(s.batch.obs.view(), &mut s.tape);
            *loss_sum += huber_td_loss(q, &s.batch.actions, s.targets.view(), &mut s.d_q);
            self.q_net.backward(&mut s.tape, s.d_q.view(), grads);
            clip_grad_norm(&mut [grads], cfg.max_grad_norm);
            self.opt.step(&mut self.q_net, grads, lr);
        }
    }

    /// SB3's `train/*` records of a training of `gradient_steps` steps.
    fn record_training(&mut self, gradient_steps: usize, loss_sum: f64) {
        let lr = self.learning_rate();
        let m = &mut self.metrics;
        m.learning_rate = lr;
        m.n_updates += gradient_steps as u64;
        m.loss = loss_sum / gradient_steps as f64;
        m.trained_since_dump = true;
    }

    /// SB3's `dump_logs`: the logger's values as a table, after which `train/*` is cleared.
    fn dump(&mut self, clock: &dyn Fn() -> f64) {
        stamp(&mut self.metrics, &self.collector, clock);
        self.dumps.push(self.metrics.clone());
        self.metrics.trained_since_dump = false;
    }

    // ─────────────────────────── What a caller reads ───────────────────────────

    /// What the logger holds now (the values of the next table).
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// ε for the next action.
    pub fn exploration_rate(&self) -> f64 {
        self.exploration_rate
    }





    /// The greedy action: argmax Q (the first on a tie, as torch's argmax).
    pub fn act_greedy(&self, obs: &[f32; OBS_DIM]) -> usize {
        greedy_action(&self.q_net, obs)
    }

    /// A copy of the Q-network (greedy play: argmax Q).
    pub fn agent(&self) -> Agent {
        Agent {
            env: self.env_version,
            nets: Nets::Q(self.q_net.clone()),
            meta: serde_json::to_string(&RunMeta { algo: "dqn", config: &self.config, seed: self.seed, total_timesteps: self.collector.num_timesteps })
                .ok() // `Option::expect`: no JSON error text in the wasm build
                .expect("a config always serialises"),
        }
    }

    /// The replay buffer (for inspection and tests).
    pub fn replay(&self) -> &ReplayBuffer {
        &self.replay
    }
}

/// What a trained agent's `meta` records about its run.
#[derive(Serialize)]
struct RunMeta<'a> {
    algo: &'static str,
    config: &'a DqnConfig,
    seed: u64,
    total_timesteps: u64,
}

/// The time and rollout keys as they stand now (what SB3's `dump_logs` records).
fn stamp(m: &mut Metrics, collector: &Collector, clock: &dyn Fn() -> f64) {
    let episodes = &collector.episodes;
    m.ep_rew_mean = episodes.ep_rew_mean();
    m.ep_len_mean = episodes.ep_len_mean();
    m.episodes = episodes.finished().len() as u64;
    let t = clock().max(f64::EPSILON);
    m.time_elapsed = t;
    m.total_timesteps = collector.num_timesteps;
    m.fps = m.total_timesteps as f64 / t;
}

impl Learner for Dqn {
    learner_common!(Algo::Dqn);
    fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> bool {
        Dqn::step_phase(self, clock)
    }
    fn phase(&self) -> &'static str {
        Dqn::phase(self)
    }
    fn at_iteration_start(&self) -> bool {
        self.cursor == Cursor::Collect { step: 0 }
    }
    fn log(&self) -> Vec<(&'static str, LogValue)> {
        self.live.log_values()
    }
    fn tables(&self) -> Vec<Vec<(&'static str, LogValue)>> {
        self.dumps.iter().map(Metrics::log_values).collect()
    }
    fn nets(&self) -> Vec<&Mlp<f32>> {
        vec![&self.q_net]
    }
    fn nets_mut(&mut self) -> Vec<&mut Mlp<f32>> {
        vec![&mut self.q_net]
    }
    fn act_greedy(&self, obs: &[f32; 4]) -> usize {
        Dqn::act_greedy(self, obs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny(config: DqnConfig) -> Dqn {
        Dqn::new(DqnConfig { hidden: vec![8], ..config }, Version::V1, 0).unwrap()
    }

    const NO_CLOCK: &dyn Fn() -> f64 = &|| 1.0;

    #[test]
    fn epsilon_follows_sb3s_linear_schedule_over_the_whole_budget() {
        // Zoo: ε(t) = 1 − 0.96·(t/50000)/0.16 → 0.88 at t = 1000, 0.04 from t = 8000.
        let mut dqn = tiny(DqnConfig::zoo());
        assert_eq!(dqn.exploration_rate(), 0.0, "SB3 starts ε at 0");
        let mut at = std::collections::HashMap::new();
        while dqn.total_timesteps() < 8400 {
            dqn.collect_step(NO_CLOCK);
            at.insert(dqn.total_timesteps(), dqn.exploration_rate());
        }
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(at[&1], 1.0 - 0.96 / 50000.0 / 0.16));
        assert!(close(at[&1000], 0.88), "{}", at[&1000]);
        assert!(close(at[&4000], 0.52), "{}", at[&4000]);
        assert!(close(at[&8000], 0.04) && at[&8001] == 0.04 && at[&8400] == 0.04);
        assert_eq!(dqn.metrics().exploration_rate, 0.04);
        // Counted over all envs: with 4 envs, step k ends at 4k timesteps.
        let mut dqn = tiny(DqnConfig { n_envs: 4, ..DqnConfig::zoo() });
        for _ in 0..250 {
            dqn.collect_step(NO_CLOCK);
        }
        assert!(close(dqn.exploration_rate(), 0.88));
    }

    #[test]
    fn training_starts_after_learning_starts_and_n_updates_counts_gradient_steps() {
        // SB3 defaults: train_freq 4, learning_starts 100: 100 > 100 is false, so the first
        // training is at 104, one gradient step each.
        let mut dqn = tiny(DqnConfig::sb3());
        while dqn.total_timesteps() < 100 {
            dqn.train_iteration(NO_CLOCK);
            assert_eq!(dqn.metrics().n_updates, 0);
        }
        dqn.train_iteration(NO_CLOCK);
        assert_eq!((dqn.total_timesteps(), dqn.metrics().n_updates), (104, 1));
        // Zoo's schedule on a budget of 2000: collections end at 256·k; trainings at 1024,
        // 1280, 1536, 1792 and 2048, 128 gradient steps each.
        let mut dqn = tiny(DqnConfig { total_timesteps: 2000, ..DqnConfig::zoo() });
        let mut n = 0;
        while !dqn.is_done() {
            dqn.train_iteration(NO_CLOCK);
            n += 1;
            let want = if dqn.total_timesteps() >= 1024 { 128 * (dqn.total_timesteps() - 768) / 256 } else { 0 };
            assert_eq!(dqn.metrics().n_updates, want, "at {}", dqn.total_timesteps());
        }
        assert_eq!((n, dqn.total_timesteps(), dqn.metrics().n_updates), (8, 2048, 640));
    }

    #[test]
    fn the_target_is_copied_every_interval_during_collection() {
        // 2 envs, interval 6 transitions: a copy every 3rd vector step, before that step's
        // training; one gradient step after every vector step moves the online network.
        let config = DqnConfig { n_envs: 2, target_update_interval: 6, train_freq: 1, gradient_steps: 1, learning_starts: 0, ..DqnConfig::sb3() };
        let mut dqn = tiny(config);
        for k in 1..=12 {
            let (q_before, target_before) = (dqn.q_net.clone(), dqn.q_target.clone());
            dqn.train_iteration(NO_CLOCK);
            assert_ne!(dqn.q_net, q_before, "step {k} trained");
            if k % 3 == 0 {
                assert_eq!(dqn.q_target, q_before, "copied at step {k}, before training");
            } else {
                assert_eq!(dqn.q_target, target_before, "untouched at step {k}");
            }
        }
    }

    #[test]
    fn truncation_bootstraps_and_termination_does_not() {
        // Three transitions, reward 1, γ = ½; max Q(s′) = 4 for each.
        let next_q = ndarray::arr2(&[[4.0, 2.0], [1.0, 4.0], [4.0, 4.0]]);
        let mut y = Array1::zeros(0);
        // Row 0 ran on, row 1 hit the time limit (stored as truncated, not terminated), row 2 fell.
        td_targets(next_q.view(), &[1.0, 1.0, 1.0], &[false, false, true], 0.5, &mut y);
        assert_eq!(y.to_vec(), vec![3.0, 3.0, 1.0]);
        // What the replay hands back for a time-limit step: not terminated.
        let mut rb = ReplayBuffer::new(1, 1);
        let o = [0.0f32; 4];
        rb.put(0, ArrayView1::from(&o), &o, 1, 1.0, false, true);
        rb.advance();
        let mut batch = Batch::default();
        rb.sample(4, &mut StdRng::seed_from_u64(1), &mut batch);
        assert_eq!(batch.terminated, vec![false; 4]);
        assert!(rb.is_truncated(0, 0));
    }

    #[test]
    fn huber_loss_is_quadratic_inside_one_and_linear_outside() {
        let q = ndarray::arr2(&[[0.5, 9.0], [9.0, 3.0]]);
        let mut d = Array2::zeros((0, 0));
        // x = 0.5 − 0 = 0.5 → 0.125; x = 3 − 0 = 3 → 2.5; mean 1.3125.
        let loss = huber_td_loss(q.view(), &[0, 1], ndarray::arr1(&[0.0, 0.0]).view(), &mut d);
        assert_eq!(loss, 1.3125);
        assert_eq!(d, ndarray::arr2(&[[0.25, 0.0], [0.0, 0.5]]));
    }

    #[test]
    fn tables_come_every_log_interval_episodes_with_train_keys_once_per_training() {
        let mut dqn = tiny(DqnConfig { total_timesteps: 4096, ..DqnConfig::zoo() });
        let mut tables = Vec::new();
        while !dqn.is_done() {
            tables.extend(dqn.train_iteration(NO_CLOCK).iter().cloned());
        }
        assert!(tables.iter().all(|m| m.episodes % 4 == 0));
        // None before the first training (at 1024); afterwards only the first table after
        // each training shows train/ (the logger clears it).
        assert!(tables.iter().filter(|m| m.total_timesteps <= 1024).all(|m| !m.trained_since_dump));
        let trained: Vec<u64> = tables.iter().filter(|m| m.trained_since_dump).map(|m| m.total_timesteps).collect();
        assert!(!trained.is_empty());
        assert!(trained.windows(2).all(|w| w[1].div_ceil(256) > w[0].div_ceil(256)), "{trained:?}");
        let first = tables.iter().find(|m| m.trained_since_dump).unwrap();
        assert_eq!(first.n_updates, 128);
        assert!(first.sb3_table().contains("train/"));
    }
}
