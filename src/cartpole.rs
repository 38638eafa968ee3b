//! Gymnasium 1.4 `CartPole-v1` / `CartPole-v0`, reproduced bit for bit. (STUB: contract only.)

/// Which registered CartPole: the only difference is the time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `CartPole-v0`: truncated after 200 steps.
    V0,
    /// `CartPole-v1`: truncated after 500 steps.
    V1,
}

impl Version {
    /// Steps after which the TimeLimit wrapper truncates the episode.
    pub fn max_episode_steps(self) -> u32 {
        match self {
            Version::V0 => 200,
            Version::V1 => 500,
        }
    }
    /// Accepts "v0", "v1", "CartPole-v0", "CartPole-v1".
    pub fn parse(name: &str) -> Result<Version, String> {
        match name {
            "v0" | "CartPole-v0" => Ok(Version::V0),
            "v1" | "CartPole-v1" => Ok(Version::V1),
            other => Err(format!("unknown CartPole version {other:?}: expected \"v0\" or \"v1\"")),
        }
    }
    /// Gymnasium's id, e.g. "CartPole-v1".
    pub fn id(self) -> &'static str {
        match self {
            Version::V0 => "CartPole-v0",
            Version::V1 => "CartPole-v1",
        }
    }
}

/// Gymnasium's `kinematics_integrator`: "euler" (default) or anything else (semi-implicit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Integrator {
    #[default]
    Euler,
    SemiImplicitEuler,
}

/// Physical constants; `Default` is Gymnasium's. The deck's robustness sliders change them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Physics {
    pub gravity: f64,
    pub masscart: f64,
    pub masspole: f64,
    /// Half the pole's length.
    pub length: f64,
    pub force_mag: f64,
    pub tau: f64,
}

/// What one `step` returns (Gymnasium's tuple without `info`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub obs: [f32; 4],
    pub reward: f64,
    pub terminated: bool,
    pub truncated: bool,
}

/// One CartPole environment wrapped in its TimeLimit, with its own seeded RNG for resets.
#[derive(Clone, Debug)]
pub struct CartPole {
    _todo: (),
}

impl CartPole {
    /// A new environment; call `reset` before stepping.
    pub fn new(_version: Version, _seed: u64) -> CartPole {
        todo!()
    }
    pub fn with_integrator(self, _integrator: Integrator) -> CartPole {
        todo!()
    }
    /// New episode: each state component uniform in [-0.05, 0.05); returns the f32 observation.
    pub fn reset(&mut self) -> [f32; 4] {
        todo!()
    }
    /// The exact f64 state (x, x_dot, theta, theta_dot).
    pub fn state(&self) -> [f64; 4] {
        todo!()
    }
    /// Overwrites the physics state only (elapsed steps and termination bookkeeping untouched).
    pub fn set_state(&mut self, _state: [f64; 4]) {
        todo!()
    }
    /// One step. `action` 0 pushes left, 1 pushes right; panics on anything else.
    pub fn step(&mut self, _action: usize) -> Step {
        todo!()
    }
}
