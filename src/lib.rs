//! # rl-live core
//!
//! The pure-Rust engine behind a talk on reinforcement learning that runs in the browser.
//! Nothing here knows about JavaScript, the DOM or WebAssembly; `wasm.rs` is the only
//! JS-facing layer and is compiled for `wasm32` alone.
//!
//! - [`cartpole`]: Gymnasium's CartPole-v1 / v0, bit for bit.
//! - [`mlp`], [`adam`]: a hand-written MLP on ndarray with its backward pass, and Adam.
//! - [`categorical`], [`agent`]: the action distribution; a trained actor + critic and its file format.
//! - [`ppo`]: PPO as stable-baselines3 defines it (the clipped update, its config and log keys),
//!   on what any algorithm shares: [`rollout`] (buffer, collection, GAE), [`episodes`]
//!   (ep_rew_mean), [`schedule`], [`sb3_log`] (SB3's table), [`schema`] (declared configs).
//! - [`a2c`] (with [`rmsprop`]) and [`dqn`]: the other two algorithms of the race, on the same
//!   shared modules; [`solved`]: when a run counts as solved, for all three.
//! - [`model`], [`planner`], [`model_based`]: model-based RL: a true and a learned model of
//!   CartPole, MPC by sampling action sequences, and the collect → fit → plan → refit loop.
//! - [`fib`], [`td`], [`bandit`]: the engines of the talk's small demos.
//! - [`shortest`]: numbers in messages, written as JavaScript writes them.
//! - [`seed`]: fresh seeds from the platform's random source, for "new seed" buttons.

pub mod a2c;
pub mod adam;
pub mod agent;
pub mod bandit;
pub mod cartpole;
pub mod dqn;
pub mod categorical;
pub mod evaluation;
pub mod episodes;
pub mod fib;
pub mod learner;
pub mod mlp;
pub mod model;
pub mod model_based;
pub mod planner;
pub mod ppo;
pub mod rmsprop;
pub mod rollout;
pub mod sb3_log;
pub mod schedule;
pub mod schema;
pub mod seed;
pub mod shortest;
pub mod solved;
pub mod td;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
