//! A2C — Advantage Actor-Critic (Mnih et al., 2016, synchronous) — as stable-baselines3 2.x
//! implements it, on a vector of CartPoles. Read it top to bottom:
//!
//! 1. [`a2c_loss`]: −mean(A·log π(a|s)) + ent_coef·(−mean H) + vf_coef·mean((R − V)²), and
//!    its gradient.
//! 2. [`A2c::new`]: the same actor and critic as PPO, each with PyTorch's RMSprop.
//! 3. [`A2c::train_iteration`]: collect a rollout → advantages (GAE with λ = 1: n-step
//!    returns, bootstrapped on truncation) → SB3's table every `log_interval` iterations
//!    (*before* the update, so iteration 100 shows 99 updates) → one gradient step on the
//!    whole rollout.
//!
//! The rollout, GAE, episode statistics, schedules, clipping and SB3's table are PPO's own
//! ([`crate::rollout`], [`crate::episodes`], [`crate::schedule`], [`crate::sb3_log`]).

pub mod config;
pub mod metrics;

pub use config::A2cConfig;
pub use metrics::Metrics;

use crate::adam::clip_grad_norm;
use crate::agent::{Agent, N_ACTIONS, Nets, greedy_action};
use crate::learner::{Algo, Learner, PhaseLine, learner_common};
use crate::ppo::ROLLOUT_CHUNK_STEPS;
use crate::sb3_log::{LogValue, Sb3Log};
use crate::cartpole::Version;
use crate::categorical;
use crate::mlp::{Mlp, Scalar, Tape};
use crate::rmsprop::RmsProp;
use crate::rollout::{Collector, RolloutBuffer, actor_critic, explained_variance, normalise_advantages};
use crate::schedule;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::Serialize;

// ─────────────────────────────── 1. The loss ───────────────────────────────

/// What the loss reports (SB3's `train/*` of the update).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LossStats {
    /// −mean(A · log π(a|s))
    pub policy_loss: f64,
    /// mean((R − V)²), no ½.
    pub value_loss: f64,
    /// −mean(entropy)
    pub entropy_loss: f64,
    /// policy_loss + ent_coef·entropy_loss + vf_coef·value_loss
    pub loss: f64,
}

/// A2C's loss over a batch, and its gradient with respect to the actor's logits (`d_logits`,
/// B × actions) and the critic's outputs (`d_values`, B × 1), both overwritten.
#[allow(clippy::too_many_arguments)]
pub fn a2c_loss<F: Scalar>(
    logits: ArrayView2<F>,
    values: ArrayView2<F>,
    actions: &[usize],
    advantages: ArrayView1<F>,
    returns: ArrayView1<F>,
    ent_coef: f64,
    vf_coef: f64,
    d_logits: &mut Array2<F>,
    d_values: &mut Array2<F>,
) -> LossStats {
    let b = logits.nrows();
    let n_actions = logits.ncols();
    assert!(n_actions <= 8, "at most 8 actions");
    let inv_b = F::from_f64(1.0 / b as f64);
    let d_neg_entropy = F::from_f64(ent_coef) * inv_b;
    let d_value_scale = F::from_f64(2.0 * vf_coef) * inv_b;
    let mut st = LossStats::default();
    let mut lp = [F::zero(); 8];
    for i in 0..b {
        let lp = &mut lp[..n_actions];
        categorical::log_softmax(logits.row(i), lp);
        let h = categorical::entropy(lp);
        let (a, adv) = (actions[i], advantages[i]);
        st.policy_loss -= (adv * lp[a]).as_f64();
        st.entropy_loss -= h.as_f64();
        categorical::backward(lp, h, a, -adv * inv_b, d_neg_entropy, d_logits.row_mut(i));
        let err = values[[i, 0]] - returns[i];
        st.value_loss += (err * err).as_f64();
        d_values[[i, 0]] = d_value_scale * err;
    }
    let n = b as f64;
    st.policy_loss /= n;
    st.entropy_loss /= n;
    st.value_loss /= n;
    st.loss = st.policy_loss + ent_coef * st.entropy_loss + vf_coef * st.value_loss;
    st
}

// ─────────────────────────────── 2. The learner ───────────────────────────────

/// An A2C learner on `n_envs` CartPoles.
pub struct A2c {
    pub config: A2cConfig,
    pub env_version: Version,
    pub seed: u64,
    pub actor: Mlp<f32>,
    pub critic: Mlp<f32>,
    actor_opt: RmsProp<f32>,
    critic_opt: RmsProp<f32>,
    /// Everything random after the init: action sampling.
    rng: StdRng,
    collector: Collector,
    buffer: RolloutBuffer,
    /// The logger's values (the next table).
    metrics: Metrics,
    /// The table the last iteration wrote, if it wrote one.
    table: Option<Metrics>,
    /// The logger's values after the last iteration, time and rollout keys as of its end.
    live: Metrics,
    update: UpdateSpace,
    /// Where a sliced iteration ([`A2c::step_phase`]) stands: the next rollout step, or
    /// `n_steps` when the update is next.
    cursor: usize,
}

/// The phases of an iteration ([`A2c::step_phase`]), with their pseudocode.
pub const PHASES: [PhaseLine; 2] = [
    ("rollout", "collect n_steps × n_envs steps with the current policy π_θ"),
    ("update", "n-step returns R and advantages Â = R − V(s); one RMSprop step on the whole rollout"),
];

/// The whole rollout as one batch, and the space its passes use (kept across updates).
struct UpdateSpace {
    advantages: Array1<f32>,
    returns: Array1<f32>,
    d_logits: Array2<f32>,
    d_values: Array2<f32>,
    actor_tape: Tape<f32>,
    critic_tape: Tape<f32>,
    actor_grads: Mlp<f32>,
    critic_grads: Mlp<f32>,
}

impl A2c {
    /// A fresh learner. Everything random (init, envs, sampling) follows `seed`.
    pub fn new(config: A2cConfig, env_version: Version, seed: u64) -> Result<A2c, String> {
        config.validate()?;
        let mut rng = StdRng::seed_from_u64(seed);
        let (actor, critic) = actor_critic(&config.hidden, &mut rng);
        let n = config.rollout_size();
        let rms = |net: &Mlp<f32>| RmsProp::new(net, 0.99, config.rms_prop_eps);
        Ok(A2c {
            actor_opt: rms(&actor),
            critic_opt: rms(&critic),
            update: UpdateSpace {
                advantages: Array1::zeros(n),
                returns: Array1::zeros(n),
                d_logits: Array2::zeros((n, N_ACTIONS)),
                d_values: Array2::zeros((n, 1)),
                actor_tape: Tape::default(),
                critic_tape: Tape::default(),
                actor_grads: actor.zeros_like(),
                critic_grads: critic.zeros_like(),
            },
            actor,
            critic,
            rng,
            collector: Collector::new(env_version, config.n_envs, seed),
            buffer: RolloutBuffer::new(config.n_envs, config.n_steps),
            metrics: Metrics { ep_rew_mean: f64::NAN, ep_len_mean: f64::NAN, ..Metrics::default() },
            table: None,
            live: Metrics { ep_rew_mean: f64::NAN, ep_len_mean: f64::NAN, ..Metrics::default() },
            cursor: 0,
            env_version,
            seed,
            config,
        })
    }

    // ─────────────────────────── 3. One iteration ───────────────────────────

    /// One iteration of SB3's `learn`: collect → advantages → a table if
    /// `iterations % log_interval == 0` → train. Returns the table if one was written.
    /// `clock()` returns seconds since training started. Gives the same bits as calling
    /// [`A2c::step_phase`] until it returns true (and finishes an iteration it began).
    pub fn train_iteration(&mut self, clock: &dyn Fn() -> f64) -> Option<&Metrics> {
        if self.cursor != 0 {
            while !self.step_phase(clock) {}
            return self.table.as_ref();
        }
        self.collect(0, self.config.n_steps);
        self.finish_iteration(clock);
        self.table.as_ref()
    }

    /// One slice of an iteration: a chunk of the rollout (≤ [`ROLLOUT_CHUNK_STEPS`] env
    /// steps), or the advantages and the update. True when it finished the iteration.
    pub fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> bool {
        let n_steps = self.config.n_steps;
        if self.cursor < n_steps {
            let end = (self.cursor + (ROLLOUT_CHUNK_STEPS / self.config.n_envs).max(1)).min(n_steps);
            self.collect(self.cursor, end);
            self.cursor = end;
            return false;
        }
        self.cursor = 0;
        self.finish_iteration(clock);
        true
    }

    /// The phase the next [`A2c::step_phase`] works on: "rollout" or "update".
    pub fn phase(&self) -> &'static str {
        PHASES[(self.cursor == self.config.n_steps) as usize].0
    }

    /// Rows `t0..t1` of the rollout, with the current policy.
    fn collect(&mut self, t0: usize, t1: usize) {
        let (actor, critic) = (&self.actor, &self.critic);
        self.collector.collect(actor, critic, &mut self.rng, self.config.gamma, &mut self.buffer, t0..t1);
    }

    /// After the rollout: advantages, SB3's table when due, the update, the live log.
    fn finish_iteration(&mut self, clock: &dyn Fn() -> f64) {
        let (gamma, lambda) = (self.config.gamma, self.config.gae_lambda);
        self.collector.compute_advantages(&self.actor, &self.critic, gamma, lambda, &mut self.buffer);
        self.metrics.iterations += 1;
        self.table = None;
        if self.metrics.iterations.is_multiple_of(self.config.log_interval) {
            self.dump(clock);
        }
        self.train();
        self.live = self.metrics.clone();
        stamp(&mut self.live, &self.collector, clock);
    }

    /// SB3's `A2C.train`: one gradient step on the whole rollout, with the parameters that
    /// collected it (so no ratio, no clipping of the policy).
    fn train(&mut self) {
        let cfg = &self.config;
        let progress = schedule::progress_remaining(self.collector.num_timesteps, cfg.total_timesteps);
        let lr = schedule::linear(cfg.learning_rate, cfg.lr_linear_decay, progress);
        let (b, u) = (&self.buffer, &mut self.update);
        u.advantages.iter_mut().zip(&b.advantages).for_each(|(d, &s)| *d = s);
        u.returns.iter_mut().zip(&b.returns).for_each(|(d, &s)| *d = s);
        if cfg.normalize_advantage {
            normalise_advantages(&mut u.advantages);
        }
        let logits = self.actor.forward_tape(b.obs.view(), &mut u.actor_tape);
        let values = self.critic.forward_tape(b.obs.view(), &mut u.critic_tape);
        let st = a2c_loss(
            logits,
            values,
            &b.actions,
            u.advantages.view(),
            u.returns.view(),
            cfg.ent_coef,
            cfg.vf_coef,
            &mut u.d_logits,
            &mut u.d_values,
        );
        self.actor.backward(&mut u.actor_tape, u.d_logits.view(), &mut u.actor_grads);
        self.critic.backward(&mut u.critic_tape, u.d_values.view(), &mut u.critic_grads);
        clip_grad_norm(&mut [&mut u.actor_grads, &mut u.critic_grads], cfg.max_grad_norm);
        self.actor_opt.step(&mut self.actor, &u.actor_grads, lr);
        self.critic_opt.step(&mut self.critic, &u.critic_grads, lr);

        let m = &mut self.metrics;
        m.n_updates += 1;
        m.learning_rate = lr;
        m.policy_loss = st.policy_loss;
        m.value_loss = st.value_loss;
        m.entropy_loss = st.entropy_loss;
        m.explained_variance = explained_variance(&b.values, &b.returns);
    }

    /// SB3's `dump_logs`: the time and rollout keys as they stand now.
    fn dump(&mut self, clock: &dyn Fn() -> f64) {
        stamp(&mut self.metrics, &self.collector, clock);
        self.table = Some(self.metrics.clone());
    }

    // ─────────────────────────── What a caller reads ───────────────────────────

    /// The logger's values now: the last table's, with `train/*` of the update since.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }





    /// A copy of the current actor and critic (greedy play: the most likely action).
    pub fn agent(&self) -> Agent {
        Agent {
            env: self.env_version,
            nets: Nets::ActorCritic { algo: Algo::A2c, actor: self.actor.clone(), critic: self.critic.clone() },
            meta: serde_json::to_string(&RunMeta { algo: "a2c", config: &self.config, seed: self.seed, total_timesteps: self.total_timesteps() })
                .ok() // `Option::expect`: no JSON error text in the wasm build
                .expect("a config always serialises"),
        }
    }

    /// The last rollout (for inspection and tests).
    pub fn buffer(&self) -> &RolloutBuffer {
        &self.buffer
    }
}

/// The time and rollout keys as they stand now (what SB3's `dump_logs` records).
fn stamp(m: &mut Metrics, collector: &Collector, clock: &dyn Fn() -> f64) {
    m.ep_rew_mean = collector.episodes.ep_rew_mean();
    m.ep_len_mean = collector.episodes.ep_len_mean();
    let t = clock().max(f64::EPSILON);
    m.time_elapsed = t;
    m.total_timesteps = collector.num_timesteps;
    m.fps = m.total_timesteps as f64 / t;
}

impl Learner for A2c {
    learner_common!(Algo::A2c);
    fn step_phase(&mut self, clock: &dyn Fn() -> f64) -> bool {
        A2c::step_phase(self, clock)
    }
    fn phase(&self) -> &'static str {
        A2c::phase(self)
    }
    fn at_iteration_start(&self) -> bool {
        self.cursor == 0
    }
    fn log(&self) -> Vec<(&'static str, LogValue)> {
        self.live.log_values()
    }
    fn tables(&self) -> Vec<Vec<(&'static str, LogValue)>> {
        self.table.iter().map(Metrics::log_values).collect()
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
    algo: &'static str,
    config: &'a A2cConfig,
    seed: u64,
    total_timesteps: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_table_shows_iteration_100_with_99_updates() {
        // SB3 dumps before it trains: train/* at iteration k come from update k − 1.
        let mut a2c = A2c::new(A2cConfig::sb3(), Version::V1, 0).unwrap();
        let clock = || 1.0;
        for k in 1..=99 {
            assert!(a2c.train_iteration(&clock).is_none(), "no table at iteration {k}");
        }
        let table = a2c.train_iteration(&clock).expect("a table at iteration 100").clone();
        assert_eq!((table.iterations, table.n_updates, table.total_timesteps), (100, 99, 500));
        assert_eq!(a2c.metrics().n_updates, 100);
        let text = table.sb3_table();
        assert!(text.contains("|    iterations         | 100"), "{text}");
        assert!(text.contains("|    n_updates          | 99"), "{text}");
        assert!(text.contains("policy_loss") && !text.contains("policy_gradient_loss") && !text.contains("train/loss"), "{text}");
        let keys: Vec<&str> = table.log_values().iter().map(|kv| kv.0).collect();
        assert_eq!(keys, metrics::KEYS);
    }

    #[test]
    fn one_update_per_rollout_with_n_step_returns() {
        // λ = 1: the advantage is the n-step discounted return (bootstrapped) minus V.
        let config = A2cConfig { n_envs: 2, log_interval: 1, ..A2cConfig::zoo() };
        let mut a2c = A2c::new(config, Version::V1, 3).unwrap();
        let (actor0, critic0) = (a2c.actor.clone(), a2c.critic.clone());
        let table = a2c.train_iteration(&|| 1.0).unwrap().clone();
        assert_eq!((table.iterations, table.n_updates, table.total_timesteps), (1, 0, 10));
        assert!(!table.sb3_table().contains("train/"), "no update before the first table");
        assert_eq!(a2c.metrics().n_updates, 1);
        assert_ne!(a2c.actor, actor0);
        assert_ne!(a2c.critic, critic0);
        let b = a2c.buffer();
        for i in 0..b.len() {
            assert!((b.returns[i] - (b.advantages[i] + b.values[i])).abs() < 1e-6);
        }
    }
}
