//! Rollouts: the vector of CartPoles every algorithm steps ([`Collector::step_env`], DQN
//! included), and for the on-policy ones (PPO, A2C) the buffer one rollout fills and GAE.
//!
//! SB3's `RolloutBuffer` and the `collect_rollouts` loop of `OnPolicyAlgorithm`.

use crate::agent::{N_ACTIONS, OBS_DIM};
use crate::cartpole::{CartPole, Step, Version};
use crate::categorical;
use crate::episodes::EpisodeStats;
use crate::mlp::{Mlp, Tape};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::RngExt;
use rand::rngs::StdRng;
use std::ops::Range;

/// One rollout: `n_steps × n_envs` transitions, stored step-major (row `t·n_envs + e`).
#[derive(Clone, Debug)]
pub struct RolloutBuffer {
    pub n_envs: usize,
    pub n_steps: usize,
    /// Observations the actions were taken in, (n_steps·n_envs) × 4.
    pub obs: Array2<f32>,
    pub actions: Vec<usize>,
    /// Rewards, with γ·V(s_final) added on truncated steps.
    pub rewards: Vec<f32>,
    /// Whether `obs` of that row is the first of an episode.
    pub episode_starts: Vec<bool>,
    /// V(s) predicted during the rollout.
    pub values: Vec<f32>,
    /// log π_old(a|s) during the rollout.
    pub log_probs: Vec<f32>,
    pub advantages: Vec<f32>,
    /// advantages + values: the critic's regression targets.
    pub returns: Vec<f32>,
}

impl RolloutBuffer {
    pub fn new(n_envs: usize, n_steps: usize) -> RolloutBuffer {
        let n = n_envs * n_steps;
        RolloutBuffer {
            n_envs,
            n_steps,
            obs: Array2::zeros((n, OBS_DIM)),
            actions: vec![0; n],
            rewards: vec![0.0; n],
            episode_starts: vec![false; n],
            values: vec![0.0; n],
            log_probs: vec![0.0; n],
            advantages: vec![0.0; n],
            returns: vec![0.0; n],
        }
    }

    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }
}

/// Generalised Advantage Estimation exactly as SB3's `compute_returns_and_advantage`:
///
/// δₜ = rₜ + γ·V(sₜ₊₁)·(1 − doneₜ₊₁) − V(sₜ);  Aₜ = δₜ + γλ·(1 − doneₜ₊₁)·Aₜ₊₁;  Rₜ = Aₜ + V(sₜ)
///
/// where "doneₜ₊₁" is whether sₜ₊₁ starts a new episode (`episode_starts` of the next row,
/// or `last_dones` after the last step) and V after the last step is `last_values`.
/// Slices are step-major with `n_envs` columns. Returns (advantages, returns).
#[allow(clippy::too_many_arguments)]
pub fn compute_gae(
    n_envs: usize,
    rewards: &[f32],
    values: &[f32],
    episode_starts: &[bool],
    last_values: &[f32],
    last_dones: &[bool],
    gamma: f64,
    gae_lambda: f64,
    advantages: &mut [f32],
    returns: &mut [f32],
) {
    let n_steps = rewards.len() / n_envs;
    let (gamma, lam) = (gamma as f32, gae_lambda as f32);
    for e in 0..n_envs {
        let mut last_gae = 0f32;
        for t in (0..n_steps).rev() {
            let i = t * n_envs + e;
            let (next_non_terminal, next_value) = if t + 1 == n_steps {
                (1.0 - last_dones[e] as u8 as f32, last_values[e])
            } else {
                (1.0 - episode_starts[i + n_envs] as u8 as f32, values[i + n_envs])
            };
            let delta = rewards[i] + gamma * next_value * next_non_terminal - values[i];
            last_gae = delta + gamma * lam * next_non_terminal * last_gae;
            advantages[i] = last_gae;
            returns[i] = last_gae + values[i];
        }
    }
}

/// `n_envs` CartPoles stepped in lockstep by an actor and a critic, filling a
/// [`RolloutBuffer`] (SB3's `collect_rollouts` with its `VecEnv`).
pub struct Collector {
    pub envs: Vec<CartPole>,
    /// The observation each env is in now, one row per env.
    pub last_obs: Array2<f32>,
    /// Whether `last_obs` starts an episode.
    pub last_episode_starts: Vec<bool>,
    /// Environment steps so far, over all envs (SB3's `num_timesteps`).
    pub num_timesteps: u64,
    pub episodes: EpisodeStats,
    actor_tape: Tape<f32>,
    critic_tape: Tape<f32>,
    /// The last [`Collector::act`]'s logits (n_envs × actions, row-major) and values (n_envs):
    /// reused buffers, no allocation per step.
    act_logits: Vec<f32>,
    act_values: Vec<f32>,
}

impl Collector {
    /// Env `i` is seeded with `seed·1000 + i` and reset.
    pub fn new(version: Version, n_envs: usize, seed: u64) -> Collector {
        let mut envs: Vec<CartPole> =
            (0..n_envs).map(|i| CartPole::new(version, seed.wrapping_mul(1000).wrapping_add(i as u64))).collect();
        let mut last_obs = Array2::zeros((n_envs, OBS_DIM));
        for (e, env) in envs.iter_mut().enumerate() {
            last_obs.row_mut(e).assign(&ArrayView1::from(&env.reset()));
        }
        Collector {
            envs,
            last_obs,
            last_episode_starts: vec![true; n_envs],
            num_timesteps: 0,
            episodes: EpisodeStats::new(n_envs),
            actor_tape: Tape::default(),
            critic_tape: Tape::default(),
            act_logits: Vec::new(),
            act_values: Vec::new(),
        }
    }

    /// Runs the actor and critic on `last_obs`; returns V(s) of each env's current observation.
    pub fn act(&mut self, actor: &Mlp<f32>, critic: &Mlp<f32>) -> &[f32] {
        let logits = actor.forward_tape(self.last_obs.view(), &mut self.actor_tape);
        self.act_logits.clear();
        self.act_logits.extend(logits.iter().copied());
        let values = critic.forward_tape(self.last_obs.view(), &mut self.critic_tape);
        self.act_values.clear();
        self.act_values.extend(values.iter().copied());
        &self.act_values
    }

    /// Fills the rows of `steps` (of `n_steps`) in `buffer`: sample an action per env from the
    /// actor, step every env, record. Episodes that end are reset at once (SB3's `VecEnv`
    /// auto-reset).
    pub fn collect(&mut self, actor: &Mlp<f32>, critic: &Mlp<f32>, rng: &mut StdRng, gamma: f64, buffer: &mut RolloutBuffer, steps: Range<usize>) {
        let n_envs = self.envs.len();
        let gamma = gamma as f32;
        for t in steps {
            self.act(actor, critic);
            for e in 0..n_envs {
                let i = t * n_envs + e;
                let mut lp = [0f32; N_ACTIONS];
                categorical::log_softmax(ArrayView1::from(&self.act_logits[e * N_ACTIONS..(e + 1) * N_ACTIONS]), &mut lp);
                let action = categorical::sample(&lp, rng.random::<f64>());
                buffer.obs.row_mut(i).assign(&self.last_obs.row(e));
                buffer.actions[i] = action;
                buffer.values[i] = self.act_values[e];
                buffer.log_probs[i] = lp[action];
                buffer.episode_starts[i] = self.last_episode_starts[e];

                let step = self.step_env(e, action);
                let mut reward = step.reward as f32;
                // Bootstrap on truncation: a time limit is not a real end, so SB3 adds
                // γ·V(terminal observation) to the last reward (not when terminated too).
                if step.truncated && !step.terminated {
                    let v = critic.forward(ArrayView2::from_shape((1, OBS_DIM), &step.obs).unwrap());
                    reward += gamma * v[[0, 0]];
                }
                buffer.rewards[i] = reward;
            }
            self.num_timesteps += n_envs as u64;
        }
    }

    /// Steps env `e` with `action` as one column of a vector step: records the episode
    /// statistics, resets the env at once when the episode ends (SB3's `VecEnv` auto-reset),
    /// and returns the step with the observation it reached (the terminal one on an end).
    /// The caller adds `n_envs` to `num_timesteps` once every env has stepped.
    pub fn step_env(&mut self, e: usize, action: usize) -> Step {
        let step = self.envs[e].step(action);
        let done = step.terminated || step.truncated;
        // Counted at the end of the current vector step, as SB3's num_timesteps is.
        self.episodes.record(e, step.reward, done, self.num_timesteps + self.envs.len() as u64);
        let next = if done { self.envs[e].reset() } else { step.obs };
        self.last_obs.row_mut(e).assign(&ArrayView1::from(&next));
        self.last_episode_starts[e] = done;
        step
    }

    /// GAE over the whole of `buffer`, bootstrapped with V of the observation after its last
    /// step (the end of SB3's `collect_rollouts`).
    pub fn compute_advantages(&mut self, actor: &Mlp<f32>, critic: &Mlp<f32>, gamma: f64, gae_lambda: f64, buffer: &mut RolloutBuffer) {
        self.act(actor, critic);
        let b = buffer;
        compute_gae(
            self.envs.len(),
            &b.rewards,
            &b.values,
            &b.episode_starts,
            &self.act_values,
            &self.last_episode_starts,
            gamma,
            gae_lambda,
            &mut b.advantages,
            &mut b.returns,
        );
    }
}

/// Population variance (numpy's `np.var`).
fn variance(x: impl Iterator<Item = f64> + Clone) -> f64 {
    let n = x.clone().count() as f64;
    let mean = x.clone().sum::<f64>() / n;
    x.map(|v| (v - mean) * (v - mean)).sum::<f64>() / n
}

/// SB3's `explained_variance(y_pred, y_true)`: 1 − Var(y_true − y_pred)/Var(y_true), NaN when
/// Var(y_true) = 0. Logged as train/explained_variance of the critic over a rollout.
pub fn explained_variance(y_pred: &[f32], y_true: &[f32]) -> f64 {
    let var_y = variance(y_true.iter().map(|&v| v as f64));
    if var_y == 0.0 {
        return f64::NAN;
    }
    1.0 - variance(y_true.iter().zip(y_pred).map(|(&t, &p)| t as f64 - p as f64)) / var_y
}

/// The limits every on-policy config shares: a rollout of `n_envs × n_steps` transitions holds
/// at most 65536, and the budget is at least one rollout.
pub fn check_rollout(n_envs: usize, n_steps: usize, total_timesteps: u64) -> Result<(), String> {
    let rollout = n_envs * n_steps;
    if rollout > 65_536 {
        return Err(format!("n_envs × n_steps = {rollout} is over the 65536 transitions a rollout may hold"));
    }
    if total_timesteps < rollout as u64 {
        return Err(format!("total_timesteps = {total_timesteps} is outside {rollout}..=10000000 (at least one rollout)"));
    }
    Ok(())
}

/// (A − mean) / (std + 1e-8) with torch's unbiased std; a single sample is left alone.
pub fn normalise_advantages(adv: &mut Array1<f32>) {
    let n = adv.len();
    if n < 2 {
        return;
    }
    let mean = adv.iter().map(|&a| a as f64).sum::<f64>() / n as f64;
    let var = adv.iter().map(|&a| (a as f64 - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let (mean, denom) = (mean as f32, (var.sqrt() + 1e-8) as f32);
    adv.mapv_inplace(|a| (a - mean) / denom);
}

/// SB3's `ActorCriticPolicy` networks: an actor (logits) and a critic (V) of the same hidden
/// widths, tanh, orthogonal init with SB3's gains: √2 hidden, 0.01 policy head, 1 value head.
/// The actor draws from `rng` first, then the critic.
pub fn actor_critic(hidden: &[usize], rng: &mut StdRng) -> (Mlp<f32>, Mlp<f32>) {
    let with_out = |n: usize| [&[OBS_DIM], hidden, &[n]].concat();
    let actor = Mlp::orthogonal(&with_out(N_ACTIONS), 2f64.sqrt(), 0.01, rng);
    let critic = Mlp::orthogonal(&with_out(1), 2f64.sqrt(), 1.0, rng);
    (actor, critic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gae_matches_a_hand_worked_example() {
        // Two envs, three steps, γ = λ = ½ (exact in binary). Step-major: [env0, env1] per step.
        // env 0: an episode ends after step 1 (step 2 starts a new one); bootstraps V = 4 at the end.
        // env 1: its last step ends the episode (last_dones), so V = 10 must be ignored.
        let rewards = [1.0, 0.0, 2.0, 0.0, 3.0, 1.0];
        let values = [0.5, 0.0, 1.0, 0.0, 2.0, 0.0];
        let starts = [true, false, false, false, true, false];
        let (mut adv, mut ret) = ([0f32; 6], [0f32; 6]);
        compute_gae(2, &rewards, &values, &starts, &[4.0, 10.0], &[false, true], 0.5, 0.5, &mut adv, &mut ret);
        // env 0 by hand: t2: δ = 3 + ½·4 − 2 = 3, A = 3
        //                t1: next starts an episode: δ = 2 − 1 = 1, A = 1
        //                t0: δ = 1 + ½·1 − ½ = 1, A = 1 + ¼·1 = 1.25
        // env 1:         t2: done: δ = 1, A = 1; t1: A = 0 + ¼·1; t0: A = ¼·¼
        assert_eq!(adv, [1.25, 0.0625, 1.0, 0.25, 3.0, 1.0]);
        assert_eq!(ret, [1.75, 0.0625, 2.0, 0.25, 5.0, 1.0]);
    }

    #[test]
    fn advantage_normalisation_uses_unbiased_std() {
        let mut a = Array1::from(vec![1.0f32, 2.0, 3.0]);
        normalise_advantages(&mut a);
        // mean 2, unbiased std 1
        assert!((a[0] + 1.0).abs() < 1e-6 && a[1].abs() < 1e-6 && (a[2] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn explained_variance_is_sb3s() {
        assert!(explained_variance(&[1.0, 1.0], &[2.0, 2.0]).is_nan());
        assert_eq!(explained_variance(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]), 1.0);
        // Predicting the mean explains nothing.
        assert!(explained_variance(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]).abs() < 1e-12);
    }
}
