//! PPO — Proximal Policy Optimisation (Schulman et al., 2017) — as stable-baselines3 2.x
//! implements it, on a vector of CartPoles. Read it top to bottom, as CleanRL's `ppo.py`:
//!
//! 1. [`ppo_loss`]: clipped surrogate + value loss + entropy bonus, and its gradient.
//! 2. [`Ppo::new`]: the actor, the critic, their optimisers, the envs.
//! 3. [`Ppo::train_iteration`]: collect a rollout → advantages (GAE) → schedules → n_epochs of
//!    minibatch updates → metrics, each step a helper below it, in that order.
//!
//! Around it: [`config`] (every hyperparameter, declared once, and the presets), [`metrics`]
//! (SB3's log keys), [`cursor`] (the same iteration in slices, for the deck's worker), and the
//! modules any algorithm shares: [`crate::rollout`] (buffer, collection, GAE),
//! [`crate::episodes`] (ep_rew_mean), [`crate::schedule`], [`crate::sb3_log`] (SB3's table).
//!
//! The names of the implementation details applied are spelled out where they happen
//! ("bootstrap on truncation", "advantage normalisation per minibatch", …).

pub mod config;
pub mod cursor;
pub mod metrics;

pub use config::PpoConfig;
pub use cursor::{Phase, ROLLOUT_CHUNK_STEPS};
pub use metrics::Metrics;

use crate::adam::{Adam, clip_grad_norm};
use crate::agent::{Agent, N_ACTIONS, Nets, OBS_DIM, greedy_action};
use crate::learner::{Algo, Learner, learner_common};
use crate::sb3_log::{LogValue, Sb3Log};
use crate::cartpole::Version;
use crate::categorical;
use crate::mlp::{Mlp, Scalar, Tape};
pub use crate::rollout::normalise_advantages;
use crate::rollout::{Collector, RolloutBuffer, explained_variance};
use crate::schedule;
use cursor::Cursor;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::Serialize;

// ─────────────────────────────── 1. The loss ───────────────────────────────

/// The per-sample data the loss needs for one minibatch.
pub struct LossBatch<'a, F> {
    pub actions: &'a [usize],
    /// log π_old(a|s) from the rollout.
    pub old_log_probs: ArrayView1<'a, F>,
    /// Advantages, already normalised over the minibatch.
    pub advantages: ArrayView1<'a, F>,
    pub returns: ArrayView1<'a, F>,
}

/// The loss's coefficients for this update.
#[derive(Clone, Copy, Debug, Default)]
pub struct LossCoefs {
    pub clip_range: f64,
    pub ent_coef: f64,
    pub vf_coef: f64,
}

/// What one minibatch's loss reports (SB3's per-minibatch quantities).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LossStats {
    /// −mean(min(A·r, A·clip(r, 1−ε, 1+ε)))
    pub policy_gradient_loss: f64,
    /// mean((R − V)²), no ½.
    pub value_loss: f64,
    /// −mean(entropy)
    pub entropy_loss: f64,
    /// pg + ent_coef·entropy_loss + vf_coef·value_loss
    pub loss: f64,
    /// mean((r − 1) − log r), the k3 estimator of KL(old‖new).
    pub approx_kl: f64,
    /// mean(|r − 1| > ε)
    pub clip_fraction: f64,
}

/// PPO's loss on one minibatch, and its gradient with respect to the actor's logits
/// (`d_logits`, B × actions) and the critic's outputs (`d_values`, B × 1), both overwritten.
///
/// Gradient of the clipped surrogate: torch's `min` sends the gradient to the smaller
/// argument (half to each on a tie) and `clamp` passes it only inside [1−ε, 1+ε], so
/// ∂/∂r of min(A·r, A·clip(r)) is A when A·r ≤ A·clip(r) and 0 otherwise.
pub fn ppo_loss<F: Scalar>(
    logits: ArrayView2<F>,
    values: ArrayView2<F>,
    batch: &LossBatch<F>,
    coefs: LossCoefs,
    d_logits: &mut Array2<F>,
    d_values: &mut Array2<F>,
) -> LossStats {
    let b = logits.nrows();
    let n_actions = logits.ncols();
    assert!(n_actions <= N_ACTIONS.max(8), "at most 8 actions");
    let inv_b = F::from_f64(1.0 / b as f64);
    let eps = F::from_f64(coefs.clip_range);
    let (lo, hi) = (F::one() - eps, F::one() + eps);
    let ent_coef = F::from_f64(coefs.ent_coef);
    let vf_coef = F::from_f64(coefs.vf_coef);
    let two = F::from_f64(2.0);

    let mut st = LossStats::default();
    let mut lp = [F::zero(); 8];
    for i in 0..b {
        let lp = &mut lp[..n_actions];
        categorical::log_softmax(logits.row(i), lp);
        let h = categorical::entropy(lp);
        let a = batch.actions[i];
        let adv = batch.advantages[i];
        let log_ratio = lp[a] - batch.old_log_probs[i];
        let ratio = log_ratio.exp();
        let surr1 = adv * ratio;
        let surr2 = adv * ratio.max(lo).min(hi);
        st.policy_gradient_loss -= surr1.min(surr2).as_f64();
        st.entropy_loss -= h.as_f64();
        st.approx_kl += ((ratio - F::one()) - log_ratio).as_f64();
        st.clip_fraction += ((ratio - F::one()).abs() > eps) as u8 as f64;

        let d_ratio = if surr1 <= surr2 { -adv * inv_b } else { F::zero() };
        categorical::backward(lp, h, a, d_ratio * ratio, ent_coef * inv_b, d_logits.row_mut(i));

        let err = values[[i, 0]] - batch.returns[i];
        st.value_loss += (err * err).as_f64();
        d_values[[i, 0]] = vf_coef * two * err * inv_b;
    }
    let n = b as f64;
    st.policy_gradient_loss /= n;
    st.entropy_loss /= n;
    st.value_loss /= n;
    st.approx_kl /= n;
    st.clip_fraction /= n;
    st.loss = st.policy_gradient_loss
        + coefs.ent_coef * st.entropy_loss
        + coefs.vf_coef * st.value_loss;
    st
}

// ─────────────────────────────── 2. The learner ───────────────────────────────

/// A PPO learner on `n_envs` CartPoles.
pub struct Ppo {
    pub config: PpoConfig,
    pub env_version: Version,
    pub seed: u64,
    pub actor: Mlp<f32>,
    pub critic: Mlp<f32>,
    actor_opt: Adam<f32>,
    critic_opt: Adam<f32>,
    /// Everything random after the init: action sampling and minibatch shuffles.
    rng: StdRng,
    collector: Collector,
    buffer: RolloutBuffer,
    metrics: Metrics,
    minibatch: Minibatch,
    /// Where a sliced iteration ([`Ppo::step_phase`]) stands.
    cursor: Cursor,
}

impl Ppo {
    /// A fresh learner. Everything random (init, envs, sampling, shuffles) follows `seed`.
    pub fn new(config: PpoConfig, env_version: Version, seed: u64) -> Result<Ppo, String> {
        config.validate()?;
        let mut rng = StdRng::seed_from_u64(seed);
        let (actor, critic) = crate::rollout::actor_critic(&config.hidden, &mut rng);
        Ok(Ppo {
            actor_opt: Adam::new(&actor),
            critic_opt: Adam::new(&critic),
            minibatch: Minibatch::new(&actor, &critic),
            actor,
            critic,
            rng,
            collector: Collector::new(env_version, config.n_envs, seed),
            buffer: RolloutBuffer::new(config.n_envs, config.n_steps),
            metrics: Metrics { ep_rew_mean: f64::NAN, ep_len_mean: f64::NAN, ..Metrics::default() },
            cursor: Cursor::START,
            env_version,
            seed,
            config,
        })
    }

    // ─────────────────────────── 3. One iteration ───────────────────────────

    /// One iteration: collect a rollout, then update. `clock()` returns seconds since
    /// training started (the core never reads a clock itself: wasm32 has no `Instant`).
    /// Gives the same bits as calling [`Ppo::step_phase`] until it returns the metrics.
    pub fn train_iteration(&mut self, clock: &dyn Fn() -> f64) -> &Metrics {
        if !self.cursor.at_start() {
            // An iteration that `step_phase` began is finished in slices, where it stands.
            while self.step_phase(clock).is_none() {}
            return &self.metrics;
        }
        self.collect_rollout(0, self.config.n_steps);
        self.compute_advantages();
        let mut update = self.start_update();
        for _ in 0..self.config.n_epochs {
            self.update_epoch(&mut update);
        }
        self.finish_iteration(&update, clock)
    }

    /// Fills rows `t0..t1` of the rollout buffer with the current policy (SB3 `collect_rollouts`).
    fn collect_rollout(&mut self, t0: usize, t1: usize) {
        let (actor, critic) = (&self.actor, &self.critic);
        self.collector.collect(actor, critic, &mut self.rng, self.config.gamma, &mut self.buffer, t0..t1);
    }

    /// Advantages and returns over the finished rollout (GAE(γ, λ)).
    fn compute_advantages(&mut self) {
        let (gamma, lambda) = (self.config.gamma, self.config.gae_lambda);
        self.collector.compute_advantages(&self.actor, &self.critic, gamma, lambda, &mut self.buffer);
    }

    /// The schedules, set once per update from SB3's `progress_remaining` (after the rollout):
    /// the learning rate and the clip range, each constant or decaying linearly to 0.
    fn start_update(&mut self) -> Update {
        let cfg = &self.config;
        let progress = schedule::progress_remaining(self.collector.num_timesteps, cfg.total_timesteps);
        self.minibatch.indices.clear();
        self.minibatch.indices.extend(0..self.buffer.len());
        Update {
            lr: schedule::linear(cfg.learning_rate, cfg.lr_linear_decay, progress),
            coefs: LossCoefs {
                clip_range: schedule::linear(cfg.clip_range, cfg.clip_linear_decay, progress),
                ent_coef: cfg.ent_coef,
                vf_coef: cfg.vf_coef,
            },
            ..Update::default()
        }
    }

    /// One epoch: one pass of shuffled minibatches over the rollout, a gradient step on each
    /// (one turn of the epoch loop of SB3's `PPO.train`).
    fn update_epoch(&mut self, update: &mut Update) {
        let (batch_size, max_grad_norm) = (self.config.batch_size, self.config.max_grad_norm);
        let mb = &mut self.minibatch;
        update.kl_last_epoch = (0.0, 0);
        mb.indices.shuffle(&mut self.rng);
        for start in (0..mb.indices.len()).step_by(batch_size) {
            let end = (start + batch_size).min(mb.indices.len());
            mb.gather(&self.buffer, start..end);
            // Advantage normalisation per minibatch (torch's unbiased std, + 1e-8).
            normalise_advantages(&mut mb.advantages);

            let logits = self.actor.forward_tape(mb.obs.view(), &mut mb.actor_tape);
            let values = self.critic.forward_tape(mb.obs.view(), &mut mb.critic_tape);
            let batch = LossBatch {
                actions: &mb.actions,
                old_log_probs: mb.old_log_probs.view(),
                advantages: mb.advantages.view(),
                returns: mb.returns.view(),
            };
            let stats = ppo_loss(logits, values, &batch, update.coefs, &mut mb.d_logits, &mut mb.d_values);
            update.add(stats);

            self.actor.backward(&mut mb.actor_tape, mb.d_logits.view(), &mut mb.actor_grads);
            self.critic.backward(&mut mb.critic_tape, mb.d_values.view(), &mut mb.critic_grads);
            // Global gradient-norm clipping over actor and critic together.
            clip_grad_norm(&mut [&mut mb.actor_grads, &mut mb.critic_grads], max_grad_norm);
            self.actor_opt.step(&mut self.actor, &mb.actor_grads, update.lr);
            self.critic_opt.step(&mut self.critic, &mb.critic_grads, update.lr);
        }
    }

    /// The iteration's SB3 log, after its last epoch.
    fn finish_iteration(&mut self, update: &Update, clock: &dyn Fn() -> f64) -> &Metrics {
        let m = &mut self.metrics;
        let c = update.count as f64;
        m.iterations += 1;
        m.n_updates += self.config.n_epochs as u64;
        m.policy_gradient_loss = update.pg_sum / c;
        m.value_loss = update.v_sum / c;
        m.entropy_loss = update.ent_sum / c;
        m.clip_fraction = update.clip_sum / c;
        m.approx_kl = update.kl_last_epoch.0 / update.kl_last_epoch.1 as f64;
        m.loss = update.last.loss;
        m.learning_rate = update.lr;
        m.clip_range = update.coefs.clip_range;
        m.explained_variance = explained_variance(&self.buffer.values, &self.buffer.returns);
        let episodes = &self.collector.episodes;
        m.ep_rew_mean = episodes.ep_rew_mean();
        m.ep_len_mean = episodes.ep_len_mean();
        let t = clock().max(f64::EPSILON);
        m.time_elapsed = t;
        m.total_timesteps = self.collector.num_timesteps;
        m.fps = m.total_timesteps as f64 / t;
        &self.metrics
    }

    // ─────────────────────────── What a caller reads ───────────────────────────

    /// The metrics of the last iteration.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    // Three of the `Learner` trait's getters, inherent as well for callers that do not
    // import the trait (xtask's bench).

    /// Environment steps taken so far, over all envs.
    pub fn total_timesteps(&self) -> u64 {
        Learner::total_timesteps(self)
    }



    /// Mean return of the last `n` finished episodes, if there are `n`.
    pub fn rolling_return(&self, n: usize) -> Option<f64> {
        Learner::rolling_return(self, n)
    }

    /// True once the budget of `total_timesteps` is spent.
    pub fn is_done(&self) -> bool {
        Learner::is_done(self)
    }



    /// A copy of the current actor and critic.
    pub fn agent(&self) -> Agent {
        Agent {
            env: self.env_version,
            nets: Nets::ActorCritic { algo: Algo::Ppo, actor: self.actor.clone(), critic: self.critic.clone() },
            meta: serde_json::to_string(&RunMeta {
                config: &self.config,
                seed: self.seed,
                total_timesteps: self.collector.num_timesteps,
            })
            .ok() // `Option::expect`: no JSON error text in the wasm build
            .expect("a config always serialises"),
        }
    }

    /// The last rollout (for inspection and tests).
    pub fn buffer(&self) -> &RolloutBuffer {
        &self.buffer
    }
}

impl Learner for Ppo {
    learner_common!(Algo::Ppo);
    fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> bool {
        Ppo::step_phase(self, clock).is_some()
    }
    fn phase(&self) -> &'static str {
        Ppo::phase(self).name()
    }
    fn at_iteration_start(&self) -> bool {
        Ppo::at_iteration_start(self)
    }
    fn log(&self) -> Vec<(&'static str, LogValue)> {
        self.metrics.log_values()
    }
    fn tables(&self) -> Vec<Vec<(&'static str, LogValue)>> {
        vec![self.metrics.log_values()]
    }
    fn nets(&self) -> Vec<&Mlp<f32>> {
        vec![&self.actor, &self.critic]
    }
    fn nets_mut(&mut self) -> Vec<&mut Mlp<f32>> {
        vec![&mut self.actor, &mut self.critic]
    }
    fn act_greedy(&self, obs: &[f32; 4]) -> usize {
        greedy_action(&self.actor, obs)
    }
}

/// What a trained agent's `meta` records about its run.
#[derive(Serialize)]
struct RunMeta<'a> {
    config: &'a PpoConfig,
    seed: u64,
    total_timesteps: u64,
}

/// One update (n_epochs over a rollout): its schedules, and sums over its minibatches.
#[derive(Clone, Copy, Debug, Default)]
struct Update {
    lr: f64,
    coefs: LossCoefs,
    pg_sum: f64,
    v_sum: f64,
    ent_sum: f64,
    clip_sum: f64,
    count: usize,
    last: LossStats,
    kl_last_epoch: (f64, usize),
}

impl Update {
    fn add(&mut self, st: LossStats) {
        self.pg_sum += st.policy_gradient_loss;
        self.v_sum += st.value_loss;
        self.ent_sum += st.entropy_loss;
        self.clip_sum += st.clip_fraction;
        self.count += 1;
        self.kl_last_epoch.0 += st.approx_kl;
        self.kl_last_epoch.1 += 1;
        self.last = st;
    }
}

/// One minibatch gathered from the rollout, and the space its forward and backward passes
/// use (kept across updates so the hot loop does not allocate).
struct Minibatch {
    /// A permutation of the rollout's rows, reshuffled each epoch.
    indices: Vec<usize>,
    obs: Array2<f32>,
    actions: Vec<usize>,
    old_log_probs: Array1<f32>,
    advantages: Array1<f32>,
    returns: Array1<f32>,
    d_logits: Array2<f32>,
    d_values: Array2<f32>,
    actor_tape: Tape<f32>,
    critic_tape: Tape<f32>,
    actor_grads: Mlp<f32>,
    critic_grads: Mlp<f32>,
}

impl Minibatch {
    fn new(actor: &Mlp<f32>, critic: &Mlp<f32>) -> Minibatch {
        Minibatch {
            indices: Vec::new(),
            obs: Array2::zeros((0, OBS_DIM)),
            actions: Vec::new(),
            old_log_probs: Array1::zeros(0),
            advantages: Array1::zeros(0),
            returns: Array1::zeros(0),
            d_logits: Array2::zeros((0, N_ACTIONS)),
            d_values: Array2::zeros((0, 1)),
            actor_tape: Tape::default(),
            critic_tape: Tape::default(),
            actor_grads: actor.zeros_like(),
            critic_grads: critic.zeros_like(),
        }
    }

    /// Copies the rollout rows `indices[range]`.
    fn gather(&mut self, buffer: &RolloutBuffer, range: std::ops::Range<usize>) {
        let m = range.len();
        if self.obs.nrows() != m {
            self.obs = Array2::zeros((m, OBS_DIM));
            self.old_log_probs = Array1::zeros(m);
            self.advantages = Array1::zeros(m);
            self.returns = Array1::zeros(m);
            self.d_logits = Array2::zeros((m, N_ACTIONS));
            self.d_values = Array2::zeros((m, 1));
        }
        self.actions.clear();
        for (k, &i) in self.indices[range].iter().enumerate() {
            self.obs.row_mut(k).assign(&buffer.obs.row(i));
            self.actions.push(buffer.actions[i]);
            self.old_log_probs[k] = buffer.log_probs[i];
            self.advantages[k] = buffer.advantages[i];
            self.returns[k] = buffer.returns[i];
        }
    }
}
